"use server";
// Server action of the viewer page: the "Analyse" button (owner and editors; checks in lib/).
import { analyseForCurrentUser } from "@/lib/web/results";

export async function analyseModelAction(modelId: string) {
  return analyseForCurrentUser(modelId, 40_000);
}
