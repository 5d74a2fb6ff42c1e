/**
 * Test data for the viewer suites, written straight through Prisma into the server's database
 * (the models are prerequisites here, not the subject): users, models in the stored row format
 * (lib/db/mappers.ts), collaborators, and a second revision with its undo record.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import type { Db } from "@/lib/db/client";

export function uid(prefix: string): string {
  return `${prefix}${randomBytes(6).toString("hex")}`;
}

export interface PortalIds {
  modelId: string;
  nodes: string[];
  frames: string[];
}

export const EMPTY = () => ({ nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] });

/**
 * The portal frame of bench/viewer/synthetic.mjs as stored rows (Z up, display units mm/kN):
 * N1 (0,0,0), N2 (0,0,4), N3 (6,0,4), N4 (6,0,0); C1 N1→N2, B1 N2→N3 (pinned ends), C2 N4→N3;
 * N1 fixed, N4 pinned; "Wind" 10 kN at N2 along +X; "Dead" 5 kN/m down on B1. Revision 1.
 */
/** Revision 1 of a model inserted row by row ("Created model …", nothing to undo). */
export async function insertFirstRevision(db: Db, modelId: string, ownerId: string, name: string): Promise<void> {
  await db.modelRevision.create({
    data: {
      id: uid("r"),
      modelId,
      revision: 1,
      actorId: ownerId,
      source: "web",
      summary: `Created model "${name}"`,
      changes: JSON.stringify({ counts: { added: {}, updated: {}, removed: {} }, inverse: { add: EMPTY(), update: EMPTY(), remove: EMPTY() } }),
    },
  });
}

export async function insertPortal(db: Db, ownerId: string, name = "Portal frame"): Promise<PortalIds> {
  const modelId = uid("m");
  // ids sort in label order (the data layer reads rows ordered by id).
  const n = ["a", "b", "c", "d"].map((k) => `${modelId}n${k}`);
  const f = ["a", "b", "c"].map((k) => `${modelId}f${k}`);
  const s = [`${modelId}sa`, `${modelId}sb`];
  const mat = `${modelId}ma`;
  const lc = [`${modelId}la`, `${modelId}lb`];
  // The model row keeps counts and bounds (lib/db/model-writes.ts); rows written directly set them too.
  await db.model.create({
    data: {
      id: modelId, ownerId, name, lengthUnit: "mm", forceUnit: "kN", verticalAxis: "Z", revision: 1,
      nodeCount: 4, frameCount: 3, supportCount: 2, sectionCount: 2, materialCount: 1, loadCaseCount: 2, loadCount: 2,
      minX: 0, minY: 0, minZ: 0, maxX: 6, maxY: 0, maxZ: 4,
    },
  });
  await db.section.createMany({
    data: [
      { id: s[0]!, modelId, name: "HEA200", A: 0.00538, Iy: 1.336e-5, Iz: 3.692e-5, J: 2.1e-7, shape: JSON.stringify({ type: "I", h: 0.19, b: 0.2, tw: 0.0065, tf: 0.01 }) },
      { id: s[1]!, modelId, name: "IPE300", A: 0.00538, Iy: 6.04e-6, Iz: 8.356e-5, J: 2.0e-7, shape: JSON.stringify({ type: "I", h: 0.3, b: 0.15, tw: 0.0071, tf: 0.0107 }) },
    ],
  });
  await db.material.create({ data: { id: mat, modelId, name: "S275", E: 210e9, G: 81e9, nu: 0.3, density: 7850, fy: 275e6, kind: "steel" } });
  await db.node.createMany({
    data: [
      { id: n[0]!, modelId, label: "N1", x: 0, y: 0, z: 0 },
      { id: n[1]!, modelId, label: "N2", x: 0, y: 0, z: 4 },
      { id: n[2]!, modelId, label: "N3", x: 6, y: 0, z: 4 },
      { id: n[3]!, modelId, label: "N4", x: 6, y: 0, z: 0 },
    ],
  });
  await db.frame.createMany({
    data: [
      { id: f[0]!, modelId, label: "C1", nodeI: n[0]!, nodeJ: n[1]!, sectionId: s[0]!, materialId: mat, role: "column" },
      { id: f[1]!, modelId, label: "B1", nodeI: n[1]!, nodeJ: n[2]!, sectionId: s[1]!, materialId: mat, role: "beam", releaseI: "FFFFFR", releaseJ: "FFFFFR" },
      { id: f[2]!, modelId, label: "C2", nodeI: n[3]!, nodeJ: n[2]!, sectionId: s[0]!, materialId: mat, role: "column" },
    ],
  });
  await db.support.createMany({
    data: [
      { id: `${modelId}ua`, modelId, nodeId: n[0]!, code: "FFFFFF" },
      { id: `${modelId}ub`, modelId, nodeId: n[3]!, code: "FFFRRR" },
    ],
  });
  await db.loadCase.createMany({
    data: [
      { id: lc[0]!, modelId, name: "Wind", type: "wind" },
      { id: lc[1]!, modelId, name: "Dead", type: "dead" },
    ],
  });
  await db.load.createMany({
    data: [
      { id: `${modelId}pa`, modelId, caseId: lc[0]!, kind: "nodal", targetId: n[1]!, data: JSON.stringify({ fx: 10e3, fy: 0, fz: 0, mx: 0, my: 0, mz: 0 }) },
      {
        id: `${modelId}pb`,
        modelId,
        caseId: lc[1]!,
        kind: "frame_distributed",
        targetId: f[1]!,
        data: JSON.stringify({ start: 0, end: 1, axes: "global", w1: { x: 0, y: 0, z: -5e3 }, w2: { x: 0, y: 0, z: -5e3 }, projected: false }),
      },
    ],
  });
  await insertFirstRevision(db, modelId, ownerId, name);
  return { modelId, nodes: n, frames: f };
}

