/**
 * Security headers of every page and route (next.config.ts `headers()`):
 *   - anti-framing: CSP `frame-ancestors 'none'` and `X-Frame-Options: DENY`, so Revoke, Undo,
 *     Share, invites and consent cannot be clickjacked (RFC 9700 §4.16). Nothing of ours is
 *     meant to be framed: the in-chat viewer is the MCP Apps resource ui://spectral/viewer.html,
 *     delivered inside MCP results (lib/viewer/widget.ts) with its own CSP metadata, never as a page;
 *   - a Content-Security-Policy the viewer (WebGL; troika text workers from blob: URLs), docs and
 *     sign-in work under. Next.js inlines its bootstrap scripts and React sets inline styles, so
 *     script-src and style-src allow 'unsafe-inline'; everything else is same-origin only;
 *     `next dev` also needs 'unsafe-eval' (React Refresh);
 *   - `X-Content-Type-Options: nosniff`;
 *   - `Referrer-Policy: same-origin`: share-link and OAuth interaction URLs carry secrets in the
 *     path, so no referrer leaves the site;
 *   - `Permissions-Policy` turning off device APIs nothing here uses.
 * Pages that need stricter rules set their own (the consent page: lib/oauth/html.ts).
 */
export function contentSecurityPolicy(opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(opts: { dev: boolean }): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  ];
}
