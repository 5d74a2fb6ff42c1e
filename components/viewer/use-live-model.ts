"use client";
/**
 * Follows a model while it changes: an EventSource on /api/models/[id]/live (lib/web/live.ts).
 *   - "follow" (the latest revision is shown): each `revision` event's delta is applied to the
 *     payload on screen (lib/structural/live.ts); a gap, a delta that does not fit, or a `reload`
 *     event fetches the payload again (/api/models/[id]/payload). Events are handled one at a time.
 *   - "notify" (an older revision is pinned, ?rev=N): the payload never changes; `head` events
 *     only raise the latest revision known, for the "a newer revision exists" notice.
 * EventSource reconnects by itself after a dropped connection (a closed lid, a restarted
 * instance) and resumes with Last-Event-ID; when the server refused it (the stream is CLOSED) this
 * hook tries again after a pause, and at once when the page becomes visible or the browser online.
 */
import { useEffect, useRef, useState } from "react";
import { applyLiveDelta, type LiveDelta } from "@/lib/structural/live";
import type { ViewerPayload } from "./types";

export interface LiveSource {
  modelId: string;
  /** Share-link token (read-only visitors without an account). */
  share?: string | null;
  mode: "follow" | "notify";
  /** The latest revision when the page was rendered. */
  latestRevision: number;
}

export type LiveState = "connecting" | "live" | "reconnecting" | "offline" | "gone";

export interface LiveNotice {
  text: string;
  revision: number;
}

export interface LiveModel {
  payload: ViewerPayload;
  /** The latest revision this page knows of. */
  latest: number;
  state: LiveState;
  /** The last change announced ("rev 7: added 12 frames by ChatGPT"). */
  notice: LiveNotice | null;
}

const RECONNECT_MS = 3_000;

interface EventData {
  revision: number;
  text?: string;
  delta?: LiveDelta;
}

function parse(e: Event): EventData | null {
  if (!(e instanceof MessageEvent) || typeof e.data !== "string") return null;
  try {
    const d: unknown = JSON.parse(e.data);
    if (!d || typeof d !== "object" || !("revision" in d) || !Number.isInteger(d.revision)) return null;
    return d as EventData;
  } catch {
    return null;
  }
}

export function useLiveModel(initial: ViewerPayload, source: LiveSource | null): LiveModel {
  const [payload, setPayload] = useState(initial);
  const current = useRef(initial);
  const [latest, setLatest] = useState(Math.max(source?.latestRevision ?? 0, initial.revision));
  const [state, setState] = useState<LiveState>("connecting");
  const [notice, setNotice] = useState<LiveNotice | null>(null);

  // The page re-rendered on the server (a server action, a refresh) with a newer revision: take it.
  useEffect(() => {
    if (initial.modelId !== current.current.modelId || initial.revision > current.current.revision) {
      current.current = initial;
      setPayload(initial);
    }
    setLatest((l) => Math.max(l, initial.revision, source?.latestRevision ?? 0));
  }, [initial, source?.latestRevision]);

  const modelId = source?.modelId;
  const share = source?.share ?? null;
  const mode = source?.mode;
  useEffect(() => {
    if (!modelId || !mode) return;
    const base = `/api/models/${encodeURIComponent(modelId)}`;
    const shareQuery = share ? `share=${encodeURIComponent(share)}` : "";
    let es: EventSource | null = null;
    let stopped = false;
    let gone = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let chain: Promise<void> = Promise.resolve();
    let head = current.current.revision;

    const show = (p: ViewerPayload) => {
      current.current = p;
      setPayload(p);
    };
    const reload = async () => {
      const res = await fetch(`${base}/payload${shareQuery ? `?${shareQuery}` : ""}`, { cache: "no-store" });
      if (!res.ok) return;
      const p = (await res.json()) as ViewerPayload;
      if (p.revision > current.current.revision) show(p);
    };
    const onRevision = async (d: EventData, forceReload: boolean) => {
      setLatest((l) => Math.max(l, d.revision));
      const cur = current.current;
      if (d.revision > cur.revision) {
        const next = !forceReload && d.delta && d.revision === cur.revision + 1 ? applyLiveDelta(cur, d.delta, d.revision) : null;
        if (next) show(next);
        else await reload();
      }
      if (d.text) setNotice({ text: d.text, revision: d.revision });
    };
    const queue = (d: EventData | null, forceReload: boolean) => {
      if (!d) return;
      chain = chain.then(() => onRevision(d, forceReload)).catch(() => undefined);
    };

    const connect = () => {
      clearTimeout(retry);
      const after = mode === "follow" ? current.current.revision : head;
      const source = new EventSource(`${base}/live?after=${after}&mode=${mode}${shareQuery ? `&${shareQuery}` : ""}`);
      es = source;
      source.addEventListener("ready", () => setState("live"));
      source.addEventListener("revision", (e) => queue(parse(e), false));
      source.addEventListener("reload", (e) => queue(parse(e), true));
      source.addEventListener("head", (e) => {
        const d = parse(e);
        if (!d) return;
        head = Math.max(head, d.revision);
        setLatest((l) => Math.max(l, d.revision));
        if (d.text) setNotice({ text: d.text, revision: d.revision });
      });
      source.addEventListener("gone", () => {
        gone = true;
        source.close();
        setState("gone");
      });
      source.onerror = () => {
        if (gone || stopped) return;
        if (source.readyState === EventSource.CLOSED) {
          setState("offline");
          retry = setTimeout(connect, RECONNECT_MS);
        } else setState("reconnecting");
      };
    };
    const wake = () => {
      if (!stopped && !gone && es?.readyState === EventSource.CLOSED && document.visibilityState === "visible") connect();
    };
    connect();
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);
    return () => {
      stopped = true;
      clearTimeout(retry);
      es?.close();
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [modelId, share, mode]);

  return { payload, latest, state, notice };
}
