/**
 * Users (accounts) in the database. Emails are stored normalized (trimmed, lower case) and are
 * unique; the password is stored only as the scrypt hash lib/auth/password.ts makes.
 * Callers pass already-validated input (lib/auth/schemas.ts); this file does no policy.
 */
import "server-only";
import { db as processDb, type Db } from "./client";
import { newId } from "./ids";

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  passwordHash: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a user; null when the email is already taken (unique constraint), never a thrown duplicate. */
export async function createUser(
  input: { name: string; email: string; passwordHash: string },
  client?: Db,
): Promise<UserRecord | null> {
  const db = client ?? (await processDb());
  try {
    return await db.user.create({
      data: { id: newId(), name: input.name, email: normalizeEmail(input.email), passwordHash: input.passwordHash },
      select: { id: true, name: true, email: true, passwordHash: true },
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return null;
    throw err;
  }
}

export async function findUserByEmail(email: string, client?: Db): Promise<UserRecord | null> {
  const db = client ?? (await processDb());
  return db.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
}

export async function findUserById(id: string, client?: Db): Promise<{ id: string; name: string; email: string } | null> {
  if (!id) return null;
  const db = client ?? (await processDb());
  return db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true } });
}

/** The user's chosen display unit system ("SI" | "US"), or null when they never chose. */
export async function getUnitSystem(userId: string, client?: Db): Promise<string | null> {
  const db = client ?? (await processDb());
  const row = await db.user.findUnique({ where: { id: userId }, select: { unitSystem: true } });
  return row?.unitSystem ?? null;
}

/** Stores the user's display unit system (validated by the caller). */
export async function setUnitSystem(userId: string, system: "SI" | "US", client?: Db): Promise<void> {
  const db = client ?? (await processDb());
  await db.user.update({ where: { id: userId }, data: { unitSystem: system } });
}
