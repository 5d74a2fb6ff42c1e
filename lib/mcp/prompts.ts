/** The public guide's example workflows, as MCP prompts. */
import { z } from "zod";
import { safeText } from "@/lib/structural";
import type { McpServer } from "@modelcontextprotocol/server";

const user = (text: string) => ({ messages: [{ role: "user" as const, content: { type: "text" as const, text } }] });

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    "create_draft_model",
    {
      title: "Create a draft model",
      description: "Create a new, empty Spectral model and return its viewer link.",
      argsSchema: z.object({ name: safeText(1, 200).describe("Name of the new model, e.g. Concept Grid A") }),
    },
    ({ name }) => user(`Create a new Spectral model named "${name}" and tell me the viewer link.`),
  );
  server.registerPrompt(
    "add_three_bay_frame",
    {
      title: "Add a small three-bay frame",
      description: "Add a small three-bay frame with supports to a model, asking before any write.",
      argsSchema: z.object({ model: safeText(1, 200).describe("The model's name or id") }),
    },
    ({ model }) =>
      user(`Add a small three-bay frame to my Spectral model "${model}". Ask before running any write tool, then give me the viewer link.`),
  );
  server.registerPrompt(
    "create_from_json",
    {
      title: "Create a model from JSON",
      description: "Create a Spectral model from a nodes-and-frames JSON payload, showing the planned arguments (a dry run) first.",
      argsSchema: z.object({ payload: z.string().min(2).max(200_000).describe("The nodes-and-frames JSON payload") }),
    },
    ({ payload }) =>
      user(
        `Create a Spectral model from this nodes-and-frames JSON payload and show the planned arguments first (use import_model with dry_run: true, then ask me before importing):\n\n${payload}`,
      ),
  );
}
