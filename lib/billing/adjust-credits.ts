import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import { newId } from "../ids";
import { lockAccount } from "../limits/lock-account";
import type { Operator } from "../ops/operators";
import { recordOperatorAction, requireReason } from "../ops/record-operator-action";

/** The largest single adjustment an operator may make (either way): a typo of a few zeros is refused, not booked. */
export const MAX_ADJUSTMENT = 1_000_000;

/**
 * An operator adds credits to a workspace or takes them away: one ADJUSTMENT ledger entry and the balance moved by
 * the same amount under the account's row lock, with the audit entry in the same transaction — never a bare
 * balance edit. The balance never goes below zero (reserved credits are not touched). The ledger note the customer
 * sees is neutral; the operator's reason is in the audit log.
 */
export async function adjustCredits(input: { operator: Operator; accountId: string; amount: number; reason: string; ip?: string | null }) {
  const reason = requireReason(input.reason);
  const { amount, accountId } = input;
  if (!Number.isSafeInteger(amount) || amount === 0) throw invalidInput("amount", "The adjustment is a whole number of credits, not 0", "not-whole");
  if (Math.abs(amount) > MAX_ADJUSTMENT) throw invalidInput("amount", `At most ${MAX_ADJUSTMENT} credits either way in one adjustment`, "too-large");
  const client = await db();
  return client.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { creditBalance: true, deletedAt: true } });
    if (!account || account.deletedAt) throw notFound("Workspace", accountId);
    if (account.creditBalance + amount < 0) throw invalidInput("amount", `The balance is ${account.creditBalance}: it cannot go below zero`, "below-zero");
    const { creditBalance } = await tx.account.update({ where: { id: accountId }, data: { creditBalance: { increment: amount } }, select: { creditBalance: true } });
    const entryId = newId("led");
    await tx.creditLedgerEntry.create({
      data: { id: entryId, accountId, kind: "ADJUSTMENT", amount, balanceAfter: creditBalance, note: amount > 0 ? "Credits added by Doitong" : "Credits removed by Doitong" },
    });
    await recordOperatorAction(
      {
        operator: input.operator,
        action: "ops.credits_adjusted",
        accountId,
        target: `ledger_entry:${entryId}`,
        reason,
        before: { creditBalance: account.creditBalance },
        after: { creditBalance, amount },
        ip: input.ip,
      },
      tx,
    );
    return { entryId, creditBalance };
  });
}
