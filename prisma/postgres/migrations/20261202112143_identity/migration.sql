-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "heldAt" TIMESTAMP(3),
ADD COLUMN     "heldReason" TEXT;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "key" TEXT,
ADD COLUMN     "remark" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "targetRemark" TEXT;

-- AlterTable
ALTER TABLE "OpinionEvent" ADD COLUMN     "actorKey" TEXT;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "actorKey" TEXT;

-- AlterTable
ALTER TABLE "ProposalEvent" ADD COLUMN     "actorKey" TEXT;

-- CreateTable
CREATE TABLE "AdminGrant" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "claimedByName" TEXT,
    "key" TEXT,
    "remark" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AdminGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminGrant_codeHash_key" ON "AdminGrant"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "AdminGrant_key_key" ON "AdminGrant"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Member_key_key" ON "Member"("key");

