import { ModelPage, modelPageMetadata } from "@/components/viewer/model-page";
import { createShareLinkAction, revokeShareLinkAction, saveUnitSystemAction } from "./actions";
import { modelPanelTabs } from "@/components/models/model-panels";
import { parseRevision } from "@/lib/viewer/load";
import {
  changeCollaboratorRoleAction, inviteCollaboratorAction, removeCollaboratorAction, transferOwnershipAction, undoAction,
} from "./collaboration-actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props) {
  return modelPageMetadata((await props.params).id, (await props.searchParams).rev);
}

// GET /models/[id][?rev=N] – the 3D viewer (owner and collaborators; others: sign-in or not found).
export default async function ModelViewerPage(props: Props) {
  const [{ id }, sp] = await Promise.all([props.params, props.searchParams]);
  const tabs = await modelPanelTabs({
    modelId: id,
    revision: parseRevision(sp.rev) ?? undefined,
    actions: { undo: undoAction, invite: inviteCollaboratorAction, changeRole: changeCollaboratorRoleAction, remove: removeCollaboratorAction, transfer: transferOwnershipAction },
  });
  return <ModelPage modelId={id} rev={sp.rev} actions={{ create: createShareLinkAction, revoke: revokeShareLinkAction, saveUnits: saveUnitSystemAction }} tabs={tabs} />;
}
