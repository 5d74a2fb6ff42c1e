/** Import steps for materials and sections (materials first: a section may name its material). */
import { MATERIAL_KINDS, MAX_NAME_LENGTH, SectionShapeSchema } from "../schema";
import type { ElementsInput } from "../elements-input";
import { findCatalogueMaterial, findCatalogueSection } from "../catalogue";
import type { ImportContext } from "./context";
import { KEYS_A, KEYS_DENSITY, KEYS_E, KEYS_FY, KEYS_G, KEYS_IX, KEYS_IY, KEYS_IZ, KEYS_J, KEYS_MATERIALS, KEYS_MATERIAL_CATALOGUE, KEYS_MATERIAL_KIND, KEYS_NU, KEYS_SECTIONS, KEYS_SECTION_CATALOGUE, KEYS_SECTION_MATERIAL, idOf, isIntegerId, isObj, pick, readNum, readNumber, rowPath, rowsOf } from "./read";

export function readMaterials(ctx: ImportContext): void {
  const { c, input, p, s, sourcePaths, stats, materialName } = ctx;
  const matHit = pick(p, KEYS_MATERIALS);
  if (matHit) {
    const rows = rowsOf(matHit[1]);
    if (!rows) c.error("INVALID_INPUT", " must be an array or an object keyed by id.", { path: [matHit[0]] });
    else {
      input.materials = [];
      for (const r of rows) {
        const path = rowPath([matHit[0]], r);
        const row = r.row;
        const keyName = r.key !== null && !isIntegerId(r.key) ? r.key : undefined;
        if (typeof row === "string") {
          const cat = findCatalogueMaterial(row);
          if (!cat) {
            c.error("UNKNOWN_MATERIAL", ` "${row}" is not a catalogue material; give { name, E, nu, density } instead.`, { path });
            continue;
          }
          const name = keyName ?? row;
          input.materials.push({ catalogue: row, name });
          sourcePaths.materials.push(path);
          materialName.set(r.key ?? name, name).set(name, name);
          continue;
        }
        if (!isObj(row)) {
          c.error("INVALID_INPUT", " must be an object with name and E, or a catalogue name.", { path });
          continue;
        }
        const id = idOf(row.id) ?? r.key ?? undefined;
        const cataHit = pick(row, KEYS_MATERIAL_CATALOGUE);
        const rawName = idOf(row.name) ?? keyName ?? (cataHit ? idOf(cataHit[1]) : undefined) ?? (id !== undefined ? (isIntegerId(id) ? `M${id}` : id) : `M${r.index + 1}`);
        const name = rawName.slice(0, MAX_NAME_LENGTH);
        const E = readNumber(c, row, KEYS_E, path, "E", false);
        if (E === undefined) {
          const cat = findCatalogueMaterial(cataHit ? String(cataHit[1]) : name);
          if (!cat) {
            c.error("INVALID_INPUT", ` "${name}" has no E and is not a catalogue material; give E (and nu, density), or a catalogue name like "S355".`, { path });
            continue;
          }
          input.materials.push({ catalogue: cat.name, name });
        } else {
          if (!(E > 0)) {
            c.error("INVALID_PROPERTY", ` E must be > 0.`, { path });
            continue;
          }
          const G = readNumber(c, row, KEYS_G, path, "G", false);
          const nu = readNumber(c, row, KEYS_NU, path, "nu", false);
          const density = readNumber(c, row, KEYS_DENSITY, path, "density", false);
          const fy = readNumber(c, row, KEYS_FY, path, "fy", false);
          const kindRaw = pick(row, KEYS_MATERIAL_KIND);
          const kindStr = kindRaw ? String(kindRaw[1]).toLowerCase() : "";
          const kind = (MATERIAL_KINDS as readonly string[]).includes(kindStr) ? (kindStr as (typeof MATERIAL_KINDS)[number]) : kindStr === "aluminum" ? "aluminium" : kindStr === "wood" ? "timber" : undefined;
          const m: NonNullable<ElementsInput["materials"]>[number] = { name, E: E * s.stress };
          if (G !== undefined) {
            if (!(G > 0)) { c.error("INVALID_PROPERTY", " G must be > 0.", { path }); continue; }
            m.G = G * s.stress;
          }
          if (nu !== undefined) {
            if (!(nu >= 0 && nu <= 0.5)) { c.error("INVALID_PROPERTY", ` nu = ${nu} must be between 0 and 0.5.`, { path }); continue; }
            m.nu = nu;
          }
          if (density !== undefined) {
            if (!(density >= 0)) { c.error("INVALID_PROPERTY", " density must be ≥ 0.", { path }); continue; }
            m.density = density * s.density;
          }
          if (fy !== undefined && fy > 0) m.fy = fy * s.stress;
          if (kind) m.kind = kind;
          if (!(E * s.stress >= 1e8 && E * s.stress <= 1e13)) c.warning("UNITS_SUSPECT", ` E = ${(E * s.stress).toPrecision(4)} Pa after unit conversion, which is implausible (steel 2.1e11 Pa). Set units.stress (e.g. "MPa") to the unit E is given in.`, { path });
          input.materials.push(m);
        }
        sourcePaths.materials.push(path);
        if (id !== undefined) materialName.set(id, name);
        materialName.set(name, name);
      }
      stats.materials = input.materials.length;
    }
  }
}

