-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "retentionSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "mediaExpiredAt" TIMESTAMP(3),
ADD COLUMN     "mediaExpiresAt" TIMESTAMP(3),
ADD COLUMN     "retentionSeconds" INTEGER;

-- CreateIndex
CREATE INDEX "Generation_mediaExpiresAt_idx" ON "Generation"("mediaExpiresAt");
