"use server";
/**
 * Server actions of the account pages. Next.js checks that a server action's Origin matches
 * the host (CSRF); the input is validated here with zod before anything is written.
 */
import { headers } from "next/headers";
import { SignUpSchema } from "./schemas";
import { clientAddress } from "@/lib/http/client-address";
import { signUp } from "./accounts";

export type SignUpState = { ok: true } | { ok: false; message: string; fields?: Partial<Record<"name" | "email" | "password", string>> };

/** Creates an account. The client signs in with the same credentials when this returns ok. */
export async function signUpAction(input: { name?: unknown; email?: unknown; password?: unknown }): Promise<SignUpState> {
  const parsed = SignUpSchema.safeParse({ name: input?.name, email: input?.email, password: input?.password });
  if (!parsed.success) {
    const fields: Partial<Record<"name" | "email" | "password", string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "name" || key === "email" || key === "password") && !fields[key]) fields[key] = issue.message;
    }
    return { ok: false, message: "Check the highlighted fields.", fields };
  }
  const res = await signUp(parsed.data, clientAddress(await headers()));
  return res.ok ? { ok: true } : { ok: false, message: res.message };
}
