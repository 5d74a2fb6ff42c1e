/**
 * The official MCP TypeScript client (@modelcontextprotocol/client 2.4) as a real third party,
 * and a headless chromium that plays the user: sign-up or sign-in, then Allow on the consent page.
 */
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/client";
import type { Browser, Page } from "playwright-core";

type Stored = Record<string, unknown>;

/** An OAuthClientProvider that keeps everything in memory and captures the authorization URL. */
export class TestOAuthProvider implements OAuthClientProvider {
  readonly store: { client?: Stored; tokens?: Stored; verifier?: string; discovery?: Stored } = {};
  authorizationUrl: URL | undefined;
  readonly expectedState: string;

  constructor(
    readonly callbackUrl: string,
    readonly opts: { clientName?: string; clientMetadataUrl?: string; preRegisteredClientId?: string } = {},
  ) {
    this.expectedState = `st-${Math.random().toString(36).slice(2)}`;
    if (opts.preRegisteredClientId) this.store.client = { client_id: opts.preRegisteredClientId };
  }

  get redirectUrl() {
    return this.callbackUrl;
  }
  get clientMetadata() {
    return {
      client_name: this.opts.clientName ?? "Spectral e2e client",
      redirect_uris: [this.callbackUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      application_type: "native",
    };
  }
  get clientMetadataUrl() {
    return this.opts.clientMetadataUrl;
  }
  state() {
    return this.expectedState;
  }
  clientInformation() {
    return this.store.client as never;
  }
  saveClientInformation(c: Stored) {
    this.store.client = c;
  }
  tokens() {
    return this.store.tokens as never;
  }
  saveTokens(t: Stored) {
    this.store.tokens = t;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.store.verifier = v;
  }
  codeVerifier() {
    return this.store.verifier!;
  }
  saveDiscoveryState(s: object) {
    this.store.discovery = s as Stored;
  }
  discoveryState() {
    return this.store.discovery as never;
  }
  invalidateCredentials(scope: string) {
    if (scope === "all" || scope === "tokens") delete this.store.tokens;
    if (scope === "all" || scope === "client") delete this.store.client;
  }
}

export function newClient(): Client {
  return new Client({ name: "spectral-e2e", version: "1.0.0" }, { versionNegotiation: { mode: "auto" } } as never);
}

export function transportFor(serverUrl: string, provider: TestOAuthProvider): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), { authProvider: provider });
}

/** connect() until the SDK asks for authorization (it runs PRM → AS metadata → DCR/CIMD first). */
export async function startAuthorization(serverUrl: string, provider: TestOAuthProvider): Promise<{ transport: StreamableHTTPClientTransport; authorizationUrl: URL }> {
  const transport = transportFor(serverUrl, provider);
  const client = newClient();
  try {
    await client.connect(transport);
    throw new Error("connected without authorization");
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
  }
  if (!provider.authorizationUrl) throw new Error("the client did not start authorization");
  return { transport, authorizationUrl: provider.authorizationUrl };
}

export interface BrowserUser {
  name?: string;
  email: string;
  password: string;
}

/**
 * Drives the authorization in a real browser: signs up (when `signUp`) or signs in, checks the
 * consent page, clicks Allow and returns the callback URL the browser was sent to.
 */
export async function approveInBrowser(
  browser: Browser,
  authorizationUrl: URL,
  callbackUrl: string,
  user: BrowserUser,
  opts: { signUp?: boolean; onConsent?: (page: Page) => Promise<void> } = {},
): Promise<URL> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let captured: string | undefined;
  const callback = new URL(callbackUrl);
  await page.route(`${callback.origin}/**`, (route) => {
    captured = route.request().url();
    return route.fulfill({ status: 200, contentType: "text/plain", body: "callback received" });
  });
  try {
    await page.goto(authorizationUrl.toString());
    await page.waitForURL(/\/signin\?/);
    if (opts.signUp) {
      await page.getByRole("link", { name: "Create an account" }).click();
      await page.waitForURL(/\/signup\?/);
      await page.getByLabel("Name").fill(user.name ?? "E2E User");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Create account" }).click();
    } else {
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    await page.getByRole("button", { name: "Allow" }).waitFor({ timeout: 20_000 });
    await opts.onConsent?.(page);
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(`${callback.origin}${callback.pathname}**`, { timeout: 20_000 });
    if (!captured) throw new Error("the callback was not reached");
    return new URL(captured);
  } finally {
    await context.close();
  }
}
