import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { docsConfig } from "@/lib/docs/config";
import { modelsPage } from "@/lib/web/models";
import { ModelsList } from "@/components/viewer/models-list";
import { deleteModelAction, renameModelAction, undoRenameAction } from "./actions";

export const metadata: Metadata = { title: "My models" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 300) : undefined);

// GET /models – the signed-in user's models (own and shared with them), with rename and delete.
export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const cursor = one(sp.cursor);
  const c = cursor && /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? cursor : undefined;
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(c ? `/models?cursor=${c}` : "/models")}`);
  const { items, nextCursor, readAt } = await modelsPage(user.id, c);
  const cfg = docsConfig();
  const undoId = one(sp.undo), undoRev = one(sp.rev);
  return (
    <ModelsList
      items={items}
      nextCursor={nextCursor}
      now={readAt}
      notice={one(sp.notice)}
      error={one(sp.error)}
      undo={undoId && undoRev ? { modelId: undoId, revision: undoRev } : undefined}
      connect={{ mcpUrl: cfg.mcpUrl, mcpIsLocal: cfg.mcpIsLocal }}
      actions={{ rename: renameModelAction, undo: undoRenameAction, remove: deleteModelAction }}
    />
  );
}
