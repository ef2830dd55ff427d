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
-- same transaction), its entries may be anonymised — the actor's label replaced by 'deleted', the actor's ids, the
-- address and before/after nulled (an operator's reason, where that column exists, may be nulled too) — and nothing
-- else of them may change: every other column is compared as JSON, so a column added later is protected unasked.
-- Every other UPDATE, and any DELETE while the account row exists (or of an entry of no workspace), is refused.
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger AS $$
DECLARE
  anonymisable CONSTANT text[] := ARRAY['actorLabel', 'actorUserId', 'actorApiKeyId', 'ip', 'before', 'after', 'reason'];
BEGIN
  IF TG_OP = 'DELETE' AND OLD."accountId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Account" WHERE "id" = OLD."accountId") THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
    AND NEW."actorLabel" = 'deleted' AND NEW."actorUserId" IS NULL AND NEW."actorApiKeyId" IS NULL
    AND NEW."ip" IS NULL AND NEW."before" IS NULL AND NEW."after" IS NULL
    AND (to_jsonb(NEW) -> 'reason' IS NULL OR to_jsonb(NEW) -> 'reason' = 'null'::jsonb OR to_jsonb(NEW) -> 'reason' = to_jsonb(OLD) -> 'reason')
    AND to_jsonb(NEW) - anonymisable = to_jsonb(OLD) - anonymisable
    AND EXISTS (SELECT 1 FROM "Account" WHERE "id" = OLD."accountId" AND "deletedAt" IS NOT NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
