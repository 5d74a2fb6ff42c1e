import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/web/not-found";

export const metadata: Metadata = { title: "Not found" };

// Every "not found" (unknown model or revision, no access, revoked or unknown share link, any other path).
export default function NotFound() {
  return <NotFoundPanel />;
}
