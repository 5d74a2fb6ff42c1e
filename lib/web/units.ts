/**
 * The signed-in user's unit system for the viewer (User.unitSystem): read for the page, saved by
 * the viewer's Units control. Anything but "SI" or "US" is refused.
 */
import "server-only";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { getUnitSystem, setUnitSystem } from "@/lib/db/users";
import type { UnitSystem } from "@/lib/viewer/types";
import type { ActionResult } from "./types";

export const UnitSystemSchema = z.enum(["SI", "US"], { message: 'Units must be "SI" (mm, kN) or "US" (in, kip).' });

/** The user's choice, or undefined (the viewer then follows the model's own units). */
export async function unitSystemFor(userId: string): Promise<UnitSystem | undefined> {
  const parsed = UnitSystemSchema.safeParse(await getUnitSystem(userId));
  return parsed.success ? parsed.data : undefined;
}

export async function saveUnitSystemForCurrentUser(input: unknown): Promise<ActionResult> {
  const parsed = UnitSystemSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid units." };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "Sign in to save your units." };
  await setUnitSystem(user.id, parsed.data);
  return { ok: true, value: null };
}
