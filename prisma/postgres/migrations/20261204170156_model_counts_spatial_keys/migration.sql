-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "combinationCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "frameCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "loadCaseCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "loadCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "materialCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "maxX" DOUBLE PRECISION,
ADD COLUMN     "maxY" DOUBLE PRECISION,
ADD COLUMN     "maxZ" DOUBLE PRECISION,
ADD COLUMN     "minX" DOUBLE PRECISION,
ADD COLUMN     "minY" DOUBLE PRECISION,
ADD COLUMN     "minZ" DOUBLE PRECISION,
ADD COLUMN     "nodeCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sectionCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "supportCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "cell" TEXT,
ADD COLUMN     "num" INTEGER;

-- AlterTable
ALTER TABLE "Frame" ADD COLUMN     "num" INTEGER;

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
    (floor(GREATEST(-1e15::float8, LEAST(1e15::float8, "x" / 0.001::float8)))::bigint)::text || ':' ||
    (floor(GREATEST(-1e15::float8, LEAST(1e15::float8, "y" / 0.001::float8)))::bigint)::text || ':' ||
    (floor(GREATEST(-1e15::float8, LEAST(1e15::float8, "z" / 0.001::float8)))::bigint)::text,
  "num" = CASE WHEN "label" ~ '^N[0-9]{1,9}$' THEN CAST(substr("label", 2) AS INTEGER) END;
UPDATE "Frame" SET
  "num" = CASE WHEN "label" ~ '^F[0-9]{1,9}$' THEN CAST(substr("label", 2) AS INTEGER) END;
UPDATE "Model" m SET
  "nodeCount" = (SELECT COUNT(*) FROM "Node" t WHERE t."modelId" = m."id"),
  "frameCount" = (SELECT COUNT(*) FROM "Frame" t WHERE t."modelId" = m."id"),
  "supportCount" = (SELECT COUNT(*) FROM "Support" t WHERE t."modelId" = m."id"),
  "sectionCount" = (SELECT COUNT(*) FROM "Section" t WHERE t."modelId" = m."id"),
  "materialCount" = (SELECT COUNT(*) FROM "Material" t WHERE t."modelId" = m."id"),
  "loadCaseCount" = (SELECT COUNT(*) FROM "LoadCase" t WHERE t."modelId" = m."id"),
  "loadCount" = (SELECT COUNT(*) FROM "Load" t WHERE t."modelId" = m."id"),
  "combinationCount" = (SELECT COUNT(*) FROM "Combination" t WHERE t."modelId" = m."id"),
  "minX" = (SELECT MIN(t."x") FROM "Node" t WHERE t."modelId" = m."id"),
  "minY" = (SELECT MIN(t."y") FROM "Node" t WHERE t."modelId" = m."id"),
  "minZ" = (SELECT MIN(t."z") FROM "Node" t WHERE t."modelId" = m."id"),
  "maxX" = (SELECT MAX(t."x") FROM "Node" t WHERE t."modelId" = m."id"),
  "maxY" = (SELECT MAX(t."y") FROM "Node" t WHERE t."modelId" = m."id"),
  "maxZ" = (SELECT MAX(t."z") FROM "Node" t WHERE t."modelId" = m."id");
