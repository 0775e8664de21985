-- DropIndex
DROP INDEX "OpinionEvent_kind_date_reportId_level_idx";

-- AlterTable
ALTER TABLE "OpinionEvent" ADD COLUMN     "reportWithdrawn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "roomId" INTEGER;

-- Each step takes its report's room and withdrawn flag, then the room is required.
UPDATE "OpinionEvent" e SET "roomId" = r."roomId", "reportWithdrawn" = r."withdrawn" FROM "OpinionReport" r WHERE r."id" = e."reportId";
ALTER TABLE "OpinionEvent" ALTER COLUMN "roomId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "OpinionEvent_roomId_kind_date_reportWithdrawn_reportId_leve_idx" ON "OpinionEvent"("roomId", "kind", "date", "reportWithdrawn", "reportId", "level");

