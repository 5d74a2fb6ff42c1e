/**
 * Automatic labels: nodes are numbered N1, N2, … and frames F1, F2, … after the highest number
 * already used. The database keeps that number per row (Node.num, Frame.num) so the next label
 * is one indexed MAX instead of a scan; the SQL backfill in prisma/*\/migrations/*_model_counts_spatial_keys
 * applies the same rule.
 */

/** Label prefix of automatically numbered elements. */
export const LABEL_PREFIX = { nodes: "N", frames: "F" } as const;

const NUMBERED = { N: /^N([0-9]{1,9})$/, F: /^F([0-9]{1,9})$/ } as const;

/** N of a label "N<1–9 digits>" (prefix "N") or "F<1–9 digits>" (prefix "F"), else null. */
export function labelNumber(prefix: "N" | "F", label: string): number | null {
  const m = NUMBERED[prefix].exec(label);
  return m ? Number(m[1]) : null;
}
