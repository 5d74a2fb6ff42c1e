"use server";
// Server action of /settings/connections (checks in lib/web/connections.ts). Next.js rejects
// server-action POSTs whose Origin does not match the host (CSRF).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { revokeConnectionForCurrentUser } from "@/lib/web/connections";

const PAGE = "/settings/connections";

export async function revokeConnectionAction(formData: FormData): Promise<void> {
  const outcome = await revokeConnectionForCurrentUser(formData);
  if (outcome === "signed_out") redirect(`/signin?callbackUrl=${encodeURIComponent(PAGE)}`);
  if (outcome === "invalid") redirect(`${PAGE}?error=invalid`);
  revalidatePath(PAGE);
  redirect(`${PAGE}?${outcome === "revoked" ? "revoked=1" : "error=gone"}`);
}
