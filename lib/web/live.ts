/**
 * Live viewers: GET /api/models/[id]/live — a Server-Sent Events stream of the model's new
 * revisions, for the viewer page and share links (components/viewer/live-viewer.tsx).
 *
 *   1. access:  the viewer page's rules (lib/db/live.ts liveAccess): the signed-in owner or a
 *               member, or a live share token for this model (`?share=`); otherwise 404, as the
 *               page answers. Checked again on every change and heartbeat: a revoked share link
 *               or a removed member is told "gone" and the stream ends.
 *   2. limits:  at most MAX_STREAMS_PER_VIEWER streams per user (or share token) per instance
 *               (429 beyond); none while the instance shuts down (503).
 *   3. resume:  events carry the revision as their id; a reconnecting EventSource sends
 *               Last-Event-ID (else `?after=N`, the revision the page was rendered at), and the
 *               stream starts with every revision after it (a closed laptop lid catches up).
 *   4. changes: one poller per process reads the revision of every watched model in ONE query
 *               every LIVE_POLL_MS (the revision is on the Model row, so it works with any number
 *               of instances on one database); the revisions a change brings are read once per
 *               model and shared by all its streams.
 *   5. events:  `revision` (id N): the revision's delta (lib/structural/live.ts) and a line such as
 *               "rev 7: added 12 frames by ChatGPT"; `reload` (id N) when a revision has no
 *               delta (too large, an import) or the viewer is more than MAX_CATCH_UP behind: the
 *               client fetches the payload again (payloadResponse); `head` (id N) only, for
 *               viewers pinned to an older revision (`?mode=notify`): "a newer revision exists";
 *               `gone` when access ends. A `: ping` comment every HEARTBEAT_MS keeps proxies from
 *               closing an idle stream; `retry:` tells EventSource how soon to reconnect.
 *   6. cleanup: a stream is dropped when the client disconnects (request abort or stream
 *               cancel), and every stream is ended as soon as the instance starts shutting down
 *               (scripts/serve.mjs waits for requests in flight: open streams must not hold it).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import "server-only";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { latestRevisions, liveAccess, revisionsAfter, type LiveRevision, type LiveRole } from "@/lib/db/live";
import { listConnections } from "@/lib/db/connections";
import { findUserById } from "@/lib/db/users";
import { describeCounts } from "@/lib/structural/patch";
import { loadViewer } from "@/lib/viewer/load";
import { logger, onShutdown } from "@/lib/observability";
import { shuttingDown } from "@/lib/observability/health";

export const LIVE_POLL_MS = 250;
export const HEARTBEAT_MS = 15_000;
export const RETRY_MS = 2_000;
export const MAX_STREAMS_PER_VIEWER = 8;
/** Revisions a reconnecting viewer is sent one by one; further behind, it reloads. */
export const MAX_CATCH_UP = 50;
/** Revisions kept per watched model for the streams that read them. */
const CACHED_REVISIONS = 64;

// ───────────────────────────── the request ─────────────────────────────

const Revision = z.coerce.number().int("a revision is a whole number").min(0, "a revision is 0 or more").max(999_999_999);
const LiveQuery = z.object({
  modelId: z.string().min(1).max(100, "a model id is at most 100 characters"),
  after: Revision.optional(),
  share: z.string().min(1).max(200, "a share token is at most 200 characters").optional(),
  mode: z.enum(["follow", "notify"], { message: 'mode is "follow" (apply changes) or "notify" (newer revision notices only)' }).default("follow"),
});
type LiveQuery = z.infer<typeof LiveQuery>;

const noStore = { "Cache-Control": "private, no-store" };
const fail = (status: number, error: string, message: string, headers: Record<string, string> = {}) =>
  Response.json({ error, message }, { status, headers: { ...noStore, ...headers } });

function parseQuery(req: Request, modelId: string): LiveQuery | Response {
  const url = new URL(req.url);
  const lastEventId = req.headers.get("last-event-id");
  const raw = {
    modelId,
    after: lastEventId || url.searchParams.get("after") || undefined,
    share: url.searchParams.get("share") || undefined,
    mode: url.searchParams.get("mode") || undefined,
  };
  const q = LiveQuery.safeParse(raw);
  if (!q.success) {
    const first = q.error.issues[0];
    return fail(400, "invalid_request", `${first?.path.join(".") || "query"}: ${first?.message ?? "invalid"}. Use ?after=<revision>&mode=follow|notify[&share=<token>].`);
  }
  return q.data;
}

// ───────────────────────────── who made a change ─────────────────────────────

const NAMES_TTL_MS = 5 * 60_000;
const names = new Map<string, { at: number; client: string | null; person: string | null }>();

