/**
 * Each model the user can read is an MCP resource `spectral://models/{modelId}` whose content is
 * the model in Spectral's canonical JSON (the format import_model reads back).
 */
import type { McpServer, ResourceTemplate as RT, ServerContext } from "@modelcontextprotocol/server";
import { exportCanonical } from "@/lib/structural";
import { listModelsForUser, loadModel, loadModelSummary } from "@/lib/db/models";

/** Nodes + frames + loads above which a model resource is a summary (the whole JSON would be about 1 MB). */
export const MAX_RESOURCE_ROWS = 3_000;
import { SCOPES } from "@/lib/oauth/scopes";
import { ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";

function userOf(ctx: ServerContext): string {
  const auth = ctx.http?.authInfo;
  const userId = (auth?.extra as { userId?: string } | undefined)?.userId;
  if (!auth || !userId || !(auth.scopes.includes(SCOPES.read) || auth.scopes.includes(SCOPES.write))) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Reading models needs the ${SCOPES.read} scope.`);
  }
  return userId;
}

export function registerModelResources(server: McpServer, ResourceTemplate: typeof RT): void {
  server.registerResource(
    "model",
    new ResourceTemplate("spectral://models/{modelId}", {
      list: async (ctx) => {
        const userId = userOf(ctx);
        const { items } = await listModelsForUser(userId, { limit: 200 });
        return {
          resources: items.map((m) => ({
            uri: `spectral://models/${m.id}`,
            name: m.name,
            title: m.name,
            description: `${m.counts.nodes} nodes, ${m.counts.frames} frames, revision ${m.revision} (${m.role})`,
            mimeType: "application/json",
          })),
        };
      },
    }),
    { title: "Spectral model", description: "A structural model in Spectral's canonical JSON (SI units).", mimeType: "application/json" },
    async (uri, variables, ctx) => {
      const userId = userOf(ctx);
      const id = String(Array.isArray(variables.modelId) ? variables.modelId[0] : variables.modelId);
      const summary = await loadModelSummary(id, userId);
      if (!summary) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Resource ${uri.href} not found. Call list_models to see your models.`);
      // A large model is summarised rather than sent whole: no answer nears 1 MiB.
      if (summary.counts.nodes + summary.counts.frames + summary.counts.loads > MAX_RESOURCE_ROWS) {
        const text = JSON.stringify({
          format: "spectral-summary",
          model: { id, name: summary.meta.name, revision: summary.meta.revision, counts: summary.counts, bounds: summary.bounds, units: summary.meta.displayUnits, verticalAxis: summary.meta.verticalAxis },
          note: `This model has ${summary.counts.frames} frames, too many for one resource read. Page through it with get_model (include_elements, offset, limit) or download it with export_model.`,
        });
        return { contents: [{ uri: uri.href, mimeType: "application/json", text }] };
      }
      const found = await loadModel(id, userId);
      if (!found) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Resource ${uri.href} not found. Call list_models to see your models.`);
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(exportCanonical(found.model)) }] };
    },
  );
}
