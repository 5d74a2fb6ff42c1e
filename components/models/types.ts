/** Shapes shared by the history and sharing panels and the page's server actions. */
export type ActionResult<T = null> = { ok: true; value: T } | { ok: false; error: string };
export type MemberRole = "editor" | "viewer";

export interface CollaborationActions {
  undo(input: { modelId: string; toRevision?: number }): Promise<ActionResult<{ revision: number; restoredRevision: number }>>;
  invite(input: { modelId: string; email: string; role: MemberRole }): Promise<ActionResult<{ userId: string; name: string }>>;
  changeRole(input: { modelId: string; userId: string; role: MemberRole }): Promise<ActionResult>;
  remove(input: { modelId: string; userId: string }): Promise<ActionResult>;
  transfer(input: { modelId: string; userId: string }): Promise<ActionResult>;
}