async function actorNames(r: LiveRevision): Promise<{ client: string | null; person: string | null }> {
  if (!r.actorId) return { client: null, person: null };
  const key = `${r.actorId}\u0000${r.clientId ?? ""}`;
  const hit = names.get(key);
  if (hit && Date.now() - hit.at < NAMES_TTL_MS) return hit;
  const [user, connections] = await Promise.all([findUserById(r.actorId), r.clientId ? listConnections(r.actorId) : []]);
  const client = r.clientId ? (connections.find((c) => c.clientId === r.clientId)?.clientName ?? "an assistant") : null;
  const entry = { at: Date.now(), client, person: user?.name ?? null };
  if (names.size > 1000) names.clear();
  names.set(key, entry);
  return entry;
}

/** "rev 7: added 12 frames by ChatGPT" as this viewer should read it. */
async function describeRevision(r: LiveRevision, viewer: { userId: string | null; role: LiveRole }): Promise<string> {
  const zero = { nodes: 0, frames: 0, supports: 0, sections: 0, materials: 0, loadCases: 0, loads: 0, combinations: 0 };
  const parts = (["added", "updated", "removed"] as const)
    .map((verb) => {
      const text = describeCounts({ ...zero, ...r.counts[verb] });
      return text === "nothing" ? "" : `${verb} ${text}`;
    })
    .filter(Boolean);
  const what = parts.length ? parts.join(", ") : r.summary.replace(/\.$/, "");
  const who = await actorNames(r);
  const by = who.client ?? (r.actorId && r.actorId === viewer.userId ? "you" : viewer.role === "share" ? "an editor" : (who.person ?? "a collaborator"));
  return `rev ${r.revision}: ${what} by ${by}`;
}

// ───────────────────────────── streams and the poller ─────────────────────────────

interface Stream {
  modelId: string;
  viewerKey: string;
  userId: string | null;
  shareToken: string | null;
  role: LiveRole;
  mode: "follow" | "notify";
  /** The last revision this stream has told the client about. */
  sent: number;
  /** Work for this stream runs one job at a time. */
  queue: Promise<void>;
  write(chunk: string): void;
  end(): void;
}

interface Watched {
  streams: Set<Stream>;
  revision: number;
  recent: Map<number, LiveRevision>;
}

const models = new Map<string, Watched>();
const perViewer = new Map<string, number>();
let timer: ReturnType<typeof setInterval> | null = null;
let ticking = false;
let lastBeat = Date.now();

