-- CreateTable
CREATE TABLE "WriterClaim" (
    "slot" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WriterClaim_pkey" PRIMARY KEY ("slot")
);

