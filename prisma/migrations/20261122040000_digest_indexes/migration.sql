-- CreateIndex
CREATE INDEX "Activity_date_idx" ON "Activity"("date");

-- CreateIndex
CREATE INDEX "OpinionReport_date_idx" ON "OpinionReport"("date");

-- CreateIndex
CREATE INDEX "OpinionEvent_kind_date_idx" ON "OpinionEvent"("kind", "date");

