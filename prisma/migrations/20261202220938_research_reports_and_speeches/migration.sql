-- CreateTable
CREATE TABLE "ResearchReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "adoptedBy" TEXT,
    "instruction" TEXT,
    "content" TEXT,
    "reporterId" INTEGER,
    "reporterName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ResearchAuthor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ResearchAuthor_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ResearchReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConferenceSpeech" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "meeting" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "content" TEXT,
    "reporterId" INTEGER,
    "reporterName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SpeechAuthor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "speechId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "SpeechAuthor_speechId_fkey" FOREIGN KEY ("speechId") REFERENCES "ConferenceSpeech" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ResearchReport_code_key" ON "ResearchReport"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ResearchReport_sourceMessageId_key" ON "ResearchReport"("sourceMessageId");

-- CreateIndex
CREATE INDEX "ResearchReport_roomId_date_idx" ON "ResearchReport"("roomId", "date");

-- CreateIndex
CREATE INDEX "ResearchAuthor_memberId_idx" ON "ResearchAuthor"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ResearchAuthor_reportId_name_key" ON "ResearchAuthor"("reportId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ConferenceSpeech_code_key" ON "ConferenceSpeech"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ConferenceSpeech_sourceMessageId_key" ON "ConferenceSpeech"("sourceMessageId");

-- CreateIndex
CREATE INDEX "ConferenceSpeech_roomId_date_idx" ON "ConferenceSpeech"("roomId", "date");

-- CreateIndex
CREATE INDEX "SpeechAuthor_memberId_idx" ON "SpeechAuthor"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "SpeechAuthor_speechId_name_key" ON "SpeechAuthor"("speechId", "name");

