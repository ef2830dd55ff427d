-- The runner's round-robin index holds started generations only, so an Idempotency-Key lookup cannot use it: on a
-- table without statistics (PGlite never gathers any) it looked as cheap as the key's unique index, and the lookup
-- read every started generation of the account.

-- DropIndex
DROP INDEX "Generation_accountId_mode_startedAt_idx";

-- CreateIndex
CREATE INDEX "Generation_accountId_mode_startedAt_idx" ON "Generation"("accountId", "mode", "startedAt") WHERE "startedAt" IS NOT NULL;
