/**
 * Real access tokens for load tests and benchmarks, minted once at start through the app's own
 * OAuth flow (tests/support/oauth.ts `connect`): a user is created the way sign-up stores it, signs
 * in through next-auth, a client registers (RFC 7591), the user approves on the consent page and
 * the code is exchanged with PKCE for a token bound to the MCP resource. Every MCP request then
 * goes through verifyAccessToken like a real client's.
 */
import { connect, registerClient } from "./oauth";

export interface MintedToken {
  token: string;
  userId: string;
  clientId: string;
}

/** `users` tokens, spread over `clients` registered clients (round robin). */
export async function mintTokens(server: { url: string; databaseUrl: string }, users: number, clients = 1): Promise<MintedToken[]> {
  const s = server as Parameters<typeof connect>[0];
  const regs = [];
  for (let c = 0; c < clients; c++) regs.push(await registerClient(s, { redirect_uris: ["http://127.0.0.1:9/callback"], client_name: `Load client ${c + 1}` }));
  const out: MintedToken[] = [];
  for (let u = 0; u < users; u++) {
    const r = await connect(s, { client: regs[u % regs.length] });
    if (!r.tokens.access_token) throw new Error("no access token");
    out.push({ token: r.tokens.access_token, userId: r.user.id, clientId: r.client.client_id });
  }
  return out;
}
