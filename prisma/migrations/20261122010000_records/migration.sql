-- CreateTable
CREATE TABLE "RecordCounter" (
    "letter" TEXT NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "time" TEXT,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "place" TEXT,
    "participants" INTEGER,
    "reach" INTEGER,
    "partners" TEXT,
    "brand" TEXT,
    "note" TEXT,
    "reporterId" INTEGER,
    "reporterName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ActivityParticipant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    CONSTRAINT "ActivityParticipant_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpinionReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "field" TEXT,
    "reporterId" INTEGER,
    "reporterName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "lastChangeAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OpinionAuthor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "OpinionAuthor_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "OpinionReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpinionEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "detail" TEXT,
    "date" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "sourceMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OpinionEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "OpinionReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recordCode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "senderName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "messageTime" DATETIME NOT NULL,
    "resolvedCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Activity_code_key" ON "Activity"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_sourceMessageId_key" ON "Activity"("sourceMessageId");

-- CreateIndex
CREATE INDEX "Activity_roomId_date_idx" ON "Activity"("roomId", "date");

-- CreateIndex
CREATE INDEX "ActivityParticipant_memberId_idx" ON "ActivityParticipant"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityParticipant_activityId_name_key" ON "ActivityParticipant"("activityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OpinionReport_code_key" ON "OpinionReport"("code");

-- CreateIndex
CREATE UNIQUE INDEX "OpinionReport_sourceMessageId_key" ON "OpinionReport"("sourceMessageId");

-- CreateIndex
CREATE INDEX "OpinionReport_roomId_date_idx" ON "OpinionReport"("roomId", "date");

-- CreateIndex
CREATE INDEX "OpinionAuthor_memberId_idx" ON "OpinionAuthor"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "OpinionAuthor_reportId_name_key" ON "OpinionAuthor"("reportId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OpinionEvent_sourceMessageId_key" ON "OpinionEvent"("sourceMessageId");

-- CreateIndex
CREATE INDEX "OpinionEvent_reportId_kind_idx" ON "OpinionEvent"("reportId", "kind");

-- CreateIndex
CREATE INDEX "Revision_recordCode_idx" ON "Revision"("recordCode");

-- CreateIndex
CREATE UNIQUE INDEX "Draft_code_key" ON "Draft"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Draft_sourceMessageId_key" ON "Draft"("sourceMessageId");

-- CreateIndex
CREATE INDEX "Draft_senderName_resolvedAt_idx" ON "Draft"("senderName", "resolvedAt");

