-- Issue 22: the queue bound (parallel × 11 generations queued or running) read a count of the account's QUEUED and
-- PROCESSING generations inside the admission's lock, on every request of an account with a parallel limit; its
-- cost grew with the queue (~0.2 ms more an admission at 2,500 queued). The account row now keeps the count: the
-- statement that inserts generations raises it, and completing, failing or cancelling one lowers it.
ALTER TABLE "Account" ADD COLUMN "activeGenerations" INTEGER NOT NULL DEFAULT 0;

-- The generations queued or running now, so that the bound holds across the upgrade. Exact when no instance of the
-- previous version admits or finishes generations while this runs (stop them first, as for every migration here).
UPDATE "Account" a SET "activeGenerations" = c.n
  FROM (SELECT "accountId", count(*)::int AS n FROM "Generation" WHERE status IN ('QUEUED', 'PROCESSING') GROUP BY "accountId") c
  WHERE a.id = c."accountId";
