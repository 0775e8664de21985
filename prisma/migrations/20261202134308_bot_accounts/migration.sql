-- AlterTable
ALTER TABLE "Room" ADD COLUMN "account" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "targetKind" TEXT NOT NULL,
    "roomId" INTEGER,
    "targetName" TEXT,
    "puppetId" TEXT,
    "puppetLogin" TEXT,
    "text" TEXT,
    "filePath" TEXT,
    "fileName" TEXT,
    "targetRemark" TEXT,
    "dedupeKey" TEXT,
    "account" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "priority" INTEGER NOT NULL DEFAULT 1,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "claimedAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "createdAt", "dedupeKey", "fileName", "filePath", "id", "lastError", "notBefore", "priority", "puppetId", "puppetLogin", "roomId", "sentAt", "status", "targetKind", "targetName", "targetRemark", "text") SELECT "attempts", "createdAt", "dedupeKey", "fileName", "filePath", "id", "lastError", "notBefore", "priority", "puppetId", "puppetLogin", "roomId", "sentAt", "status", "targetKind", "targetName", "targetRemark", "text" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");
CREATE INDEX "OutboxMessage_account_status_notBefore_idx" ON "OutboxMessage"("account", "status", "notBefore");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Room_account_idx" ON "Room"("account");

