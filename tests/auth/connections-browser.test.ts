/**
 * In a real browser: a new user signs up, connects an app (consent), sees it under Connected
 * apps with its scopes and last use, revokes it, and the app's token stops working at /mcp at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startServer, type RunningServer } from "../support/server";
import { launchBrowser } from "../support/browser";
import { authorizeUrl, exchangeCode, mcpStatus, pkce, refresh, registerClient, uniqueEmail } from "../support/oauth";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("connected apps in the browser", () => {
  it("sign up, connect an app, see it, revoke it", { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const callback = "http://127.0.0.1:47003/callback";
    let captured: string | undefined;
    await page.route("http://127.0.0.1:47003/**", (route) => {
      captured = route.request().url();
      return route.fulfill({ status: 200, body: "ok" });
    });

    // 1. Sign up.
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Grace Hopper");
    await page.getByLabel("Email").fill(uniqueEmail("grace"));
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${server.url}/connect`);
    await expect.poll(() => page.getByTestId("signed-in-user").textContent()).toBe("Grace Hopper");

    // 2. An app registers itself and asks for access; the user allows it.
    const client = await registerClient(server, { client_name: "Browser Test App", redirect_uris: [callback], application_type: "native" });
    const { verifier, challenge } = pkce();
    await page.goto(authorizeUrl(server, { clientId: client.client_id, redirectUri: callback, challenge, state: "b1" }));
    await expect.poll(() => page.getByTestId("client-name").textContent()).toBe("Browser Test App");
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(`${callback}**`);
    const params = new URL(captured!).searchParams;
    expect(params.get("state")).toBe("b1");
    const tokens = await exchangeCode(server, { clientId: client.client_id, code: params.get("code")!, verifier, redirectUri: callback });
    expect(tokens.status).toBe(200);
    expect((await mcpStatus(server, tokens.body.access_token!)).status).toBe(200);

    // 3. It is listed with its scopes, origin and last use.
    await page.goto(`${server.url}/settings/connections`);
    const row = page.getByTestId("connection").filter({ hasText: "Browser Test App" });
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.innerText();
    expect(text).toContain(client.client_id);
    expect(text).toContain("self-registered, unverified");
    expect(text).toContain("See your models");
    expect(text).toContain("Create models, add, change and remove their elements, and undo changes");
    expect(text).toContain("127.0.0.1:47003");
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId("connection").filter({ hasText: "Browser Test App" }).innerText();
      })
      .not.toContain("Never");

    // 4. Revoke: the row disappears and the token is dead at /mcp immediately.
    await page.getByRole("button", { name: "Revoke Browser Test App" }).click();
    await page.waitForURL(/\/settings\/connections\?revoked=1$/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Access revoked");
    expect(await page.getByTestId("connection").count()).toBe(0);
    expect((await mcpStatus(server, tokens.body.access_token!)).status).toBe(401);
    expect((await refresh(server, { clientId: client.client_id, refreshToken: tokens.body.refresh_token! })).body.error).toBe("invalid_grant");

    // 5. Sign out from the header.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole("link", { name: "Sign in" }).first().isVisible()).toBe(true);
    await context.close();
  });
});
