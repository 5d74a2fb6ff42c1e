export const SIZES: Record<"10k" | "100k", { nx: number; ny: number; ns: number }>;
export function buildingPayload(o: { nx: number; ny: number; ns: number; bay?: number; storey?: number; name?: string }): {
  payload: Record<string, unknown> & { name: string };
  nodes: number;
  frames: number;
};
