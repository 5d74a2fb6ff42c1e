import { SharePage, sharePageMetadata } from "@/components/viewer/share-page";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props) {
  return sharePageMetadata((await props.params).token, (await props.searchParams).rev);
}

// GET /s/[token][?rev=N] – a read-only share link: the viewer without an account.
export default async function SharedModelPage(props: Props) {
  const [{ token }, sp] = await Promise.all([props.params, props.searchParams]);
  return <SharePage token={token} rev={sp.rev} />;
}
