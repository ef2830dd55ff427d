-- Operators' switches per provider and per model (enabled, disabled for new generations, test-only) and forced
-- circuits (issue 21). No rows: every provider stays as it was, enabled with an automatic circuit.
-- CreateEnum
CREATE TYPE "ProviderSwitchState" AS ENUM ('ENABLED', 'DISABLED', 'TEST_ONLY');

-- CreateEnum
CREATE TYPE "CircuitOverride" AS ENUM ('AUTO', 'FORCED_OPEN', 'FORCED_CLOSED');

-- CreateTable
CREATE TABLE "ProviderSwitch" (
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL DEFAULT '',
    "state" "ProviderSwitchState" NOT NULL DEFAULT 'ENABLED',
    "publicMessage" TEXT,
    "circuit" "CircuitOverride" NOT NULL DEFAULT 'AUTO',
    "reason" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderSwitch_pkey" PRIMARY KEY ("provider","model")
);
