-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OpinionEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "detail" TEXT,
    "date" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorKey" TEXT,
    "sourceMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "roomId" INTEGER NOT NULL,
    "reportWithdrawn" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "OpinionEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "OpinionReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Each step takes its report's room and withdrawn flag (the report is always there: cascade).
INSERT INTO "new_OpinionEvent" ("actorKey", "actorName", "createdAt", "date", "detail", "id", "kind", "level", "reportId", "sourceMessageId", "roomId", "reportWithdrawn")
SELECT e."actorKey", e."actorName", e."createdAt", e."date", e."detail", e."id", e."kind", e."level", e."reportId", e."sourceMessageId", r."roomId", r."withdrawn"
FROM "OpinionEvent" e JOIN "OpinionReport" r ON r."id" = e."reportId";
DROP TABLE "OpinionEvent";
ALTER TABLE "new_OpinionEvent" RENAME TO "OpinionEvent";
CREATE UNIQUE INDEX "OpinionEvent_sourceMessageId_key" ON "OpinionEvent"("sourceMessageId");
CREATE INDEX "OpinionEvent_reportId_kind_idx" ON "OpinionEvent"("reportId", "kind");
CREATE INDEX "OpinionEvent_roomId_kind_date_reportWithdrawn_reportId_level_idx" ON "OpinionEvent"("roomId", "kind", "date", "reportWithdrawn", "reportId", "level");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

