/** Test data written straight through Prisma (users are prerequisites, not the subject, of data-layer tests). */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

export async function createUser(db: Db, name = "Test User"): Promise<{ id: string; email: string; name: string }> {
  const id = `u_${randomBytes(8).toString("hex")}`;
  const email = `${id}@example.test`;
  await db.user.create({ data: { id, name, email } });
  return { id, email, name };
}
