/**
 * The History and Sharing tabs of the viewer page (server side): loads the history and the
 * collaborators for the signed-in user and hands the page's server actions to the client panels.
 * No tabs for someone without access (the page answers "not found" for them anyway).
 */
import { getCurrentUser } from "@/lib/auth/session";
import { historyForPanel } from "@/lib/history/view";
import { CollaboratorError, listCollaborators } from "@/lib/db/collaborators";
import { HistoryPanel } from "./history-panel";
import { SharingPanel } from "./sharing-panel";
import type { CollaborationActions } from "./types";
import type { PanelTab } from "@/components/viewer/side-panel";
import "./panels.css";

export interface ModelPanelsProps {
  modelId: string;
  /** The revision on screen (undefined = latest). */
  revision?: number;
  actions: CollaborationActions;
}

export async function modelPanelTabs({ modelId, revision, actions }: ModelPanelsProps): Promise<PanelTab[]> {
  const user = await getCurrentUser();
  if (!user || !modelId || modelId.length > 100) return [];
  // Both check access in lib/db (no access: null / CollaboratorError); the whole model is not read again here.
  const [history, members] = await Promise.all([historyForPanel(user.id, modelId), listCollaborators(user.id, modelId).catch((e: unknown) => {
      if (e instanceof CollaboratorError) return null;
      throw e;
    })]);
  const role = members?.find((m) => m.userId === user.id)?.role;
  if (!history || !members || !role) return [];
  const { undo, ...sharing } = actions;
  const history_ = (
    <div className="sv-model-panels">
      <HistoryPanel
        modelId={modelId}
        items={history.items}
        latestRevision={history.latestRevision}
        revision={revision ?? history.latestRevision}
        canWrite={role === "owner" || role === "editor"}
        undo={undo}
      />
    </div>
  );
  return [
    { id: "history", label: "History", content: history_ },
    {
      id: "sharing",
      label: "Sharing",
      content: (
        <div className="sv-model-panels">
          <SharingPanel modelId={modelId} currentUserId={user.id} isOwner={role === "owner"} members={members} actions={sharing} />
        </div>
      ),
    },
  ];
}
