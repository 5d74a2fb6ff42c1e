/**
 * The in-chat widget's answers stay far under 1 MiB at the 100k-frame import limit, in both
 * protocol eras: every get_model_geometry page (legacy era: each SSE event; modern era: each JSON
 * response), get_viewer, and resources/read of the widget itself. The pages put together are the
 * whole model, in the simplified view (the model is above the threshold).
 *
 * The official Python SDK refuses SSE events over 1 MiB; the pages aim at under half of that.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { useDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { SIMPLIFIED_VIEW_ABOVE_FRAMES } from "@/lib/structural";
import { createDatabase, type TestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { inProcessFetch, ok } from "../support/mcp-inprocess";
import { buildingPayload, SIZES } from "../../bench/lib/building.mjs";

const MiB = 1024 * 1024;

/** Sizes in bytes of every JSON-RPC message the server sent (each SSE event's data, or the JSON body). */
interface Wire {
  messages: number[];
  sse: number;
  /** The largest message of any kind. */
  largest: number;
}

function measuringClient(userId: string, era: "legacy" | "modern", wire: Wire): Promise<Client> {
  const inner = inProcessFetch({ userId });
  const fetchAndMeasure = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await inner(input, init);
    const method = input instanceof Request ? input.method : (init?.method ?? "GET");
    // The legacy client's GET for a server stream is answered 405: not a response to measure.
    if (method !== "POST") return res;
    const body = Buffer.from(await res.arrayBuffer());
    if ((res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
      wire.sse++;
      for (const event of body.toString("utf8").split(/\r?\n\r?\n/)) {
        const data = event.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
        // JSON-RPC responses only (not notifications): one per request.
        const msg = data ? (JSON.parse(data) as Record<string, unknown>) : null;
        if (msg && "id" in msg && !("method" in msg)) wire.messages.push(Buffer.byteLength(event, "utf8"));
        if (data) wire.largest = Math.max(wire.largest, Buffer.byteLength(event, "utf8"));
      }
    } else if (body.length) {
      wire.messages.push(body.length);
      wire.largest = Math.max(wire.largest, body.length);
    }
    return new Response(body, { status: res.status, headers: res.headers });
  };
  const client = new Client(
    { name: "geometry-size", version: "1.0.0" },
    { versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : "legacy" } },
  );
  return client.connect(new StreamableHTTPClientTransport(new URL(env().mcpUrl), { fetch: fetchAndMeasure })).then(() => client);
}

describe("widget answers at the 100k-frame import limit", () => {
  let t: TestDatabase;
  let userId: string;
  let modelId: string;
  let frames: number;
  let nodes: number;

  beforeAll(async () => {
    t = await createDatabase("sqlite");
    useDatabase(t);
    userId = (await createUser(t.db, "Big")).id;
    const built = buildingPayload({ ...SIZES["100k"], name: "100k frames" });
    ({ frames, nodes } = built);
    const importer = await measuringClient(userId, "modern", { messages: [], sse: 0, largest: 0 });
    ({ modelId } = ok<{ modelId: string }>(await importer.callTool({ name: "import_model", arguments: { payload: built.payload } }, { timeout: 300_000 })));
    await importer.close();
  }, 600_000);
  afterAll(async () => {
    useDatabase(null);
    await t?.drop();
  });

  it.each(["legacy", "modern"] as const)("%s era: every page, get_viewer and the widget resource stay under 1 MiB", { timeout: 300_000 }, async (era) => {
    expect(frames).toBeGreaterThan(99_000);
    const wire: Wire = { messages: [], sse: 0, largest: 0 };
    const client = await measuringClient(userId, era, wire);
    try {
      wire.messages.length = 0;
      let cursor: number | null = 0;
      let revision: number | undefined;
      let pages = 0, nodeCount = 0, pairCount = 0;
      const ms: number[] = [];
      while (cursor !== null) {
        const t0 = performance.now();
        const page: { revision: number; simplified: boolean; nextCursor: number | null; nodes: { positions: number[] }; frames: { pairs: number[]; labels?: unknown } } = ok(
          await client.callTool({ name: "get_model_geometry", arguments: { modelId, cursor, ...(revision ? { revision } : {}) } }),
        );
        ms.push(Math.round(performance.now() - t0));
        revision = page.revision;
        expect(page.simplified).toBe(true);
        expect(page.frames.labels).toBeUndefined();
        nodeCount += page.nodes.positions.length / 3;
        pairCount += page.frames.pairs.length / 2;
        cursor = page.nextCursor;
        pages++;
      }
      expect(frames).toBeGreaterThan(SIMPLIFIED_VIEW_ABOVE_FRAMES);
      expect(nodeCount).toBe(nodes);
      expect(pairCount).toBe(frames);
      expect(pages).toBeGreaterThan(1);
      expect(pages).toBeLessThanOrEqual(8);
      const pageSizes = [...wire.messages];
      expect(pageSizes).toHaveLength(pages);
      expect(Math.max(...pageSizes)).toBeLessThan(MiB / 2);

      wire.messages.length = 0;
      const viewer = await client.callTool({ name: "get_viewer", arguments: { modelId } });
      expect(viewer.isError).toBeFalsy();
      const tooLarge = await client.callTool({ name: "get_viewer", arguments: { modelId, include_payload: true } });
      expect(tooLarge.isError).toBe(true);
      await client.readResource({ uri: "ui://spectral/viewer.html" });
      const [viewerBytes, tooLargeBytes, widgetBytes] = wire.messages;
      expect(viewerBytes).toBeLessThan(4 * 1024);
      expect(tooLargeBytes).toBeLessThan(4 * 1024);
      expect(widgetBytes).toBeLessThan(MiB / 2);
      if (era === "legacy") expect(wire.sse).toBeGreaterThan(pages);
      expect(wire.largest).toBeLessThan(MiB / 2);
      console.log(`${era}: ${pages} pages of ${pageSizes.map((b) => Math.round(b / 1024)).join(", ")} KiB in ${ms.join(", ")} ms; get_viewer ${viewerBytes} B; widget ${Math.round(widgetBytes! / 1024)} KiB`);
    } finally {
      await client.close();
    }
  });
});
