/**
 * GET /api/models/[id]/screenshot?view=iso&width=1200&height=800[&rev=N][&share=TOKEN][&solid=1]
 * The same access rules as the viewer page: the signed-in owner or collaborator, or a live share
 * token; otherwise 401 (not signed in, no token) or 404 (no access — existence is not revealed).
 */
import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/structural/errors";
import { errorResponse } from "@/lib/http/error-response";
import { renderModelPng, ScreenshotOptionsSchema } from "@/lib/viewer/screenshot";

function json(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error, message }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function screenshotResponse(req: Request, modelId: string): Promise<Response> {
  const url = new URL(req.url);
  const q = ScreenshotOptionsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return json(400, "invalid_request", q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const shareToken = url.searchParams.get("share");
  const user = await getCurrentUser();
  if (!user && !shareToken) return json(401, "sign_in_required", "Sign in, or pass a share link token as ?share=.");
  try {
    const png = await renderModelPng({
      modelId,
      revision: q.data.rev,
      view: q.data.view,
      width: q.data.width,
      height: q.data.height,
      access: { userId: user?.id ?? null, shareToken },
      display: q.data.solid === "1" || q.data.solid === "true" ? { solid: true } : undefined,
    });
    return new Response(new Uint8Array(png), {
      status: 200,
      headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=60", "Content-Length": String(png.length) },
    });
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e);
    throw e;
  }
}
