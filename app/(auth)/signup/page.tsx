import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ownOrigins } from "@/lib/env";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { SignUpForm } from "@/components/auth/signup-form";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// GET /signup?callbackUrl=… – create an account (name, email, password), then continue to callbackUrl.
export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const rawCallback = first(sp.callbackUrl);
  // A new account goes on to "connect your assistant" unless it came from somewhere (an OAuth consent).
  const callback = safeCallbackUrl(rawCallback, ownOrigins(), "/connect");
  const callbackUrl = callback === "/" ? "/connect" : callback;
  if ((await getCurrentUser()) && rawCallback) redirect(callbackUrl);
  return (
    <main className="container narrow">
      <h1>Create your Spectral account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="muted">
        Already have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </main>
  );
}
