-- CreateIndex
CREATE INDEX "Generation_accountId_mode_startedAt_idx" ON "Generation"("accountId", "mode", "startedAt");
