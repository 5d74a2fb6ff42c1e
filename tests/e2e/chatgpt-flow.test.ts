/**
 * What a ChatGPT user does in the public guide, end to end against the real server: connect
 * with OAuth (ChatGPT's redirect URI, dynamic registration, sign-up and consent in a browser),
 * list the tools and check what ChatGPT relies on (annotations, schemas, security schemes,
 * widget), create "ChatGPT MCP Smoke Test", add a small three-bay frame, import a
 * nodes-and-frames payload after a dry run, and open the returned viewer URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../support/browser";
import type { RunningServer } from "../support/server";
import { uniqueEmail } from "../support/oauth";
import { startServer } from "../support/server";
import { TestOAuthProvider, approveInBrowser, newClient, startAuthorization, transportFor } from "../support/mcp-client";

const CHATGPT_CALLBACK = "https://chatgpt.com/connector_platform_oauth_redirect";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Structured<T> = { structuredContent: T; isError?: boolean; content: { type: string; text?: string }[] };

describe("the ChatGPT guide, end to end", () => {
  it("connects, creates, adds a frame, imports and opens the viewer", { timeout: 180_000 }, async () => {
    // GET /mcp answers 405 (the guide says so), before any auth.
    const get = await fetch(`${server.url}/mcp`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");

    // Connect as ChatGPT would: PRM → AS metadata → DCR with ChatGPT's callback → consent.
    const provider = new TestOAuthProvider(CHATGPT_CALLBACK, { clientName: "ChatGPT" });
    const { transport, authorizationUrl } = await startAuthorization(server.url, provider);
    expect(authorizationUrl.searchParams.get("scope")).toBe("mcp:models:read mcp:models:write");
    const password = "smoke test password 42";
    const email = uniqueEmail("chatgpt");
    const returned = await approveInBrowser(browser, authorizationUrl, CHATGPT_CALLBACK, { name: "Guide Reader", email, password }, { signUp: true });
    await transport.finishAuth(returned.searchParams);

    const client = newClient();
    await client.connect(transportFor(server.url, provider));
    try {
      // Tools as ChatGPT sees them.
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["list_models", "get_model", "create_model", "add_elements", "import_model", "get_viewer", "generate_structure"]));
      for (const t of tools) {
        expect(t.annotations).toMatchObject({ readOnlyHint: expect.any(Boolean), destructiveHint: expect.any(Boolean), openWorldHint: expect.any(Boolean) });
        expect((t._meta as { securitySchemes?: unknown[] }).securitySchemes?.length).toBe(1);
        expect(t.outputSchema).toBeTruthy();
      }
      const create = tools.find((t) => t.name === "create_model")!;
      expect(create.annotations?.readOnlyHint).toBe(false); // ChatGPT asks the user to confirm writes
      expect((create._meta as Record<string, unknown>)["openai/outputTemplate"]).toBe("ui://spectral/viewer.html");
      const instructions = client.getInstructions?.() ?? "";
      expect(instructions).toMatch(/viewerUrl/);

      // "Use Spectral to create an empty model named ChatGPT MCP Smoke Test."
      const smoke = (await client.callTool({ name: "create_model", arguments: { name: "ChatGPT MCP Smoke Test" } })) as unknown as Structured<{ modelId: string; viewerUrl: string; revision: number }>;
      expect(smoke.isError).toBeFalsy();
      expect(smoke.structuredContent.viewerUrl).toBe(`${server.url}/models/${smoke.structuredContent.modelId}`);

      // "Add a small three-bay frame to my test model."
      const frame = (await client.callTool({
        name: "generate_structure",
        arguments: { modelId: smoke.structuredContent.modelId, structure: { type: "frame_2d", bays: 3 } },
      })) as unknown as Structured<{ added: { nodes: number; frames: number; supports: number }; revision: number }>;
      expect(frame.isError).toBeFalsy();
      expect(frame.structuredContent.added).toMatchObject({ nodes: 8, frames: 7, supports: 4 });
      expect(frame.structuredContent.revision).toBe(2);

      // "Create a Spectral model from this nodes-and-frames JSON payload and show the planned arguments first."
      const payload = {
        name: "Concept Grid A",
        units: "m",
        nodes: { A: [0, 0, 0], B: [8, 0, 0], C: [8, 6, 0], D: [0, 6, 0] },
        frames: [
          { id: "G1", start: "A", end: "B", section: "IPE300", material: "S355" },
          { id: "G2", start: "B", end: "C", section: "IPE300", material: "S355" },
          { id: "G3", start: "C", end: "D", section: "IPE300", material: "S355" },
          { id: "G4", start: "D", end: "A", section: "IPE300", material: "S355" },
        ],
        supports: [{ node: "A", type: "pinned" }, { node: "C", type: "pinned" }],
      };
      const dry = (await client.callTool({ name: "import_model", arguments: { payload, dry_run: true } })) as unknown as Structured<{ dryRun: boolean; counts: { frames: number }; modelId: null }>;
      expect(dry.structuredContent).toMatchObject({ dryRun: true, modelId: null, counts: { frames: 4 } });
      const imported = (await client.callTool({ name: "import_model", arguments: { payload } })) as unknown as Structured<{ modelId: string; viewerUrl: string }>;
      expect(imported.isError).toBeFalsy();
      const listed = (await client.callTool({ name: "list_models", arguments: {} })) as unknown as Structured<{ models: { name: string }[] }>;
      expect(listed.structuredContent.models.map((m) => m.name).sort()).toEqual(["ChatGPT MCP Smoke Test", "Concept Grid A"]);

      // The user opens the viewer link: signed out it asks to sign in, signed in it shows the model.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(imported.structuredContent.viewerUrl);
      await page.waitForURL(/\/signin/);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${imported.structuredContent.viewerUrl}**`, { timeout: 20_000 });
      await page.locator("canvas").first().waitFor({ timeout: 20_000 });
      expect(await page.title()).toContain("Concept Grid A");
      await page.getByText("Concept Grid A").first().waitFor({ state: "visible", timeout: 20_000 });
      await context.close();
    } finally {
      await client.close();
    }
  });
});
