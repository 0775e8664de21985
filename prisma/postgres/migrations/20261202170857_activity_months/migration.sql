-- CreateTable
CREATE TABLE "ActivityMonth" (
    "roomId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "activities" INTEGER NOT NULL,
    "participants" INTEGER NOT NULL,
    "reach" INTEGER NOT NULL,
    "unnamedMemberTimes" INTEGER NOT NULL,

    CONSTRAINT "ActivityMonth_pkey" PRIMARY KEY ("roomId","month","type","brand")
);

-- CreateTable
CREATE TABLE "MemberMonth" (
    "roomId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "times" INTEGER NOT NULL,

    CONSTRAINT "MemberMonth_pkey" PRIMARY KEY ("roomId","month","key")
);

-- CreateIndex
CREATE INDEX "ActivityMonth_month_roomId_idx" ON "ActivityMonth"("month", "roomId");

-- CreateIndex
CREATE INDEX "MemberMonth_month_roomId_idx" ON "MemberMonth"("month", "roomId");


-- Backfill from the records already stored (src/services/activity-months.ts keeps them in step from here on).
INSERT INTO "ActivityMonth" ("roomId", "month", "type", "brand", "activities", "participants", "reach", "unnamedMemberTimes")
SELECT a."roomId", substr(a."date", 1, 7), a."type", COALESCE(a."brand", ''), COUNT(*),
  COALESCE(SUM(a."participants"), 0), COALESCE(SUM(a."reach"), 0),
  COALESCE(SUM(CASE WHEN a."memberCount" > (SELECT COUNT(*) FROM "ActivityParticipant" p WHERE p."activityId" = a."id")
    THEN a."memberCount" - (SELECT COUNT(*) FROM "ActivityParticipant" p WHERE p."activityId" = a."id") ELSE 0 END), 0)
FROM "Activity" a WHERE a."withdrawn" = false
GROUP BY a."roomId", substr(a."date", 1, 7), a."type", COALESCE(a."brand", '');

INSERT INTO "MemberMonth" ("roomId", "month", "key", "memberId", "name", "times")
SELECT a."roomId", substr(a."date", 1, 7),
  CASE WHEN p."memberId" IS NULL THEN 'n' || p."name" ELSE 'm' || CAST(p."memberId" AS TEXT) END,
  p."memberId", MIN(p."name"), COUNT(*)
FROM "Activity" a JOIN "ActivityParticipant" p ON p."activityId" = a."id"
WHERE a."withdrawn" = false
GROUP BY a."roomId", substr(a."date", 1, 7), p."memberId", CASE WHEN p."memberId" IS NULL THEN 'n' || p."name" ELSE 'm' || CAST(p."memberId" AS TEXT) END;
