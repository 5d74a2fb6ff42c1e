/**
 * The HTML the authorization server renders itself (consent and error pages), as escaped
 * templates. They are served by route handlers so that every response carries the headers the
 * consent flow requires (no framing, no caching, no referrer) — see `securityHeaders`.
 * Every interpolated value goes through `esc` (client names, URLs and error texts are
 * attacker-controlled for self-registered clients).
 */

export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Headers for every page and redirect of the authorization server (RFC 9700 §4.16, §4.12; K2). */
export function securityHeaders(opts: { formAction?: string[] } = {}): Record<string, string> {
  const formAction = ["'self'", ...(opts.formAction ?? [])].join(" ");
  return {
    "Cache-Control": "no-store",
    Pragma: "no-cache",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

const STYLE = `
:root{color-scheme:dark;--bg:#0f1419;--panel:#161d25;--line:#2a3644;--text:#e6edf3;--muted:#9aa7b4;--accent:#4fb3ff;--warn:#ffb347;--danger:#ff6b6b}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{padding:12px 24px;border-bottom:1px solid var(--line);background:var(--panel);font-weight:700}
main{max-width:560px;margin:0 auto;padding:32px 24px}h1{font-size:24px;line-height:1.25;margin:8px 0 16px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:14px 0}
.muted{color:var(--muted)}code{font:13px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;border:1px solid var(--line);font-size:12px;color:var(--muted)}
.badge.warn{border-color:var(--warn);color:var(--warn)}.warning{border-color:#6b4a1f;background:#2a2114}
ul.scopes{padding-left:20px;margin:6px 0}ul.scopes li{margin:4px 0}
.actions{display:flex;gap:12px;margin-top:22px}button{font:inherit;padding:9px 18px;border-radius:8px;border:1px solid var(--line);background:#1d2631;color:var(--text);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#06131f;font-weight:600}dl{margin:0}dt{color:var(--muted);font-size:13px;margin-top:8px}dd{margin:0}
`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(title)} · Spectral</title><style>${STYLE}</style></head>
<body><header>Spectral</header><main>${body}</main></body></html>`;
}

export interface ConsentView {
  action: string;
  csrf: string;
  user: { name: string; email: string };
  client: {
    name: string;
    id: string;
    /** "metadata-document": the client_id is a URL whose document we fetched; else self-registered (DCR). */
    origin: { kind: "metadata-document"; url: string; domain: string } | { kind: "self-registered" };
  };
  redirect: { host: string; loopback: boolean };
  resource: string;
  scopes: { scope: string; description: string }[];
}

export function consentPage(v: ConsentView): string {
  const origin =
    v.client.origin.kind === "metadata-document"
      ? `<dt>Published by</dt><dd><strong>${esc(v.client.origin.domain)}</strong> <span class="muted">(client metadata at <code>${esc(v.client.origin.url)}</code>)</span></dd>`
      : `<dt>Registration</dt><dd><span class="badge warn">self-registered, unverified</span> <span class="muted">Spectral has not checked who runs this app; its name is chosen by the app itself.</span></dd>`;
  const loopback = v.redirect.loopback
    ? `<div class="card warning" role="alert"><strong>This app runs on a computer, not a website.</strong> After you choose, you will be sent to <code>${esc(v.redirect.host)}</code>, a loopback address on the device you are using. Only allow it if you just started this connection yourself, from an app you trust.</div>`
    : "";
  const scopes = v.scopes.map((s) => `<li>${esc(s.description)} <code class="muted">${esc(s.scope)}</code></li>`).join("");
  return layout(
    "Allow access",
    `<h1>Allow <span data-testid="client-name">${esc(v.client.name)}</span> to access your Spectral account?</h1>
<p class="muted">Signed in as ${esc(v.user.name)} (${esc(v.user.email)}).</p>
<div class="card"><dl>
<dt>App</dt><dd><strong>${esc(v.client.name)}</strong></dd>
<dt>Client ID</dt><dd><code>${esc(v.client.id)}</code></dd>
${origin}
<dt>Returns you to</dt><dd><code>${esc(v.redirect.host)}</code></dd>
<dt>Resource</dt><dd><code>${esc(v.resource)}</code></dd>
</dl></div>
${loopback}
<div class="card"><strong>It will be able to:</strong><ul class="scopes">${scopes}</ul>
<p class="muted">You can revoke access at any time under Connected apps.</p></div>
<form method="post" action="${esc(v.action)}">
<input type="hidden" name="csrf" value="${esc(v.csrf)}">
<div class="actions"><button class="primary" type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div>
</form>`,
  );
}

export function errorPage(title: string, message: string, detail?: { error: string; description?: string }): string {
  const code = detail
    ? `<p class="muted">Error: <code>${esc(detail.error)}</code>${detail.description ? ` – ${esc(detail.description)}` : ""}</p>`
    : "";
  return layout(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p>${code}<p><a href="/" style="color:var(--accent)">Spectral home</a></p>`);
}

/** An HTML response with the authorization server's security headers. */
export function htmlResponse(status: number, html: string, extra: { formAction?: string[]; headers?: Record<string, string> } = {}): Response {
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", ...securityHeaders({ formAction: extra.formAction }), ...extra.headers },
  });
}
