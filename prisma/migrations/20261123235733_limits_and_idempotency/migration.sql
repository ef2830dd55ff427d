-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "dailyLimit" INTEGER,
ADD COLUMN     "parallelLimit" INTEGER,
ADD COLUMN     "rpmLimit" INTEGER;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "requestHash" TEXT;

-- CreateIndex
CREATE INDEX "Generation_accountId_status_idx" ON "Generation"("accountId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Generation_accountId_idempotencyKey_key" ON "Generation"("accountId", "idempotencyKey");
