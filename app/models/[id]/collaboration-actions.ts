"use server";
// Server actions of the viewer page: undo/restore and collaborators (validation and checks in lib/).
import {
  changeRoleForCurrentUser, inviteForCurrentUser, removeForCurrentUser, transferForCurrentUser, undoForCurrentUser,
} from "@/lib/web/collaboration";

export async function undoAction(input: { modelId: string; toRevision?: number }) {
  return undoForCurrentUser(input);
}

export async function inviteCollaboratorAction(input: { modelId: string; email: string; role: "editor" | "viewer" }) {
  return inviteForCurrentUser(input);
}

export async function changeCollaboratorRoleAction(input: { modelId: string; userId: string; role: "editor" | "viewer" }) {
  return changeRoleForCurrentUser(input);
}

export async function removeCollaboratorAction(input: { modelId: string; userId: string }) {
  return removeForCurrentUser(input);
}

export async function transferOwnershipAction(input: { modelId: string; userId: string }) {
  return transferForCurrentUser(input);
}
