-- CreateTable
CREATE TABLE "Proposal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "field" TEXT,
    "reporterId" INTEGER,
    "reporterName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProposalAuthor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "proposalId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ProposalAuthor_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "proposalId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT,
    "date" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "sourceMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalEvent_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_code_key" ON "Proposal"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_sourceMessageId_key" ON "Proposal"("sourceMessageId");

-- CreateIndex
CREATE INDEX "Proposal_roomId_date_idx" ON "Proposal"("roomId", "date");

-- CreateIndex
CREATE INDEX "ProposalAuthor_memberId_idx" ON "ProposalAuthor"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalAuthor_proposalId_name_key" ON "ProposalAuthor"("proposalId", "name");

-- CreateIndex
CREATE INDEX "ProposalEvent_kind_date_idx" ON "ProposalEvent"("kind", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalEvent_proposalId_kind_key" ON "ProposalEvent"("proposalId", "kind");

