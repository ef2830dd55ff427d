import { createHash } from "node:crypto";
import { type Caller, callerUserId } from "../auth/caller";
import { requireKeyAllows, requireKeyScope } from "../auth/key-scopes";
import { db, pgPool } from "../db";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError, invalidInput } from "../errors";
import type { Generation, KeyMode } from "../generated/prisma/client";
import { newId } from "../ids";
import { assertPublicInputUrls, assertPublicUrl } from "../net/assert-public-url";
import { enqueueGeneration } from "../dispatch/dispatch-generation";
import { parseRetention } from "../limits/retention";
import { acceptGeneration } from "./accept-generations";
import { requestColumns, routingColumn, warningDetailsColumn } from "./generation-json";
import { type GenerateInput, parseGenerateInput, planGeneration } from "./plan-generation";

export interface CreatedGeneration {
  generation: Generation;
  /** True when an earlier request with the same Idempotency-Key already created it. */
  replayed: boolean;
}

const MAX_KEY_LENGTH = 255;

/**
 * Accepts a generation: validates and plans it, then in one transaction — under the account's row lock — checks
 * the day limit and the queue bound, reserves its credits and records it as QUEUED (accept-generations.ts, which
 * shares that transaction between concurrent requests of one account); then hands it to the runner.
 *
 * Idempotency (Stripe semantics): a key is stored on the generation, unique per account and key mode (test and
 * live keys have separate key spaces, as in Stripe: a live request never replays a test result). The same key with the
 * same input returns that generation again (replayed), never a second one or a second charge, even when the
 * duplicates race: the loser's insert hits the unique index, its transaction (and reservation) rolls back, and it
 * returns the winner's generation. The same key with different input is IDEMPOTENCY_CONFLICT. Input that fails
 * validation is never stored under a key.
 */
export async function createGeneration(caller: Caller, rawInput: unknown, options: { idempotencyKey?: string } = {}): Promise<CreatedGeneration> {
  requireKeyScope(caller, "generate");
  const input = parseGenerateInput(rawInput);
  requireKeyAllows(caller, { type: input.type, provider: input.provider });
  const key = input.idempotencyKey ?? options.idempotencyKey;
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    throw invalidInput("idempotencyKey", `Idempotency keys are 1–${MAX_KEY_LENGTH} characters`);
  }
  const requestHash = key === undefined ? undefined : hashRequest(input);
  const mode = caller.mode ?? "LIVE";
  if (key !== undefined) {
    const earlier = await findByKey(caller.accountId, mode, key, requestHash!);
    if (earlier) return { generation: earlier, replayed: true };
  }

  // A request that names its retention is checked against the plan now; otherwise the admission reads the
  // workspace's default with the account lock it takes anyway (one round trip fewer).
  const retentionSeconds = input.retention === undefined ? undefined : await retentionFor(caller.accountId, input.retention);
  const plan = await planGeneration(input, { mode, accountId: caller.accountId, accepting: true, allowedProviders: caller.key?.allowedProviders });
  await assertPublicInputUrls(plan.input.input);
  if (plan.input.webhookUrl) await assertPublicUrl(plan.input.webhookUrl, "webhookUrl");
  const id = newId("gen");
  let generation: Generation;
  try {
    generation = await acceptGeneration({
      row: {
        id,
        accountId: caller.accountId,
        apiKeyId: caller.apiKeyId,
        // The signed-in person's; a key's work is its creator's (usage by member reads ApiKey.createdById).
        userId: callerUserId(caller),
        type: plan.input.type,
        provider: plan.provider.id,
        input: plan.input.input,
        options: plan.options,
        appliedOptions: plan.appliedOptions,
        warnings: plan.warnings,
        warningDetails: warningDetailsColumn(plan.warningDetails),
        mode,
        deadline: plan.input.deadline ?? null,
        routing: routingColumn(plan.routing),
        // Kept as asked, so a fallback re-plans the request itself for the next candidate (reroute-generation.ts).
        ...requestColumns({ options: plan.input.options, providerOptions: plan.input.providerOptions, strict: plan.input.strict ?? false, maxCost: plan.input.maxCost }),
        priority: plan.input.priority ?? null,
        webhookUrl: plan.input.webhookUrl ?? null,
        creditCost: plan.creditCost,
        priceVersionId: plan.priceVersionId,
        vendorCost: plan.vendorCost,
        numOutputs: plan.numOutputs,
        estimatedTime: plan.estimatedTime,
        idempotencyKey: key ?? null,
        requestHash: requestHash ?? null,
        retentionSeconds,
      },
      // TEST generations show what they would cost but never touch the balance.
      reserve: mode === "LIVE" ? plan.creditCost : 0,
    });
  } catch (error) {
    const earlier = key !== undefined && isUniqueViolation(error) ? await findByKey(caller.accountId, mode, key, requestHash!) : undefined;
    if (earlier) return { generation: earlier, replayed: true };
    throw error;
  }
  await enqueueGeneration(generation);
  return { generation, replayed: false };
}

/** The request's retention, checked against the plan. */
async function retentionFor(accountId: string, requested: string): Promise<number | null> {
  const client = await db();
  const account = await client.account.findUniqueOrThrow({ where: { id: accountId }, select: { plan: true } });
  return parseRetention(requested, account.plan);
}

/**
 * The generation an earlier request made with this key, if any. Most keys are new: that answer is one statement on
 * db()'s pool, without Prisma's layer (~0.4 ms of CPU a statement, see admit-directly.ts); only a replay reads the
 * whole row through Prisma.
 */
async function findByKey(accountId: string, mode: KeyMode, key: string, requestHash: string): Promise<Generation | undefined> {
  const pool = await pgPool();
  const { rows } = await pool.query<{ id: string; requestHash: string | null }>(
    `SELECT id, "requestHash" FROM "Generation" WHERE "accountId" = $1 AND mode = $2::"KeyMode" AND "idempotencyKey" = $3`,
    [accountId, mode, key],
  );
  const earlier = rows[0];
  if (!earlier) return undefined;
  if (earlier.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_CONFLICT", `Idempotency-Key ${JSON.stringify(key)} was already used for a different request`, {
      field: "idempotencyKey",
      generationId: earlier.id,
    });
  }
  return (await db()).generation.findUniqueOrThrow({ where: { id: earlier.id } });
}

/** The request's identity for idempotency: its parsed input, keys sorted, without the key itself. */
function hashRequest(input: GenerateInput): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash("sha256").update(stableJson(rest)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
