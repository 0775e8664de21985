-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "memberCount" INTEGER;

-- CreateIndex
CREATE INDEX "Activity_memberCount_date_roomId_idx" ON "Activity"("memberCount", "date", "roomId");

