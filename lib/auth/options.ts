/**
 * next-auth (v4) configuration: email + password through the credentials provider, JWT sessions
 * in an httpOnly SameSite=Lax cookie (the credentials provider does not support database
 * sessions), sign-in pages at /signin.
 *
 * Origins: next-auth's base URL is the OAuth issuer (SPECTRAL_ISSUER_URL), where the sign-in and
 * consent pages live. When the app and the issuer are different hosts of one parent domain
 * (app.example.com / auth.example.com) the session cookie is scoped to that parent so the app's
 * pages see the same sign-in. Post-sign-in redirects are same-origin only (safeCallbackUrl).
 * The secret is derived from SPECTRAL_SECRET (lib/auth/secrets.ts); NEXTAUTH_SECRET is not used.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { defaultNextAuthUrl, env, ownOrigins } from "@/lib/env";
import { keys } from "./secrets";
import { SignInSchema, safeCallbackUrl } from "./schemas";
import { clientAddress } from "@/lib/http/client-address";
import { signInWithPassword } from "./accounts";

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** The parent domain shared by two hosts (".example.com"), or undefined when they are the same or unrelated. */
export function sharedCookieDomain(appUrl: string, issuerUrl: string): string | undefined {
  const a = new URL(appUrl).hostname;
  const b = new URL(issuerUrl).hostname;
  if (a === b || /^[\d.]+$|:|^localhost$/.test(a) || /^[\d.]+$|:|^localhost$/.test(b)) return undefined;
  const la = a.split(".").reverse();
  const lb = b.split(".").reverse();
  const common: string[] = [];
  for (let i = 0; i < Math.min(la.length, lb.length) && la[i] === lb[i]; i++) common.push(la[i]!);
  return common.length >= 2 ? `.${common.reverse().join(".")}` : undefined;
}

/** Names of the session cookie (next-auth's defaults, chosen by the issuer's scheme). */
export function sessionCookieName(issuerUrl = env().issuerUrl): string {
  return issuerUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

let cached: NextAuthOptions | undefined;

/** The options (built on first use: `next build` imports this file without a configured environment). */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  defaultNextAuthUrl(e.issuerUrl);
  const secure = e.issuerUrl.startsWith("https://");
  const domain = sharedCookieDomain(e.appUrl, e.issuerUrl);
  cached = {
    secret: keys().nextAuthSecret,
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    cookies: {
      sessionToken: {
        name: sessionCookieName(e.issuerUrl),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure, ...(domain ? { domain } : {}) },
      },
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = SignInSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) return null;
          const res = await signInWithPassword(parsed.data, clientAddress(req?.headers ?? {}));
          if (res.ok) return res.user;
          // next-auth turns a thrown error into ?error=<message>; null becomes "CredentialsSignin".
          if (res.reason === "rate_limited") throw new Error("RateLimited");
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.name = user.name;
          token.email = user.email;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = { id: token.sub ?? "", name: token.name ?? "", email: token.email ?? "" } as typeof session.user;
        return session;
      },
      async redirect({ url, baseUrl }) {
        const target = safeCallbackUrl(url, [...ownOrigins(), new URL(baseUrl).origin], "/");
        return target.startsWith("/") ? `${baseUrl}${target}` : target;
      },
    },
  };
  return cached;
}
