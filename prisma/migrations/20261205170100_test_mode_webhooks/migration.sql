-- Test mode gets its own webhook secret and endpoints: a test key never sees or uses live webhook settings.
-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "previousTestSecretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "previousTestWebhookSecret" TEXT,
ADD COLUMN     "testWebhookSecret" TEXT;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "mode" "KeyMode" NOT NULL DEFAULT 'LIVE';

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "mode" "KeyMode" NOT NULL DEFAULT 'LIVE';
