/**
 * Who is signed in. The one helper the rest of the app uses (server components, route handlers,
 * server actions): `getCurrentUser()` reads the next-auth session cookie and confirms the user
 * still exists, so a deleted account is signed out at once. Memoized per request.
 */
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import { findUserById } from "@/lib/db/users";
import { authOptions, sessionCookieName } from "./options";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
}

const load = cache(async (): Promise<CurrentUser | null> => {
  // Reading cookies first makes every caller dynamic (never prerendered at build time), and
  // a request without a session cookie costs nothing more.
  const name = sessionCookieName();
  if (!(await cookies()).getAll().some((c) => c.name === name || c.name.startsWith(`${name}.`))) return null;
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await findUserById(id);
  return user ? { id: user.id, name: user.name, email: user.email } : null;
});

/** The signed-in user, or null. */
export function getCurrentUser(): Promise<CurrentUser | null> {
  return load();
}
