"use server";
// Server action of /settings/connections. Next.js rejects server-action POSTs whose Origin does
// not match the host (CSRF); the input is validated with zod; the revocation is scoped to the
// signed-in user, so a forged clientId can only revoke the caller's own access.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeText } from "@/lib/structural/text";
import { getCurrentUser } from "@/lib/auth/session";
import { revokeConnection } from "@/lib/db/connections";

const RevokeInput = z.object({ clientId: safeText(1, 2048) });

/** Revokes every token and grant of one client for the signed-in user, at once. */
export async function revokeConnectionAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent("/settings/connections")}`);
  const parsed = RevokeInput.safeParse({ clientId: formData.get("clientId") });
  if (!parsed.success) redirect("/settings/connections?error=invalid");
  const revoked = await revokeConnection(user.id, parsed.data.clientId);
  revalidatePath("/settings/connections");
  redirect(`/settings/connections?${revoked ? "revoked=1" : "error=gone"}`);
}