/** A material reference in the payload (id or name) → the material's name in the input. */
function materialRef(ctx: ImportContext, v: unknown): string | undefined {
  const t = idOf(v);
  if (t === undefined) return undefined;
  return ctx.materialName.get(t) ?? t;
}

export function readSections(ctx: ImportContext): void {
  const { c, input, p, s, sourcePaths, stats, sectionName, sectionMaterial } = ctx;
  const secHit = pick(p, KEYS_SECTIONS);
  if (secHit) {
    const rows = rowsOf(secHit[1]);
    if (!rows) c.error("INVALID_INPUT", " must be an array or an object keyed by id.", { path: [secHit[0]] });
    else {
      input.sections = [];
      for (const r of rows) {
        const path = rowPath([secHit[0]], r);
        const row = r.row;
        const keyName = r.key !== null && !isIntegerId(r.key) ? r.key : undefined;
        if (typeof row === "string") {
          const cat = findCatalogueSection(row);
          if (!cat) {
            c.error("UNKNOWN_SECTION", ` "${row}" is not a catalogue section; give { name, A, Iy, Iz, J } instead.`, { path });
            continue;
          }
          const name = keyName ?? row;
          input.sections.push({ catalogue: row, name });
          sourcePaths.sections.push(path);
          sectionName.set(r.key ?? name, name).set(name, name);
          continue;
        }
        if (!isObj(row)) {
          c.error("INVALID_INPUT", " must be an object with name, A, Iy, Iz, J, or a catalogue name.", { path });
          continue;
        }
        const id = idOf(row.id) ?? r.key ?? undefined;
        let catName: string | undefined;
        const cataHit = pick(row, KEYS_SECTION_CATALOGUE);
        if (cataHit) catName = Array.isArray(cataHit[1]) ? idOf(cataHit[1][cataHit[1].length - 1]) : idOf(cataHit[1]);
        const rawName = idOf(row.name) ?? keyName ?? catName ?? (id !== undefined ? (isIntegerId(id) ? `S${id}` : id) : `S${r.index + 1}`);
        const name = rawName.slice(0, MAX_NAME_LENGTH);
        const A = readNumber(c, row, KEYS_A, path, "A", false);
        let Iz = readNumber(c, row, KEYS_IZ, path, "Iz", false);
        const Iy = readNumber(c, row, KEYS_IY, path, "Iy", false);
        const J = readNumber(c, row, KEYS_J, path, "J", false);
        if (Iz === undefined && row.Ix !== undefined) {
          // AISC convention: Ix strong, Iy weak
          Iz = readNumber(c, row, KEYS_IX, path, "Ix", false);
          if (Iz !== undefined) c.info("INVALID_INPUT", " gives Ix and Iy (AISC convention: x strong); read Ix as Spectral's Iz (strong) and Iy as Iy (weak).", { path });
        }
        const complete = A !== undefined && Iy !== undefined && Iz !== undefined && J !== undefined;
        const mat = pick(row, KEYS_SECTION_MATERIAL);
        if (mat) {
          const mName = materialRef(ctx, mat[1]);
          if (mName) sectionMaterial.set(name, mName);
        }
        if (!complete) {
          const cat = catName !== undefined ? findCatalogueSection(catName) : findCatalogueSection(name);
          if (!cat) {
            const missing = (["A", "Iy", "Iz", "J"] as const).filter((k) => ({ A, Iy, Iz, J })[k] === undefined);
            c.error("INVALID_INPUT", ` "${name}" is missing ${missing.join(", ")} and ${catName ? `"${catName}"` : "its name"} is not a catalogue section. Give A, Iy, Iz (strong axis), J, or a catalogue name.`, { path });
            continue;
          }
          input.sections.push({ catalogue: cat.name, name });
        } else {
          const bad = (["A", "Iy", "Iz", "J"] as const).filter((k) => !((({ A, Iy, Iz, J })[k] as number) > 0));
          if (bad.length > 0) {
            c.error("INVALID_PROPERTY", ` has ${bad.join(", ")} ≤ 0; section properties must be positive.`, { path });
            continue;
          }
          const sec: NonNullable<ElementsInput["sections"]>[number] = {
            name,
            A: (A as number) * s.area,
            Iy: (Iy as number) * s.inertia,
            Iz: (Iz as number) * s.inertia,
            J: (J as number) * s.inertia,
          };
          if (isObj(row.shape) && typeof row.shape.type === "string") {
            const shape: Record<string, unknown> = { type: row.shape.type };
            let okShape = true;
            for (const [k, v] of Object.entries(row.shape)) {
              if (k === "type") continue;
              const n = readNum(v);
              if (typeof n !== "number" || !(n > 0)) okShape = false;
              else shape[k] = n * s.sectionLength;
            }
            const parsed = okShape ? SectionShapeSchema.safeParse(shape) : null;
            if (parsed?.success) sec.shape = parsed.data;
            else if (parsed) c.warning("INVALID_INPUT", ` is not a shape Spectral can draw (${parsed.error.issues[0]?.message ?? "unknown type"}) and was ignored.`, { path: [...path, "shape"] });
            else c.warning("INVALID_INPUT", " has a non-positive dimension and was ignored.", { path: [...path, "shape"] });
          }
          input.sections.push(sec);
        }
        sourcePaths.sections.push(path);
        if (id !== undefined) sectionName.set(id, name);
        sectionName.set(name, name);
      }
      stats.sections = input.sections.length;
    }
  }
}
