/**
 * The live-viewer scenario shared by the SQLite suite and the two-instance PostgreSQL suite: each
 * revision must appear in the open page without a navigation.
 */
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { shown, stillSamePage, toastText, waitForRevision, type Assistant } from "./live";

/**
 * The assistant's writes, each checked in the open page before the next: add (a second column
 * and bay), update (move a node), remove (a frame), undo (the frame comes back). Returns the
 * time from each tool answer to the page showing its revision.
 */
export async function writesAppearLive(page: Page, a: Assistant, modelId: string, first: number): Promise<number[]> {
  const took: number[] = [];
  const step = async (rev: number, call: () => Promise<unknown>, expected: { nodes: number; frames: number }, toast: RegExp) => {
    await call();
    took.push(await waitForRevision(page, rev));
    expect(await shown(page)).toEqual({ revision: rev, ...expected });
    expect(await toastText(page)).toMatch(toast);
    expect(await page.getByTestId("revision").textContent()).toBe(`rev ${rev}`);
    expect(await stillSamePage(page), "the page was not reloaded").toBe(true);
  };
  await step(first + 1, () => a.call("add_elements", { modelId, nodes: [{ ref: "d", label: "D", x: 6, y: 0, z: 0 }, { ref: "e", label: "E", x: 12, y: 0, z: 4 }], frames: [{ label: "C2", i: "d", j: "C" }, { label: "B2", i: "C", j: "e" }] }), { nodes: 5, frames: 4 }, new RegExp(`^rev ${first + 1}: added 2 nodes, 2 frames by ChatGPT$`));
  await step(first + 2, () => a.call("update_elements", { modelId, nodes: [{ node: "E", at: [12, 0, 5] }] }), { nodes: 5, frames: 4 }, new RegExp(`^rev ${first + 2}: updated 1 node by ChatGPT$`));
  await step(first + 3, () => a.call("remove_elements", { modelId, frames: ["B2"] }), { nodes: 5, frames: 3 }, new RegExp(`^rev ${first + 3}: removed 1 frame by ChatGPT$`));
  await step(first + 4, () => a.call("undo_change", { modelId }), { nodes: 5, frames: 4 }, new RegExp(`^rev ${first + 4}: added 1 frame by ChatGPT$`));
  return took;
}
