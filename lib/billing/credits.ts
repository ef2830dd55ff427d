import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";

type Tx = Prisma.TransactionClient;

/**
 * Credit movements for one generation, each inside the caller's transaction. The account row is changed by a
 * conditional update (never read-then-write), and the ledger's unique (generationId, kind) makes every movement
 * happen at most once per generation even if a caller retries.
 *
 *   reserve: balance -= cost, reserved += cost          (accepting generations)
 *   charge:  reserved -= cost                           (it completed)
 *   release: reserved -= cost, balance += cost          (failed, cancelled, never started)
 */
/**
 * Reserves credits for generations accepted together, in order, from `balance` — the account's balance read
 * under its row lock in this transaction (see lib/generations/accept-generations.ts). One account update for the
 * lot, and one RESERVE entry each with the balance after it. The update stays conditional, so a caller that did
 * not hold the lock could still never take the balance below zero.
 */
export async function reserveCredits(tx: Tx, accountId: string, balance: number, reservations: { generationId: string; amount: number }[]): Promise<void> {
  const total = reservations.reduce((sum, r) => sum + r.amount, 0);
  if (total === 0) return;
  const { count } = await tx.account.updateMany({
    where: { id: accountId, creditBalance: { gte: total } },
    data: { creditBalance: { decrement: total }, creditsReserved: { increment: total } },
  });
  if (count === 0) throw new Error(`Reserving ${total} credits for ${accountId} without the account lock`);
  let after = balance;
  await tx.creditLedgerEntry.createMany({
    data: reservations.map(({ generationId, amount }) => ({
      id: newId("led"),
      accountId,
      generationId,
      kind: "RESERVE" as const,
      amount: -amount,
      balanceAfter: (after -= amount),
    })),
  });
}

export function insufficientCredits(amount: number, available: number): AppError {
  return new AppError("INSUFFICIENT_CREDITS", `This generation costs ${amount} credits; ${available} are available`, { required: amount, available });
}

/**
 * Charges `amount` of what was reserved. When a fallback provider turned out cheaper than the reservation, the
 * rest returns to the balance in the same entry (a fallback is never allowed to cost more than was reserved).
 */
export async function chargeReserved(tx: Tx, accountId: string, generationId: string, amount: number, reserved = amount): Promise<void> {
  const refund = Math.max(0, reserved - amount);
  await tx.account.update({ where: { id: accountId }, data: { creditsReserved: { decrement: reserved }, creditBalance: { increment: refund } } });
  const note = refund > 0 ? `Charged ${amount} credits; ${refund} of the ${reserved} reserved returned` : `Charged ${amount} credits`;
  await appendEntry(tx, accountId, generationId, "CHARGE", refund, note);
}

/** What was reserved for a generation when it was accepted (0 if nothing was, e.g. TEST mode). */
export async function reservedFor(tx: Tx, generationId: string): Promise<number> {
  const entry = await tx.creditLedgerEntry.findUnique({ where: { generationId_kind: { generationId, kind: "RESERVE" } }, select: { amount: true } });
  return entry ? -entry.amount : 0;
}

export async function releaseReserved(tx: Tx, accountId: string, generationId: string, amount: number, why: string): Promise<void> {
  await tx.account.update({
    where: { id: accountId },
    data: { creditsReserved: { decrement: amount }, creditBalance: { increment: amount } },
  });
  await appendEntry(tx, accountId, generationId, "RELEASE", amount, why);
}

async function appendEntry(tx: Tx, accountId: string, generationId: string, kind: "RESERVE" | "CHARGE" | "RELEASE", amount: number, note?: string) {
  const { creditBalance } = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { creditBalance: true } });
  await tx.creditLedgerEntry.create({
    data: { id: newId("led"), accountId, generationId, kind, amount, balanceAfter: creditBalance, note },
  });
}
