-- Idempotency keys are scoped per account AND key mode: a live request must never replay a test result.
-- DropIndex
DROP INDEX "Generation_accountId_idempotencyKey_key";

-- CreateIndex
CREATE UNIQUE INDEX "Generation_accountId_mode_idempotencyKey_key" ON "Generation"("accountId", "mode", "idempotencyKey");