const frame = (event: string, id: number | null, data: unknown) => `${id !== null ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Revisions after `after` (oldest first, at most `limit`), from the model's cache when it has them all. */
async function revisionsFor(w: Watched, modelId: string, after: number, limit: number): Promise<LiveRevision[]> {
  const want: LiveRevision[] = [];
  for (let r = after + 1; r <= w.revision && want.length < limit; r++) {
    const hit = w.recent.get(r);
    if (!hit) break;
    want.push(hit);
  }
  if (want.length === Math.min(limit, Math.max(0, w.revision - after))) return want;
  const read = await revisionsAfter(modelId, after, limit);
  for (const r of read) w.recent.set(r.revision, r);
  for (const k of w.recent.keys()) if (w.recent.size > CACHED_REVISIONS) w.recent.delete(k);
  return read;
}

/** Tells one stream what happened since its last event (or that it lost access). */
async function catchUp(s: Stream): Promise<void> {
  const w = models.get(s.modelId);
  if (!w?.streams.has(s)) return; // ended while this job waited
  const access = await liveAccess(s.modelId, { userId: s.userId, shareToken: s.shareToken });
  if (!access) {
    s.write(frame("gone", null, { message: "This model is no longer available to you." }));
    return s.end();
  }
  s.role = access.role;
  if (access.revision > w.revision) w.revision = access.revision;
  if (access.revision <= s.sent) return;
  if (s.mode === "notify") {
    const [last] = (await revisionsFor(w, s.modelId, access.revision - 1, 1)).slice(-1);
    s.sent = access.revision;
    return s.write(frame("head", access.revision, { revision: access.revision, text: last ? await describeRevision(last, s) : `rev ${access.revision}` }));
  }
  const revs = await revisionsFor(w, s.modelId, s.sent, MAX_CATCH_UP + 1);
  if (revs.length > MAX_CATCH_UP) {
    s.sent = Math.max(access.revision, revs.at(-1)?.revision ?? 0);
    return s.write(frame("reload", s.sent, { revision: s.sent, text: `rev ${s.sent}: many changes since you looked` }));
  }
  for (const r of revs) {
    const text = await describeRevision(r, s);
    if (!r.live) {
      s.sent = Math.max(access.revision, revs.at(-1)?.revision ?? r.revision);
      return s.write(frame("reload", s.sent, { revision: s.sent, text }));
    }
    s.sent = r.revision;
    s.write(frame("revision", r.revision, { revision: r.revision, text, delta: r.live }));
  }
}

function schedule(s: Stream, job: (s: Stream) => Promise<void>): void {
  s.queue = s.queue.then(() => job(s)).catch((err: unknown) => {
    logger.warn("live stream update failed", { modelId: s.modelId, error: err instanceof Error ? err.message : String(err) });
  });
}

/** One poll: the revision of every watched model in one query; streams of changed models catch up. */
async function tick(): Promise<void> {
  if (shuttingDown()) return closeAllStreams();
  if (ticking || models.size === 0) return;
  ticking = true;
  try {
    const latest = await latestRevisions([...models.keys()]);
    const beat = Date.now() - lastBeat >= HEARTBEAT_MS;
    if (beat) lastBeat = Date.now();
    for (const [id, w] of models) {
      const rev = latest.get(id);
      const changed = rev === undefined || rev > w.revision;
      if (rev !== undefined && rev > w.revision) w.revision = rev;
      for (const s of w.streams) {
        if (beat) s.write(": ping\n\n");
        // A deleted model (no row) and a heartbeat both re-check access.
        if (changed || beat) schedule(s, catchUp);
      }
    }
  } catch (err) {
    logger.warn("live poll failed", { error: err instanceof Error ? err.message : String(err) });
  } finally {
    ticking = false;
  }
}

function startPoller(): void {
  if (timer) return;
  onShutdown("live-streams", closeAllStreams);
  lastBeat = Date.now();
  timer = setInterval(() => void tick(), LIVE_POLL_MS);
  timer.unref?.();
}

function add(s: Stream, revision: number): void {
  let w = models.get(s.modelId);
  if (!w) models.set(s.modelId, (w = { streams: new Set(), revision, recent: new Map() }));
  w.revision = Math.max(w.revision, revision);
  w.streams.add(s);
  perViewer.set(s.viewerKey, (perViewer.get(s.viewerKey) ?? 0) + 1);
  startPoller();
}

function remove(s: Stream): void {
  const w = models.get(s.modelId);
  if (!w?.streams.delete(s)) return;
  if (w.streams.size === 0) models.delete(s.modelId);
  const n = (perViewer.get(s.viewerKey) ?? 1) - 1;
  if (n > 0) perViewer.set(s.viewerKey, n);
  else perViewer.delete(s.viewerKey);
  if (models.size === 0 && timer) {
    clearInterval(timer);
    timer = null;
  }
}

/** Ends every open stream (shutdown, tests). */
export function closeAllStreams(): void {
  for (const w of [...models.values()]) for (const s of [...w.streams]) s.end();
}

/** Open streams on this instance (tests, health). */
export function openStreams(): number {
  let n = 0;
  for (const w of models.values()) n += w.streams.size;
  return n;
}

// ───────────────────────────── the route handlers' bodies ─────────────────────────────

/** GET /api/models/[id]/live — the SSE stream (see the file header). */
export async function liveResponse(req: Request, modelId: string): Promise<Response> {
  const q = parseQuery(req, modelId);
  if (q instanceof Response) return q;
  if (shuttingDown()) return fail(503, "unavailable", "This instance is shutting down; reconnect.", { "Retry-After": "1" });
  const user = await getCurrentUser();
  const viewer = { userId: user?.id ?? null, shareToken: q.share ?? null };
  const access = await liveAccess(q.modelId, viewer);
  if (!access) return fail(404, "not_found", "No such model.");
  const viewerKey = viewer.userId ?? `share:${q.share}`;
  if ((perViewer.get(viewerKey) ?? 0) >= MAX_STREAMS_PER_VIEWER) {
    return fail(429, "too_many_streams", `At most ${MAX_STREAMS_PER_VIEWER} live viewers per account at once: close another tab of the viewer.`, { "Retry-After": "30" });
  }
  const encoder = new TextEncoder();
  let stream!: Stream;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      stream = {
        modelId: q.modelId,
        viewerKey,
        ...viewer,
        role: access.role,
        mode: q.mode,
        sent: q.after ?? access.revision,
        queue: Promise.resolve(),
        write(chunk) {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            this.end();
          }
        },
        end() {
          if (!open) return;
          open = false;
          remove(stream);
          try {
            controller.close();
          } catch {
            /* already closed by the client */
          }
        },
      };
      add(stream, access.revision);
      stream.write(`retry: ${RETRY_MS}\n\n`);
      stream.write(frame("ready", null, { revision: access.revision, mode: q.mode }));
      schedule(stream, catchUp);
    },
    cancel() {
      stream?.end();
    },
  });
  req.signal.addEventListener("abort", () => stream?.end(), { once: true });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression middleware must not buffer the stream.
      "Cache-Control": "private, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

/**
 * GET /api/models/[id]/payload[?share=TOKEN] — the latest viewer payload (JSON), for a live viewer
 * that was told to reload. Same access rules as the page; 404 otherwise.
 */
export async function payloadResponse(req: Request, modelId: string): Promise<Response> {
  const share = new URL(req.url).searchParams.get("share");
  if (!modelId || modelId.length > 100 || (share && share.length > 200)) return fail(404, "not_found", "No such model.");
  const user = await getCurrentUser();
  const data = await loadViewer(modelId, user?.id ?? null, share, undefined);
  if (!data) return fail(404, "not_found", "No such model.");
  return Response.json(data.payload, { headers: noStore });
}
