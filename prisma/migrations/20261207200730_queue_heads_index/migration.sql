-- The runner reads each account's queue from its head (lib/jobs/claim-generations.ts): a claim had read every queued
-- generation of every backlog. Queued generations only, so the index stays as small as the queues, and its leading
-- column lists the accounts that have any.

-- CreateIndex
CREATE INDEX "Generation_accountId_mode_createdAt_id_idx" ON "Generation"("accountId", "mode", "createdAt", "id") WHERE status = 'QUEUED';
