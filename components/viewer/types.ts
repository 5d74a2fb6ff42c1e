/**
 * The viewer's types: those shared with the server (lib/viewer/types.ts) plus the ones only the
 * client needs. Type-only imports from lib/structural: nothing of it is bundled into the widget.
 */
export * from "@/lib/viewer/types";

/** What is picked or selected: a node or a frame, by its index in the payload arrays. */
export type Pick = { kind: "node" | "frame"; index: number };
