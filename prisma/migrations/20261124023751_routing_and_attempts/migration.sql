-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "attempts" JSONB,
ADD COLUMN     "routing" JSONB;
