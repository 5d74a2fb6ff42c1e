/** Test helpers: plan a generated structure into an empty model and index its output. */
import { planAddElements, applyPatch, type PlanResult } from "@/lib/structural/elements";
import { emptyModel, type StructuralModel, type VerticalAxis } from "@/lib/structural/schema";
import type { ElementsInput } from "@/lib/structural/elements-input";
import type { GeneratedStructure } from "@/lib/structural/generators";

export function blankModel(verticalAxis: VerticalAxis = "Z"): StructuralModel {
  return emptyModel({
    id: "m1",
    name: "Test",
    description: "",
    displayUnits: { length: "m", force: "kN" },
    verticalAxis,
    revision: 0,
    ownerId: "u1",
  });
}

export function counter(prefix = "id"): () => string {
  let k = 0;
  return () => `${prefix}${++k}`;
}

/** Plan `elements` into `model` (default: an empty model) and apply the patch. */
export function planInto(elements: ElementsInput, model: StructuralModel = blankModel()): { plan: PlanResult; model: StructuralModel } {
  const plan = planAddElements(model, elements, { newId: counter() });
  return { plan, model: plan.ok ? applyPatch(model, plan.patch) : model };
}

export function positions(g: GeneratedStructure): Map<string, [number, number, number]> {
  return new Map(g.elements.nodes.map((n) => [n.ref, [n.x, n.y, n.z] as [number, number, number]]));
}
