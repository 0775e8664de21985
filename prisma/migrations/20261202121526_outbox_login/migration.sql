-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "puppetLogin" TEXT;

