-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Room" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "puppetRoomId" TEXT,
    "pushEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "realName" TEXT,
    "sector" TEXT,
    "puppetContactId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoomMembership" (
    "id" SERIAL NOT NULL,
    "roomId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "alias" TEXT,
    "role" TEXT NOT NULL DEFAULT 'member',

    CONSTRAINT "RoomMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageLog" (
    "id" SERIAL NOT NULL,
    "puppetMessageId" TEXT NOT NULL,
    "roomId" INTEGER,
    "roomTopic" TEXT,
    "senderName" TEXT NOT NULL,
    "memberId" INTEGER,
    "text" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "MessageLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "targetKind" TEXT NOT NULL,
    "roomId" INTEGER,
    "targetName" TEXT,
    "puppetId" TEXT,
    "text" TEXT,
    "filePath" TEXT,
    "fileName" TEXT,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordCounter" (
    "letter" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RecordCounter_pkey" PRIMARY KEY ("letter")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityParticipant" (
    "id" SERIAL NOT NULL,
    "activityId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,

    CONSTRAINT "ActivityParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpinionReport" (
    "id" SERIAL NOT NULL,
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
    "lastChangeAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpinionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpinionAuthor" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OpinionAuthor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpinionEvent" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "detail" TEXT,
    "date" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "sourceMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpinionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" SERIAL NOT NULL,
    "recordCode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "senderName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "messageTime" TIMESTAMP(3) NOT NULL,
    "resolvedCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlannedActivity" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "place" TEXT,
    "createdById" INTEGER,
    "createdByName" TEXT NOT NULL,
    "sourceMessageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "activityCode" TEXT,

    CONSTRAINT "PlannedActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalAuthor" (
    "id" SERIAL NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "name" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ProposalAuthor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalEvent" (
    "id" SERIAL NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT,
    "date" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "sourceMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Room_topic_idx" ON "Room"("topic");

-- CreateIndex
CREATE INDEX "Member_name_idx" ON "Member"("name");

-- CreateIndex
CREATE INDEX "Member_realName_idx" ON "Member"("realName");

-- CreateIndex
CREATE UNIQUE INDEX "RoomMembership_roomId_memberId_key" ON "RoomMembership"("roomId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "MessageLog_puppetMessageId_key" ON "MessageLog"("puppetMessageId");

-- CreateIndex
CREATE INDEX "MessageLog_senderName_sentAt_idx" ON "MessageLog"("senderName", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_code_key" ON "Activity"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_sourceMessageId_key" ON "Activity"("sourceMessageId");

-- CreateIndex
CREATE INDEX "Activity_roomId_date_idx" ON "Activity"("roomId", "date");

-- CreateIndex
CREATE INDEX "Activity_date_idx" ON "Activity"("date");

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
CREATE INDEX "OpinionReport_date_idx" ON "OpinionReport"("date");

-- CreateIndex
CREATE INDEX "OpinionAuthor_memberId_idx" ON "OpinionAuthor"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "OpinionAuthor_reportId_name_key" ON "OpinionAuthor"("reportId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OpinionEvent_sourceMessageId_key" ON "OpinionEvent"("sourceMessageId");

-- CreateIndex
CREATE INDEX "OpinionEvent_reportId_kind_idx" ON "OpinionEvent"("reportId", "kind");

-- CreateIndex
CREATE INDEX "OpinionEvent_kind_date_idx" ON "OpinionEvent"("kind", "date");

-- CreateIndex
CREATE INDEX "Revision_recordCode_idx" ON "Revision"("recordCode");

-- CreateIndex
CREATE UNIQUE INDEX "Draft_code_key" ON "Draft"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Draft_sourceMessageId_key" ON "Draft"("sourceMessageId");

-- CreateIndex
CREATE INDEX "Draft_senderName_resolvedAt_idx" ON "Draft"("senderName", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedActivity_code_key" ON "PlannedActivity"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedActivity_sourceMessageId_key" ON "PlannedActivity"("sourceMessageId");

-- CreateIndex
CREATE INDEX "PlannedActivity_startsAt_idx" ON "PlannedActivity"("startsAt");

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

-- AddForeignKey
ALTER TABLE "RoomMembership" ADD CONSTRAINT "RoomMembership_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomMembership" ADD CONSTRAINT "RoomMembership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageLog" ADD CONSTRAINT "MessageLog_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityParticipant" ADD CONSTRAINT "ActivityParticipant_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpinionAuthor" ADD CONSTRAINT "OpinionAuthor_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "OpinionReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpinionEvent" ADD CONSTRAINT "OpinionEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "OpinionReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalAuthor" ADD CONSTRAINT "ProposalAuthor_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalEvent" ADD CONSTRAINT "ProposalEvent_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

