import { db } from "../db";
import { isUniqueViolation } from "../db/unique-violation";
import { invalidInput, notFound } from "../errors";
import { newId } from "../ids";
import { lockAccount } from "../limits/lock-account";
import type { Operator } from "../ops/operators";
import { recordOperatorAction, requireReason } from "../ops/record-operator-action";

/**
 * An operator refunds a completed generation: what its CHARGE took (the generation's creditCost) goes back to the
 * balance as an ADJUSTMENT entry tied to the generation. Exactly once, however many operators click at once: the
 * account's row lock puts them in line and the second finds the first's entry; the ledger's unique
 * (generationId, kind) would refuse a second entry even without the lock.
 */
export async function refundGeneration(input: { operator: Operator; generationId: string; reason: string; ip?: string | null }) {
  const reason = requireReason(input.reason);
  const client = await db();
  const generation = await client.generation.findUnique({ where: { id: input.generationId }, select: { accountId: true } });
  if (!generation) throw notFound("Generation", input.generationId);
  const { accountId } = generation;
  try {
    return await client.$transaction(async (tx) => {
      // The account first, then the generation (lib/limits/lock-account.ts says why that order).
      await lockAccount(tx, accountId);
      const row = await tx.generation.findUniqueOrThrow({ where: { id: input.generationId }, select: { status: true, creditCost: true, mode: true } });
      const charged = await tx.creditLedgerEntry.findUnique({ where: { generationId_kind: { generationId: input.generationId, kind: "CHARGE" } }, select: { id: true } });
      if (row.status !== "COMPLETED" || row.mode !== "LIVE" || !charged || row.creditCost <= 0) {
        throw invalidInput("generationId", "Only a completed live generation that was charged can be refunded", "not-refundable");
      }
      const earlier = await tx.creditLedgerEntry.findUnique({ where: { generationId_kind: { generationId: input.generationId, kind: "ADJUSTMENT" } }, select: { id: true } });
      if (earlier) throw alreadyRefunded();
      const before = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { creditBalance: true } });
      const { creditBalance } = await tx.account.update({ where: { id: accountId }, data: { creditBalance: { increment: row.creditCost } }, select: { creditBalance: true } });
      const entryId = newId("led");
      await tx.creditLedgerEntry.create({
        data: {
          id: entryId,
          accountId,
          generationId: input.generationId,
          kind: "ADJUSTMENT",
          amount: row.creditCost,
          balanceAfter: creditBalance,
          note: `Refunded ${row.creditCost} credits`,
        },
      });
      await recordOperatorAction(
        {
          operator: input.operator,
          action: "ops.generation_refunded",
          accountId,
          target: `generation:${input.generationId}`,
          reason,
          before: { creditBalance: before.creditBalance },
          after: { creditBalance, refunded: row.creditCost },
          ip: input.ip,
        },
        tx,
      );
      return { entryId, refunded: row.creditCost, creditBalance };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRefunded();
    throw error;
  }
}

function alreadyRefunded() {
  return invalidInput("generationId", "This generation was refunded already", "already-refunded");
}
