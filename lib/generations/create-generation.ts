import type { Caller } from "../auth/caller";
import { reserveCreditsOrThrow } from "../billing/credits";
import { db } from "../db";
import type { Generation } from "../generated/prisma/client";
import { newId } from "../ids";
import { enqueueGeneration } from "../jobs/dispatch";
import { planGeneration } from "./plan-generation";

/**
 * Accepts a generation: validates and plans it, reserves its credits and records it as QUEUED in one
 * transaction, then hands it to the job runner. Returns at once; the work happens in the background.
 */
export async function createGeneration(caller: Caller, rawInput: unknown): Promise<Generation> {
  const plan = planGeneration(rawInput);
  const client = await db();
  const id = newId("gen");
  const generation = await client.$transaction(async (tx) => {
    const row = await tx.generation.create({
      data: {
        id,
        accountId: caller.accountId,
        apiKeyId: caller.apiKeyId,
        type: plan.input.type,
        provider: plan.provider.id,
        input: plan.input.input,
        options: plan.options,
        priority: plan.input.priority ?? null,
        webhookUrl: plan.input.webhookUrl ?? null,
        creditCost: plan.creditCost,
        estimatedTime: plan.estimatedTime,
      },
    });
    if (plan.creditCost > 0) await reserveCreditsOrThrow(tx, caller.accountId, id, plan.creditCost);
    return row;
  });
  await enqueueGeneration(generation.id);
  return generation;
}
