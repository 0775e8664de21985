-- CreateIndex
CREATE INDEX "ActivityMonth_covering_idx" ON "ActivityMonth"("roomId", "month", "type", "brand", "activities", "participants", "reach", "unnamedMemberTimes");

