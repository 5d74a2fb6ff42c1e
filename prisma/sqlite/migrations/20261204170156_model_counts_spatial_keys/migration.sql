-- AlterTable
ALTER TABLE "Node" ADD COLUMN "cell" TEXT;
ALTER TABLE "Node" ADD COLUMN "num" INTEGER;

-- AlterTable
ALTER TABLE "Frame" ADD COLUMN "num" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "lengthUnit" TEXT NOT NULL DEFAULT 'm',
    "forceUnit" TEXT NOT NULL DEFAULT 'kN',
    "verticalAxis" TEXT NOT NULL DEFAULT 'Z',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "nodeCount" INTEGER NOT NULL DEFAULT 0,
    "frameCount" INTEGER NOT NULL DEFAULT 0,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "sectionCount" INTEGER NOT NULL DEFAULT 0,
    "materialCount" INTEGER NOT NULL DEFAULT 0,
    "loadCaseCount" INTEGER NOT NULL DEFAULT 0,
    "loadCount" INTEGER NOT NULL DEFAULT 0,
    "combinationCount" INTEGER NOT NULL DEFAULT 0,
    "minX" REAL,
    "minY" REAL,
    "minZ" REAL,
    "maxX" REAL,
    "maxY" REAL,
    "maxZ" REAL,
    CONSTRAINT "Model_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Model" ("createdAt", "description", "forceUnit", "id", "lengthUnit", "name", "ownerId", "revision", "updatedAt", "verticalAxis") SELECT "createdAt", "description", "forceUnit", "id", "lengthUnit", "name", "ownerId", "revision", "updatedAt", "verticalAxis" FROM "Model";
DROP TABLE "Model";
ALTER TABLE "new_Model" RENAME TO "Model";
CREATE INDEX "Model_ownerId_updatedAt_idx" ON "Model"("ownerId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Node_modelId_cell_idx" ON "Node"("modelId", "cell");

-- CreateIndex
CREATE INDEX "Node_modelId_num_idx" ON "Node"("modelId", "num");

-- CreateIndex
CREATE INDEX "Node_modelId_x_idx" ON "Node"("modelId", "x");

-- CreateIndex
CREATE INDEX "Node_modelId_y_idx" ON "Node"("modelId", "y");

-- CreateIndex
CREATE INDEX "Node_modelId_z_idx" ON "Node"("modelId", "z");

-- CreateIndex
CREATE INDEX "Frame_modelId_num_idx" ON "Frame"("modelId", "num");

-- Backfill (hand-written): the spatial cell and label number of every node and frame, and each
-- model's counts and bounding box. The same rules as lib/structural/spatial.ts (cellKey: floor of
-- v / 1 mm, clamped to ±1e15) and lib/structural/labels.ts (labelNumber: "N"/"F" + 1–9 digits).
UPDATE "Node" SET
  "cell" =
    CAST(CAST(MAX(-1e15, MIN(1e15, "x" / 0.001)) AS INTEGER) - (MAX(-1e15, MIN(1e15, "x" / 0.001)) < CAST(MAX(-1e15, MIN(1e15, "x" / 0.001)) AS INTEGER)) AS TEXT) || ':' ||
    CAST(CAST(MAX(-1e15, MIN(1e15, "y" / 0.001)) AS INTEGER) - (MAX(-1e15, MIN(1e15, "y" / 0.001)) < CAST(MAX(-1e15, MIN(1e15, "y" / 0.001)) AS INTEGER)) AS TEXT) || ':' ||
    CAST(CAST(MAX(-1e15, MIN(1e15, "z" / 0.001)) AS INTEGER) - (MAX(-1e15, MIN(1e15, "z" / 0.001)) < CAST(MAX(-1e15, MIN(1e15, "z" / 0.001)) AS INTEGER)) AS TEXT),
  "num" = CASE WHEN length("label") BETWEEN 2 AND 10 AND substr("label", 1, 1) = 'N' AND substr("label", 2) NOT GLOB '*[^0-9]*' THEN CAST(substr("label", 2) AS INTEGER) END;
UPDATE "Frame" SET
  "num" = CASE WHEN length("label") BETWEEN 2 AND 10 AND substr("label", 1, 1) = 'F' AND substr("label", 2) NOT GLOB '*[^0-9]*' THEN CAST(substr("label", 2) AS INTEGER) END;
UPDATE "Model" SET
  "nodeCount" = (SELECT COUNT(*) FROM "Node" t WHERE t."modelId" = "Model"."id"),
  "frameCount" = (SELECT COUNT(*) FROM "Frame" t WHERE t."modelId" = "Model"."id"),
  "supportCount" = (SELECT COUNT(*) FROM "Support" t WHERE t."modelId" = "Model"."id"),
  "sectionCount" = (SELECT COUNT(*) FROM "Section" t WHERE t."modelId" = "Model"."id"),
  "materialCount" = (SELECT COUNT(*) FROM "Material" t WHERE t."modelId" = "Model"."id"),
  "loadCaseCount" = (SELECT COUNT(*) FROM "LoadCase" t WHERE t."modelId" = "Model"."id"),
  "loadCount" = (SELECT COUNT(*) FROM "Load" t WHERE t."modelId" = "Model"."id"),
  "combinationCount" = (SELECT COUNT(*) FROM "Combination" t WHERE t."modelId" = "Model"."id"),
  "minX" = (SELECT MIN(t."x") FROM "Node" t WHERE t."modelId" = "Model"."id"),
  "minY" = (SELECT MIN(t."y") FROM "Node" t WHERE t."modelId" = "Model"."id"),
  "minZ" = (SELECT MIN(t."z") FROM "Node" t WHERE t."modelId" = "Model"."id"),
  "maxX" = (SELECT MAX(t."x") FROM "Node" t WHERE t."modelId" = "Model"."id"),
  "maxY" = (SELECT MAX(t."y") FROM "Node" t WHERE t."modelId" = "Model"."id"),
  "maxZ" = (SELECT MAX(t."z") FROM "Node" t WHERE t."modelId" = "Model"."id");
