-- CreateTable
CREATE TABLE "OpinionMonth" (
    "roomId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "reports" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,

    CONSTRAINT "OpinionMonth_pkey" PRIMARY KEY ("roomId","month")
);

-- CreateIndex
CREATE INDEX "OpinionMonth_month_roomId_reports_resolved_idx" ON "OpinionMonth"("month", "roomId", "reports", "resolved");


-- Backfill from the reports already stored (src/services/opinion-months.ts keeps them in step from here on).
INSERT INTO "OpinionMonth" ("roomId", "month", "reports", "resolved")
SELECT r."roomId", substr(r."date", 1, 7), COUNT(*),
  SUM(CASE WHEN EXISTS (SELECT 1 FROM "OpinionEvent" e WHERE e."reportId" = r."id" AND e."kind" = 'resolved') THEN 1 ELSE 0 END)
FROM "OpinionReport" r WHERE r."withdrawn" = false
GROUP BY r."roomId", substr(r."date", 1, 7);
