-- AlterTable
ALTER TABLE "Room" ADD COLUMN "heldAt" DATETIME;
ALTER TABLE "Room" ADD COLUMN "heldReason" TEXT;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN "key" TEXT;
ALTER TABLE "Member" ADD COLUMN "remark" TEXT;
ALTER TABLE "Member" ADD COLUMN "verifiedAt" DATETIME;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "targetRemark" TEXT;

-- AlterTable
ALTER TABLE "OpinionEvent" ADD COLUMN "actorKey" TEXT;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "actorKey" TEXT;

-- AlterTable
ALTER TABLE "ProposalEvent" ADD COLUMN "actorKey" TEXT;

-- CreateTable
CREATE TABLE "AdminGrant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "codeHash" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "claimedAt" DATETIME,
    "claimedByName" TEXT,
    "key" TEXT,
    "remark" TEXT,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminGrant_codeHash_key" ON "AdminGrant"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "AdminGrant_key_key" ON "AdminGrant"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Member_key_key" ON "Member"("key");

