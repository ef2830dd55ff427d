-- API keys with limits of their own (spend cap per period, requests per minute, expiry, scopes, allowed providers
-- and types) and a low-balance alert threshold per account. Existing keys keep every scope and no limits.
-- CreateEnum
CREATE TYPE "KeySpendPeriod" AS ENUM ('DAY', 'MONTH', 'TOTAL');

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "lowBalanceThreshold" INTEGER;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedProviders" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "allowedTypes" "GenerationType"[] DEFAULT ARRAY[]::"GenerationType"[],
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "rpmLimit" INTEGER,
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['generate', 'read', 'webhooks']::TEXT[],
ADD COLUMN     "spendCap" INTEGER,
ADD COLUMN     "spendPeriod" "KeySpendPeriod";

-- CreateIndex
CREATE INDEX "Generation_apiKeyId_createdAt_idx" ON "Generation"("apiKeyId", "createdAt");
