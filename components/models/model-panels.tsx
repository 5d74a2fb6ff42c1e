/**
 * The History and Sharing tabs of the viewer page, from the data its loader gave
 * (lib/web/model-page.ts `loadModelPanels`), with the page's server actions handed to the client
 * panels. No tabs without that data (someone without access gets "not found" anyway).
 */
import type { ModelPanelsData } from "@/lib/web/model-page";
import { HistoryPanel } from "./history-panel";
import { SharingPanel } from "./sharing-panel";
import type { CollaborationActions } from "./types";
import type { PanelTab } from "@/components/viewer/side-panel";
import "./panels.css";

export interface ModelPanelsProps {
  modelId: string;
  /** The revision on screen. */
  revision: number;
  data: ModelPanelsData | null;
  actions: CollaborationActions;
}

export function modelPanelTabs({ modelId, revision, data, actions }: ModelPanelsProps): PanelTab[] {
  if (!data) return [];
  const { undo, ...sharing } = actions;
  const { role, history, members, currentUserId } = data;
  return [
    {
      id: "history",
      label: "History",
      content: (
        <div className="sv-model-panels">
          <HistoryPanel
            modelId={modelId}
            items={history.items}
            latestRevision={history.latestRevision}
            revision={revision}
            canWrite={role === "owner" || role === "editor"}
            undo={undo}
          />
        </div>
      ),
    },
    {
      id: "sharing",
      label: "Sharing",
      content: (
        <div className="sv-model-panels">
          <SharingPanel modelId={modelId} currentUserId={currentUserId} isOwner={role === "owner"} members={members} actions={sharing} />
        </div>
      ),
    },
  ];
}
