-- DropIndex
DROP INDEX "Activity_date_idx";

-- DropIndex
DROP INDEX "Activity_roomId_date_idx";

-- DropIndex
DROP INDEX "OpinionReport_roomId_date_idx";

-- DropIndex
DROP INDEX "OpinionEvent_kind_date_idx";

-- CreateIndex
CREATE INDEX "Activity_roomId_date_withdrawn_participants_reach_idx" ON "Activity"("roomId", "date", "withdrawn", "participants", "reach");

-- CreateIndex
CREATE INDEX "Activity_date_type_brand_withdrawn_roomId_idx" ON "Activity"("date", "type", "brand", "withdrawn", "roomId");

-- CreateIndex
CREATE INDEX "ActivityParticipant_activityId_memberId_name_idx" ON "ActivityParticipant"("activityId", "memberId", "name");

-- CreateIndex
CREATE INDEX "OpinionReport_roomId_date_withdrawn_idx" ON "OpinionReport"("roomId", "date", "withdrawn");

-- CreateIndex
CREATE INDEX "OpinionEvent_kind_date_reportId_level_idx" ON "OpinionEvent"("kind", "date", "reportId", "level");