/** Revision 2: a second bay (N5 at x = 12 m, 4 m high, and beam B2 N3→N5). Returns the new ids. */
export async function addSecondBay(db: Db, ids: PortalIds, actorId: string): Promise<{ node: string; frame: string }> {
  const node = `${ids.modelId}ne`, frame = `${ids.modelId}fd`;
  await db.node.create({ data: { id: node, modelId: ids.modelId, label: "N5", x: 12, y: 0, z: 4 } });
  await db.frame.create({ data: { id: frame, modelId: ids.modelId, label: "B2", nodeI: ids.nodes[2]!, nodeJ: node, role: "beam" } });
  await db.model.update({ where: { id: ids.modelId }, data: { revision: 2, nodeCount: { increment: 1 }, frameCount: { increment: 1 }, maxX: 12 } });
  const remove = { ...EMPTY(), nodes: [node], frames: [frame] };
  await db.modelRevision.create({
    data: {
      id: uid("r"),
      modelId: ids.modelId,
      revision: 2,
      actorId,
      source: "web",
      summary: "Added a bay",
      changes: JSON.stringify({ counts: { added: { nodes: 1, frames: 1 }, updated: {}, removed: {} }, inverse: { add: EMPTY(), update: EMPTY(), remove } }),
    },
  });
  return { node, frame };
}

/** Makes `userId` a collaborator on the model. */
/**
 * A connected app for `userId` as the authorization server stores it: a grant and a consent from a
 * client ID metadata document named `clientName` (the connected-apps page and the history's "who").
 */
export async function insertConnection(db: Db, userId: string, c: { clientId: string; clientName: string; scopes: string[] }): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await db.oAuthRecord.create({
    data: { id: `g_${userId}`, kind: "Grant", accountId: userId, clientId: c.clientId, grantId: `gid_${userId}`, payload: JSON.stringify({ clientId: c.clientId, iat: now, exp: now + 3600, resources: { "http://x/mcp": "spectral:read spectral:write" } }) },
  });
  const domain = new URL(c.clientId).hostname;
  await db.oAuthRecord.create({
    data: {
      id: `c_${userId}`, kind: "Consent", accountId: userId, clientId: c.clientId,
      payload: JSON.stringify({ clientName: c.clientName, origin: { kind: "metadata-document", url: c.clientId, domain }, redirectHost: domain, scopes: c.scopes, approvedAt: Date.now() }),
    },
  });
}

export async function addMember(db: Db, modelId: string, userId: string, role: "editor" | "viewer"): Promise<void> {
  await db.modelMember.create({ data: { modelId, userId, role } });
}

/** A user with no password (owns models that others must not see). */
export async function insertUser(db: Db, name = "Other User"): Promise<{ id: string; email: string }> {
  const id = uid("u");
  const email = `${id}@example.test`;
  await db.user.create({ data: { id, name, email } });
  return { id, email };
}

/** Signs up through the app's /signup page in `page`'s context; returns the new user's id. */
export async function signUp(page: Page, baseUrl: string, db: Db, name = "Owner"): Promise<{ id: string; email: string }> {
  const email = `${uid("owner")}@example.test`;
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery staple 42");
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/signup"), { timeout: 30_000 }), page.getByRole("button", { name: "Create account" }).click()]);
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new Error(`sign-up did not create ${email}`);
  return { id: user.id, email };
}
