-- CreateTable
CREATE TABLE "PlannedActivity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "place" TEXT,
    "createdById" INTEGER,
    "createdByName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "activityCode" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "PlannedActivity_code_key" ON "PlannedActivity"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedActivity_sourceMessageId_key" ON "PlannedActivity"("sourceMessageId");

-- CreateIndex
CREATE INDEX "PlannedActivity_startsAt_idx" ON "PlannedActivity"("startsAt");

