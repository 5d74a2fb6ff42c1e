import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ModelPage } from "@/components/viewer/model-page";
import { modelPanelTabs } from "@/components/models/model-panels";
import { loadModelPage, modelPageTitle } from "@/lib/web/model-page";
import { createShareLinkAction, revokeShareLinkAction, saveUnitSystemAction } from "./actions";
import { analyseModelAction } from "./analyse-action";
import {
  changeCollaboratorRoleAction, inviteCollaboratorAction, removeCollaboratorAction, transferOwnershipAction, undoAction,
} from "./collaboration-actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: await modelPageTitle((await props.params).id, (await props.searchParams).rev) };
}

// GET /models/[id][?rev=N] – the 3D viewer (owner and collaborators; others: sign-in or not found).
export default async function ModelViewerPage(props: Props) {
  const [{ id }, sp] = await Promise.all([props.params, props.searchParams]);
  const page = await loadModelPage(id, sp.rev);
  if (page.kind === "sign_in") redirect(page.href);
  if (page.kind === "not_found") notFound();
  const tabs = modelPanelTabs({
    modelId: id,
    revision: page.data.viewer.revision,
    data: page.data.panels,
    actions: { undo: undoAction, invite: inviteCollaboratorAction, changeRole: changeCollaboratorRoleAction, remove: removeCollaboratorAction, transfer: transferOwnershipAction },
  });
  const actions = { create: createShareLinkAction, revoke: revokeShareLinkAction, saveUnits: saveUnitSystemAction, analyse: analyseModelAction };
  return <ModelPage data={page.data} actions={actions} tabs={tabs} />;
}
