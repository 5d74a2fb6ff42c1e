import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharePage } from "@/components/viewer/share-page";
import { loadSharePage, sharePageTitle } from "@/lib/web/model-page";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The token stays out of Referer headers and search engines.
export async function generateMetadata(props: Props): Promise<Metadata> {
  const title = await sharePageTitle((await props.params).token, (await props.searchParams).rev);
  return { title, referrer: "no-referrer", robots: { index: false, follow: false } };
}

// GET /s/[token][?rev=N] – a read-only share link: the viewer without an account.
export default async function SharedModelPage(props: Props) {
  const [{ token }, sp] = await Promise.all([props.params, props.searchParams]);
  const page = await loadSharePage(token, sp.rev);
  if (page.kind !== "ok") notFound();
  return <SharePage data={page.data} />;
}
