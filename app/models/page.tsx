import type { Metadata } from "next";
import { ModelsList } from "@/components/viewer/models-list";

export const metadata: Metadata = { title: "My models" };

// GET /models – the signed-in user's models (own and shared with them).
export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ModelsList cursor={(await searchParams).cursor} />;
}
