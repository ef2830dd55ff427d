import { reservedFor } from "../billing/credits";
import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { lockAccount } from "../limits/lock-account";
import { findProvider } from "../providers/catalog";
import { availability } from "../providers/registry";
import type { Routing } from "../routing/choose-provider";
import { admit, healthKey } from "../routing/health-store";
import { generationChanges } from "../events/generation-changes";
import type { Attempt } from "./attempt-provider";
import { planForProvider } from "./plan-generation";

/** What the client asked for, kept with the routing so a fallback can re-plan it for another provider. */
export interface StoredRouting extends Routing {
  request?: { options?: Record<string, unknown>; providerOptions?: Record<string, Record<string, unknown>>; strict?: boolean; maxCost?: number };
}

/**
 * Moves a generation whose provider failed to the next candidate of its recorded ranking that still fits: not
 * tried yet, re-planned successfully for this request, no dearer than what was reserved (a fallback never costs
 * the client more than it agreed to), configured, and with a circuit that admits it. Under the account lock, so
 * it cannot race a cancel. The cost becomes the new provider's; completion charges it and returns the rest.
 */
export async function rerouteGeneration(generationId: string): Promise<{ rerouted: boolean; provider?: string }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const g = await tx.generation.findUniqueOrThrow({ where: { id: generationId } });
    await lockAccount(tx, g.accountId);
    if (g.status !== "PROCESSING" || !g.routing) return { rerouted: false };
    const routing = g.routing as unknown as StoredRouting;
    const attempts = (Array.isArray(g.attempts) ? g.attempts : []) as unknown as Attempt[];
    const tried = new Set(attempts.map((a) => a.provider));
    const budget = g.mode === "LIVE" ? await reservedFor(tx, g.id) : Number.POSITIVE_INFINITY;
    for (const candidate of routing.candidates.filter((c) => c.score !== null && !tried.has(c.provider))) {
      const spec = findProvider(candidate.provider);
      if (!spec || !availability(spec, g.mode).available) continue;
      let plan;
      try {
        plan = planForProvider(
          {
            type: g.type,
            input: g.input,
            options: routing.request?.options,
            providerOptions: routing.request?.providerOptions,
            strict: routing.request?.strict,
            maxCost: routing.request?.maxCost,
          },
          candidate.provider,
        );
      } catch (error) {
        // This candidate cannot take the request (its options, inputs or limits): try the next one.
        if (error instanceof AppError) continue;
        throw error;
      }
      if (plan.creditCost > budget) continue;
      if (!(await admit(healthKey(candidate.provider, g))).allowed) continue;
      const last = attempts.at(-1);
      const reason = `fell back to ${candidate.provider} (score ${candidate.score}) after ${last?.provider ?? g.provider} ${last?.status ?? "failed"}${last?.errorCode ? ` with ${last.errorCode}` : ""}`;
      // Guarded like every write to a generation: the row read above may predate a cancel that won the lock.
      const { count } = await tx.generation.updateMany({
        where: { id: g.id, status: "PROCESSING" },
        data: {
          provider: candidate.provider,
          options: plan.options,
          appliedOptions: plan.appliedOptions,
          warnings: plan.warnings,
          warningDetails: plan.warningDetails as unknown as Prisma.InputJsonValue,
          creditCost: plan.creditCost,
          estimatedTime: plan.estimatedTime,
          vendorTaskId: null,
          progress: 0,
          routing: { ...routing, chosen: candidate.provider, reason } as unknown as Prisma.InputJsonValue,
        },
      });
      if (count === 0) return { rerouted: false };
      await generationChanges.publishOnCommit(tx, g.id);
      return { rerouted: true, provider: candidate.provider };
    }
    return { rerouted: false };
  });
}
