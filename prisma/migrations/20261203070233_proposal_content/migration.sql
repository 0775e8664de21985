-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "content" TEXT;

