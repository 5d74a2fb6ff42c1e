"use client";
import { signOut } from "next-auth/react";

/** Signs out of Spectral (next-auth POST /api/auth/signout with its CSRF token), then goes home. */
export function SignOutButton() {
  return (
    <button type="button" className="btn" onClick={() => void signOut({ callbackUrl: "/" })}>
      Sign out
    </button>
  );
}
