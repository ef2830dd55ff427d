-- Operators (issue 21): people who run the business from the /ops console. An operator signs in with a password and
-- a TOTP code, in a session of its own (OperatorSession), never the dashboard's.
ALTER TABLE "User" ADD COLUMN "operatorSince" TIMESTAMP(3);
-- The TOTP secret, encrypted with the server secret (lib/ops/totp.ts); set at enrolment, with the time it was confirmed.
ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "User" ADD COLUMN "totpEnrolledAt" TIMESTAMP(3);
-- The last 30-second step a code was accepted for: a code is good once, so an overheard one cannot be replayed.
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;
-- The one-time enrolment link that `admin grant-operator` prints (SHA-256 of its token) and when it runs out.
ALTER TABLE "User" ADD COLUMN "operatorEnrolTokenHash" TEXT;
ALTER TABLE "User" ADD COLUMN "operatorEnrolExpiresAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "User_operatorEnrolTokenHash_key" ON "User"("operatorEnrolTokenHash");

CREATE TABLE "OperatorSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "OperatorSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "OperatorSession_userId_idx" ON "OperatorSession"("userId");
ALTER TABLE "OperatorSession" ADD CONSTRAINT "OperatorSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A suspended workspace: its keys and dashboard sessions are refused (WORKSPACE_SUSPENDED); running work finishes.
ALTER TABLE "Account" ADD COLUMN "suspendedAt" TIMESTAMP(3);

-- Operator actions go to the same append-only log. Those about no one workspace (a price, a provider) have no
-- account; every operator action carries the reason the operator gave.
ALTER TABLE "AuditLogEntry" ALTER COLUMN "accountId" DROP NOT NULL;
ALTER TABLE "AuditLogEntry" ADD COLUMN "reason" TEXT;
CREATE INDEX "AuditLogEntry_action_sequence_idx" ON "AuditLogEntry"("action", "sequence" DESC);

-- Still append-only: the cascade of a workspace's deletion may remove its entries, and nothing removes an entry
-- that belongs to no workspace (NOT EXISTS over a NULL account would otherwise let a DELETE through).
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."accountId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Account" WHERE "id" = OLD."accountId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
