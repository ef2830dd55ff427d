-- Issue 20, the rest: usage by member, top-up receipts, audit entries anonymised by a workspace's deletion, and
-- media purges claimed so two instances never purge one generation at once.

-- Who made a generation: the signed-in person for the dashboard's (and the playground's); for an API key's, the
-- person who created the key (ApiKey.createdById). No foreign keys: a removed member's work stays theirs.
ALTER TABLE "Generation" ADD COLUMN "userId" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "createdById" TEXT;

-- What can be known of the past: the audit log names who created each key since it exists, and a workspace with a
-- single member (a personal one) made all its work through that member.
UPDATE "ApiKey" k SET "createdById" = a."actorUserId"
  FROM "AuditLogEntry" a
  WHERE a."action" = 'key.created' AND a."targetId" = k."id" AND a."accountId" = k."accountId" AND a."actorUserId" IS NOT NULL;
UPDATE "ApiKey" k SET "createdById" = (SELECT m."userId" FROM "Membership" m WHERE m."accountId" = k."accountId")
  WHERE k."createdById" IS NULL AND (SELECT count(*) FROM "Membership" m WHERE m."accountId" = k."accountId") = 1;
UPDATE "Generation" g SET "userId" = (SELECT m."userId" FROM "Membership" m WHERE m."accountId" = g."accountId")
  WHERE g."apiKeyId" IS NULL AND (SELECT count(*) FROM "Membership" m WHERE m."accountId" = g."accountId") = 1;

-- A top-up's Stripe receipt (the charge's receipt_url), stored when the webhook applies it.
ALTER TABLE "CreditLedgerEntry" ADD COLUMN "receiptUrl" TEXT;

-- A purger's claim on a generation whose media is due (lib/retention/purge-expired-media.ts).
ALTER TABLE "Generation" ADD COLUMN "mediaPurgeClaimedUntil" TIMESTAMP(3);

-- The audit log stays append-only, with one exception: once a workspace is deleted (Account."deletedAt" set, in the
-- same transaction), its entries may be anonymised — address, before/after and the actor's ids gone, the actor's
-- label replaced by 'deleted' — and nothing else of them may change. Every other UPDATE, and any DELETE while the
-- account row exists, is refused as before.
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Account" WHERE "id" = OLD."accountId") THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
    AND NEW."ip" IS NULL AND NEW."before" IS NULL AND NEW."after" IS NULL
    AND NEW."actorLabel" = 'deleted' AND NEW."actorUserId" IS NULL AND NEW."actorApiKeyId" IS NULL
    AND NEW."id" = OLD."id" AND NEW."sequence" = OLD."sequence" AND NEW."action" = OLD."action"
    AND NEW."accountId" IS NOT DISTINCT FROM OLD."accountId"
    AND NEW."targetType" IS NOT DISTINCT FROM OLD."targetType" AND NEW."targetId" IS NOT DISTINCT FROM OLD."targetId"
    AND NEW."createdAt" = OLD."createdAt"
    AND EXISTS (SELECT 1 FROM "Account" WHERE "id" = OLD."accountId" AND "deletedAt" IS NOT NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
