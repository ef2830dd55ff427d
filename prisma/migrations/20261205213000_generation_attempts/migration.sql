-- Workflow state as typed columns (issue 16): each provider attempt becomes a GenerationAttempt row instead of an
-- element of the Generation.attempts JSON array, and the client's request (kept for re-planning a fallback) moves
-- from routing.request to columns of its own. Existing rows are carried over before the JSON goes, and memoised
-- step results of unfinished generations are tagged with the `kind` the workflow now switches on.

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'REFUSED', 'FAILED', 'TIMED_OUT');

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "maxCost" INTEGER,
ADD COLUMN     "providerOptions" JSONB,
ADD COLUMN     "requestOptions" JSONB,
ADD COLUMN     "strict" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "GenerationAttempt" (
    "generationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT,
    "vendorTaskId" TEXT,
    "status" "AttemptStatus" NOT NULL DEFAULT 'RUNNING',
    "errorCode" TEXT,
    "message" TEXT,
    "creditCost" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "GenerationAttempt_pkey" PRIMARY KEY ("generationId","number")
);

-- AddForeignKey
ALTER TABLE "GenerationAttempt" ADD CONSTRAINT "GenerationAttempt_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data: one row per element of attempts, in order ({provider, status, errorCode, message?, startedAt, endedAt},
-- times as ISO strings in UTC). The vendor task id on the generation is its current provider's, so it goes with
-- the last attempt when that one is the current provider's.
INSERT INTO "GenerationAttempt" ("generationId", "number", "provider", "vendorTaskId", "status", "errorCode", "message", "startedAt", "endedAt")
SELECT g."id",
       a.n::INTEGER,
       a.e->>'provider',
       CASE WHEN a.n = jsonb_array_length(g."attempts") AND a.e->>'provider' = g."provider" THEN g."vendorTaskId" END,
       upper(a.e->>'status')::"AttemptStatus",
       a.e->>'errorCode',
       a.e->>'message',
       COALESCE((a.e->>'startedAt')::TIMESTAMPTZ AT TIME ZONE 'UTC', g."startedAt", g."createdAt"),
       (a.e->>'endedAt')::TIMESTAMPTZ AT TIME ZONE 'UTC'
FROM "Generation" g
CROSS JOIN LATERAL jsonb_array_elements(g."attempts") WITH ORDINALITY AS a(e, n)
WHERE jsonb_typeof(g."attempts") = 'array' AND a.e->>'provider' IS NOT NULL;

-- Data: routing.request → the request columns, and out of routing.
UPDATE "Generation"
SET "requestOptions" = "routing"->'request'->'options',
    "providerOptions" = "routing"->'request'->'providerOptions',
    "strict" = COALESCE(("routing"->'request'->>'strict')::BOOLEAN, false),
    "maxCost" = ("routing"->'request'->>'maxCost')::INTEGER,
    "routing" = "routing" - 'request'
WHERE jsonb_typeof("routing"->'request') = 'object';

-- Data: memoised step results get their tag (lib/generations/step-outcomes.ts), so an unfinished generation
-- replays its finished steps after the upgrade instead of redoing them.
UPDATE "GenerationStep" SET "output" = jsonb_build_object('kind', CASE WHEN ("output"->>'proceed')::BOOLEAN THEN 'started' ELSE 'stopped' END)
WHERE jsonb_typeof("output") = 'object' AND "output"->'proceed' IS NOT NULL;
UPDATE "GenerationStep" SET "output" = "output" || '{"kind":"produced"}'::JSONB
WHERE jsonb_typeof("output") = 'object' AND "output"->'outputs' IS NOT NULL AND "output"->'kind' IS NULL;
UPDATE "GenerationStep" SET "output" = "output" || '{"kind":"submitted"}'::JSONB
WHERE jsonb_typeof("output") = 'object' AND "output"->'task' IS NOT NULL AND "output"->'kind' IS NULL;
UPDATE "GenerationStep" SET "output" = ("output"->'failure') || '{"kind":"failed"}'::JSONB
WHERE jsonb_typeof("output") = 'object' AND jsonb_typeof("output"->'failure') = 'object';
UPDATE "GenerationStep" SET "output" = jsonb_build_object('kind', 'pending', 'waitMs', "output"->'pending'->'waitMs')
WHERE jsonb_typeof("output") = 'object' AND jsonb_typeof("output"->'pending') = 'object';
UPDATE "GenerationStep" SET "output" = CASE WHEN ("output"->>'rerouted')::BOOLEAN
    THEN jsonb_build_object('kind', 'rerouted', 'provider', "output"->'provider')
    ELSE '{"kind":"exhausted"}'::JSONB END
WHERE jsonb_typeof("output") = 'object' AND "output"->'rerouted' IS NOT NULL;

-- AlterTable
ALTER TABLE "Generation" DROP COLUMN "attempts";
