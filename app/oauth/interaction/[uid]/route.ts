// GET  /oauth/interaction/:uid – sign-in hand-off or the consent page (lib/oauth/interaction.ts)
// POST /oauth/interaction/:uid – the consent answer (CSRF token + Origin check, 303 back to the provider)
import { showInteraction, submitInteraction } from "@/lib/oauth/interaction";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ uid: string }> }) {
  return showInteraction(req, (await ctx.params).uid);
}

export async function POST(req: Request, ctx: { params: Promise<{ uid: string }> }) {
  return submitInteraction(req, (await ctx.params).uid);
}
