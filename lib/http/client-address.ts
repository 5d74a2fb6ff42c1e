/**
 * Who sent a request, for rate limits and the DNS-rebinding guard, decided by the trusted-proxy
 * setting (SPECTRAL_TRUSTED_PROXIES, lib/env.ts):
 *   - the socket's peer address comes from PEER_HEADER, which this process sets itself on every
 *     request it parses (lib/http/peer.ts), replacing any copy the client sent;
 *   - with no trusted proxy the peer IS the client, and X-Forwarded-For / X-Forwarded-Host are
 *     ignored (anyone can send them; Next.js also fills X-Forwarded-For only when it is absent);
 *   - with a hop count N the chain [peer, X-Forwarded-For right to left…] is walked N steps: the
 *     N nearest hops are our proxies, each of which appended the address it saw;
 *   - with a list of networks the chain is walked while the address is one of our proxies; the
 *     first address outside the list is the client.
 * Walking from the right matters: the left-most entries are whatever the client wrote.
 */
import "server-only";
import { BlockList, isIP } from "node:net";
import type { TrustedProxies } from "@/lib/env";
import { env } from "@/lib/env";

/** Set by this process (never believed from the client): the TCP peer's address. */
export const PEER_HEADER = "x-spectral-peer-address";
/** Set by this process: how many Authorization header lines the request had (Node keeps only the first). */
export const AUTHORIZATION_COUNT_HEADER = "x-spectral-authorization-count";
/** The key used when the peer is unknown (a request handled in-process, not through the HTTP server). */
export const UNKNOWN_PEER = "peer-unknown";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; strips brackets and ports some proxies add; null when not an IP. */
export function normalizeAddress(raw: string): string | null {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a.toLowerCase() : null;
}

const lists = new WeakMap<object, BlockList>();
function blockList(trust: Extract<TrustedProxies, { kind: "networks" }>): BlockList {
  let list = lists.get(trust);
  if (!list) {
    list = new BlockList();
    for (const n of trust.networks) list.addSubnet(n.address, n.prefix, n.family);
    lists.set(trust, list);
  }
  return list;
}

function isTrustedProxy(address: string, trust: TrustedProxies, hop: number): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return hop < trust.hops;
  return blockList(trust).check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** The peer address this process recorded, or null (in-process requests). */
export function peerAddress(headers: HeaderSource): string | null {
  const v = header(headers, PEER_HEADER);
  return v ? normalizeAddress(v) : null;
}

/** Whether the request came through a proxy we trust (so its X-Forwarded-* headers count). */
export function fromTrustedProxy(headers: HeaderSource, trust: TrustedProxies = env().SPECTRAL_TRUSTED_PROXIES): boolean {
  const peer = peerAddress(headers);
  return peer !== null && isTrustedProxy(peer, trust, 0);
}

/** The client's address under the trusted-proxy setting (see the file comment). */
export function clientAddress(headers: HeaderSource, trust: TrustedProxies = env().SPECTRAL_TRUSTED_PROXIES): string {
  const peer = peerAddress(headers);
  if (!peer) return UNKNOWN_PEER;
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  let client = peer;
  for (let hop = 0; isTrustedProxy(client, trust, hop); hop++) {
    const next = forwarded.pop();
    if (next === undefined) break;
    const address = normalizeAddress(next);
    // A malformed entry cannot be keyed on safely: stop at the last address we could read.
    if (!address) break;
    client = address;
  }
  return client;
}

/** The Host the client asked for: X-Forwarded-Host only from a trusted proxy, else Host. Lower case, may be "". */
export function requestHost(headers: HeaderSource, trust: TrustedProxies = env().SPECTRAL_TRUSTED_PROXIES): string {
  const forwarded = fromTrustedProxy(headers, trust) ? header(headers, "x-forwarded-host") : undefined;
  return (forwarded ?? header(headers, "host") ?? "").split(",")[0]!.trim().toLowerCase();
}

/** How many Authorization headers the request carried (1 when this process did not count them). */
export function authorizationHeaderCount(headers: HeaderSource): number {
  const counted = Number(header(headers, AUTHORIZATION_COUNT_HEADER));
  if (Number.isInteger(counted) && counted >= 0) return counted;
  return header(headers, "authorization") === undefined ? 0 : 1;
}
