import type { Caller } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";

/**
 * Sets the balance below which the account is warned (mail and `account.low_balance` webhook), or null for no
 * warning. The warning is sent by the reservation that takes the balance from at or above it to below it
 * (lib/generations/accept-generations.ts) — once per crossing.
 */
export async function setLowBalanceThreshold(caller: Caller, credits: number | null): Promise<number | null> {
  if (credits !== null && (!Number.isSafeInteger(credits) || credits < 1)) throw invalidInput("credits", "The threshold is a whole number of credits ≥ 1, or null for none");
  const client = await db();
  const { lowBalanceThreshold } = await client.account.update({ where: { id: caller.accountId }, data: { lowBalanceThreshold: credits }, select: { lowBalanceThreshold: true } });
  return lowBalanceThreshold;
}
