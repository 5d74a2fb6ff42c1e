import type { Metadata } from "next";
import { PasswordResetHelp } from "@/components/auth/password-reset-help";

export const metadata: Metadata = { title: "Reset your password" };

// GET /signin/reset – what to do about a forgotten password on this deployment.
export default function PasswordResetPage() {
  return <PasswordResetHelp />;
}
