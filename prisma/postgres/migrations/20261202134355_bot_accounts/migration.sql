-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "account" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "account" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "claimedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Room_account_idx" ON "Room"("account");

-- CreateIndex
CREATE INDEX "OutboxMessage_account_status_notBefore_idx" ON "OutboxMessage"("account", "status", "notBefore");

