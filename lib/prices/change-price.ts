import { db } from "../db";
import { isUniqueViolation } from "../db/unique-violation";
import { invalidInput } from "../errors";
import type { GenerationType } from "../generated/prisma/client";
import { newId } from "../ids";
import type { Operator } from "../ops/operators";
import { recordOperatorAction, requireReason } from "../ops/record-operator-action";
import { priceChanges } from "./price-book";

export interface PriceChange {
  providerId: string;
  type: GenerationType;
  /** Every number of the current list, by the same names (the formula in code reads exactly these). */
  rates: Record<string, number>;
  markup: number;
  /** When it takes effect: now when absent; never in the past, so no accepted generation's price is rewritten. */
  effectiveFrom?: Date;
  reason: string;
}

/** A clock's worth of slack for "now" sent by a browser form. */
const PAST_SLACK_MS = 60_000;
const MAX_MARKUP = 100;

/**
 * Appends the next version of a model's price list (history is append-only: nothing is edited) and writes
 * `ops.price_changed` to the audit log in the same transaction, with the previous and new numbers. Generations
 * accepted before `effectiveFrom` keep the version they were charged under. Every instance hears of it at the
 * commit (this one before the call returns; see price-book.ts for a lost message).
 */
export async function changePrice(operator: Operator, change: PriceChange, ip?: string | null) {
  const reason = requireReason(change.reason);
  const now = Date.now();
  const effectiveFrom = change.effectiveFrom ?? new Date(now);
  if (Number.isNaN(effectiveFrom.getTime()) || effectiveFrom.getTime() < now - PAST_SLACK_MS) {
    throw invalidInput("effectiveFrom", "A price change takes effect now or later, never in the past", "in-the-past");
  }
  if (!Number.isFinite(change.markup) || change.markup <= 0 || change.markup > MAX_MARKUP) {
    throw invalidInput("markup", `The markup is a number above 0 and at most ${MAX_MARKUP}`, "out-of-range");
  }
  const client = await db();
  const created = await client
    .$transaction(async (tx) => {
      const latest = await tx.priceVersion.findFirst({ where: { providerId: change.providerId, type: change.type }, orderBy: { version: "desc" } });
      if (!latest) throw invalidInput("providerId", `${change.providerId} has no ${change.type} price list`, "unknown");
      const previous = latest.rates as Record<string, number>;
      const rates: Record<string, number> = {};
      for (const name of Object.keys(previous)) {
        const value = change.rates[name];
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalidInput(`rates.${name}`, `Give ${name} as a number of at least 0`, "invalid");
        rates[name] = value;
      }
      const extra = Object.keys(change.rates).find((name) => !(name in previous));
      if (extra) throw invalidInput(`rates.${extra}`, `${change.providerId} ${change.type} has no rate named ${extra}`, "unknown");
      const row = await tx.priceVersion.create({
        data: {
          id: newId("prc"),
          providerId: change.providerId,
          type: change.type,
          version: latest.version + 1,
          rates,
          markup: change.markup,
          effectiveFrom,
          reason,
          createdBy: operator.email,
        },
      });
      await recordOperatorAction(
        {
          operator,
          action: "ops.price_changed",
          target: `price_list:${change.providerId}/${change.type}`,
          reason,
          before: { version: latest.version, rates: previous, markup: Number(latest.markup), effectiveFrom: latest.effectiveFrom },
          after: { version: row.version, rates, markup: change.markup, effectiveFrom },
          ip,
        },
        tx,
      );
      await priceChanges.publishOnCommit(tx, `${change.providerId}/${change.type}`);
      return row;
    })
    .catch((error: unknown) => {
      // Two saves of one list at the same moment both read the same latest version; the unique (provider, type,
      // version) lets one in, and the other is told to look again rather than answered with a 500.
      if (isUniqueViolation(error)) {
        throw invalidInput("version", "Another operator saved a new version of this price list at the same moment; reload it and apply your change again", "conflict");
      }
      throw error;
    });
  return { id: created.id, version: created.version, effectiveFrom: created.effectiveFrom };
}
