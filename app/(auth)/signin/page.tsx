import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ownOrigins } from "@/lib/env";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { signInErrorMessage } from "@/lib/auth/messages";
import { SignInForm } from "@/components/auth/signin-form";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// GET /signin?callbackUrl=… – email and password sign-in; returns to callbackUrl (same origin only).
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const rawCallback = first(sp.callbackUrl);
  const callbackUrl = safeCallbackUrl(rawCallback, ownOrigins(), "/");
  const user = await getCurrentUser();
  if (user && rawCallback) redirect(callbackUrl);
  return (
    <main className="container narrow">
      <h1>Sign in</h1>
      {user ? (
        <div className="stack">
          <p className="notice">
            You are signed in as {user.name} ({user.email}).
          </p>
          <SignOutButton />
        </div>
      ) : (
        <>
          <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(first(sp.error))} />
          <p className="muted">
            New to Spectral? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
          </p>
        </>
      )}
    </main>
  );
}
