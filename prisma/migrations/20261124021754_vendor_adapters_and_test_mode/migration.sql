-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "stripeSubscriptionId" TEXT;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "appliedOptions" JSONB,
ADD COLUMN     "mode" "KeyMode" NOT NULL DEFAULT 'LIVE',
ADD COLUMN     "vendorTaskId" TEXT,
ADD COLUMN     "warnings" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "Account_stripeSubscriptionId_key" ON "Account"("stripeSubscriptionId");
