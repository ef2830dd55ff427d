-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "deadline" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Generation_status_deadline_idx" ON "Generation"("status", "deadline");
