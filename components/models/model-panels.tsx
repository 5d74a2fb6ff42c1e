/**
 * The history and sharing panels of the viewer page (server component): loads the history and the
 * collaborators for the signed-in user and hands the page's server actions to the client panels.
 * Renders nothing for someone without access (the page answers "not found" for them anyway).
 */
import { getCurrentUser } from "@/lib/auth/session";
import { historyForPanel } from "@/lib/history/view";
import { CollaboratorError, listCollaborators } from "@/lib/db/collaborators";
import { HistoryPanel } from "./history-panel";
import { SharingPanel } from "./sharing-panel";
import type { CollaborationActions } from "./types";
import "./panels.css";

export interface ModelPanelsProps {
  modelId: string;
  /** The revision on screen (undefined = latest). */
  revision?: number;
  actions: CollaborationActions;
}

export async function ModelPanels({ modelId, revision, actions }: ModelPanelsProps) {
  const user = await getCurrentUser();
  if (!user || !modelId || modelId.length > 100) return null;
  // Both check access in lib/db (no access: null / CollaboratorError); the whole model is not read again here.
  const [history, members] = await Promise.all([historyForPanel(user.id, modelId), listCollaborators(user.id, modelId).catch((e: unknown) => {
      if (e instanceof CollaboratorError) return null;
      throw e;
    })]);
  const role = members?.find((m) => m.userId === user.id)?.role;
  if (!history || !members || !role) return null;
  const { undo, ...sharing } = actions;
  return (
    <div className="sv-model-panels">
      <HistoryPanel
        modelId={modelId}
        items={history.items}
        latestRevision={history.latestRevision}
        revision={revision ?? history.latestRevision}
        canWrite={role === "owner" || role === "editor"}
        undo={undo}
      />
      <SharingPanel modelId={modelId} currentUserId={user.id} isOwner={role === "owner"} members={members} actions={sharing} />
    </div>
  );
}
