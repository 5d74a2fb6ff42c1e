import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";

// GET / – the landing page: what Spectral is, and where to go next (My models when signed in).
export default async function LandingPage() {
  const user = await getCurrentUser();
  return (
    <main className="container hero">
      <h1>Structural models from a conversation.</h1>
      <p className="lead">
        Spectral is a hosted structural-engineering model service with a remote MCP server. Ask ChatGPT, Claude or any MCP
        client to create a model, add nodes, frames, supports, sections, materials and loads, import a nodes-and-frames JSON
        payload or generate a frame or truss, check it and analyse it, then open the model in a 3D viewer in your browser.
      </p>
      <div className="actions" data-testid="landing-actions">
        {user ? (
          <>
            <Link className="btn primary" href="/models">My models</Link>
            <Link className="btn" href="/connect">Connect your assistant</Link>
          </>
        ) : (
          <>
            <Link className="btn primary" href="/signin">Sign in</Link>
            <Link className="btn" href="/signup">Create account</Link>
            <Link className="btn" href="/models">My models</Link>
          </>
        )}
        <Link className="btn" href="/docs/mcp/chatgpt">Connect ChatGPT (docs)</Link>
      </div>
      <section className="cards" aria-label="What you can do">
        <div className="card">
          <h3>Model from chat</h3>
          <p>Nodes, frames, supports, sections, materials, load cases, loads and combinations, in SI, with checks that say what to fix.</p>
        </div>
        <div className="card">
          <h3>Import and generate</h3>
          <p>Bring a nodes-and-frames JSON payload, or generate portal frames, multi-storey frames, buildings, trusses and grids.</p>
        </div>
        <div className="card">
          <h3>See it in 3D</h3>
          <p>Every tool answer carries a viewer link: orbit, select, inspect, share read-only and download a picture.</p>
        </div>
        <div className="card">
          <h3>Your data, your consent</h3>
          <p>OAuth 2.1 with PKCE: you approve each app and its scopes, and you can revoke it at any time.</p>
        </div>
      </section>
    </main>
  );
}
