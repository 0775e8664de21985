-- CreateIndex
CREATE INDEX "ActivityMonth_by_type_idx" ON "ActivityMonth"("month", "type", "brand", "roomId", "activities");

