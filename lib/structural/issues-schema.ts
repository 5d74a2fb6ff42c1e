/**
 * The zod side of issues: the schema of an Issue (MCP output schemas) and zod errors from parsing
 * input at the edge turned into INVALID_INPUT issues. Kept apart from ./issues.ts so that the issue
 * model itself has no run-time dependency (the analysis worker bundles it).
 */
import { z } from "zod";
import { DOF_NAMES } from "./schema";
import { ELEMENT_KINDS, ISSUE_CODE_LIST, SEVERITIES, error, formatPath, type Issue, type IssueCode, type IssuePath } from "./issues";

export const IssueSchema = z.object({
  code: z.enum(ISSUE_CODE_LIST as [IssueCode, ...IssueCode[]]),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  elements: z
    .array(z.object({ kind: z.enum(ELEMENT_KINDS), id: z.string().optional(), label: z.string().optional() }))
    .optional(),
  hint: z.string().optional(),
  dofs: z.array(z.enum(DOF_NAMES)).optional(),
});

/** Convert a zod error (from parsing input at the edge) into INVALID_INPUT issues with paths. */
export function zodErrorToIssues(err: z.ZodError, basePath: IssuePath = []): Issue[] {
  return err.issues.map((zi) => {
    const path = [...basePath, ...zi.path.filter((p): p is string | number => typeof p !== "symbol")];
    const where = path.length > 0 ? `${formatPath(path)}: ` : "";
    return error("INVALID_INPUT", `${where}${zi.message}`, { path, hint: "Fix this field and send the call again." });
  });
}

