import { reservedFor } from "../billing/credits";
import { db } from "../db";
import { AppError } from "../errors";
import { lockAccount } from "../limits/lock-account";
import { findProvider } from "../providers/catalog";
import { availability } from "../providers/registry";
import { providerSwitches } from "../providers/switches/switch-cache";
import { throwIfModelSwitchedOff } from "../providers/switches/switch-refusal";
import { admit, healthKey } from "../routing/health-store";
import { readRequest, readRouting, routingColumn, warningDetailsColumn } from "./generation-json";
import { currentPriceBook } from "../prices/price-book";
import { planForProvider } from "./plan-generation";
import type { RerouteOutcome } from "./step-outcomes";

/**
 * Moves a generation whose provider failed to the next candidate of its recorded ranking that still fits: not
 * tried yet, re-planned successfully for this request, no dearer than what was reserved (a fallback never costs
 * the client more than it agreed to), configured and not switched off by an operator, and with a circuit that admits it. Under the account lock, so
 * it cannot race a cancel. The cost becomes the new provider's; completion charges it and returns the rest.
 */
export async function rerouteGeneration(generationId: string): Promise<RerouteOutcome> {
  const client = await db();
  await providerSwitches().ensureLoaded();
  // Read before the transaction: fallbacks are priced with the lists in force when the generation was accepted.
  const book = await currentPriceBook();
  return client.$transaction(async (tx) => {
    const g = await tx.generation.findUniqueOrThrow({ where: { id: generationId } });
    await lockAccount(tx, g.accountId);
    const routing = readRouting(g);
    if (g.status !== "PROCESSING" || !routing) return { kind: "exhausted" };
    const request = readRequest(g);
    const attempts = await tx.generationAttempt.findMany({ where: { generationId }, orderBy: { number: "asc" } });
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
            options: request.options,
            providerOptions: request.providerOptions,
            strict: request.strict,
            maxCost: request.maxCost,
          },
          candidate.provider,
          { book, at: g.createdAt },
        );
        throwIfModelSwitchedOff(spec, g.type, plan.appliedOptions, g.mode);
      } catch (error) {
        // This candidate cannot take the request (its options, inputs or limits): try the next one.
        if (error instanceof AppError) continue;
        throw error;
      }
      if (plan.creditCost > budget) continue;
      if (!(await admit(healthKey(candidate.provider, g))).allowed) continue;
      const last = attempts.at(-1);
      const reason = `fell back to ${candidate.provider} (score ${candidate.score}) after ${last?.provider ?? g.provider} ${last?.status.toLowerCase() ?? "failed"}${last?.errorCode ? ` with ${last.errorCode}` : ""}`;
      // Guarded like every write to a generation: the row read above may predate a cancel that won the lock.
      const { count } = await tx.generation.updateMany({
        where: { id: g.id, status: "PROCESSING" },
        data: {
          provider: candidate.provider,
          options: plan.options,
          appliedOptions: plan.appliedOptions,
          warnings: plan.warnings,
          warningDetails: warningDetailsColumn(plan.warningDetails),
          creditCost: plan.creditCost,
          priceVersionId: plan.priceVersionId,
          vendorCost: plan.vendorCost,
          estimatedTime: plan.estimatedTime,
          vendorTaskId: null,
          progress: 0,
          routing: routingColumn({ ...routing, chosen: candidate.provider, reason }),
        },
      });
      return count === 1 ? { kind: "rerouted", provider: candidate.provider } : { kind: "exhausted" };
    }
    return { kind: "exhausted" };
  });
}
