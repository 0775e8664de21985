-- CreateIndex
CREATE INDEX "Draft_roomId_memberId_kind_resolvedAt_idx" ON "Draft"("roomId", "memberId", "kind", "resolvedAt");

