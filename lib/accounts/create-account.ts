import { createApiKey } from "../auth/api-keys";
import { type Db, db } from "../db";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError, invalidInput } from "../errors";
import type { KeyMode, Plan } from "../generated/prisma/client";
import { newId } from "../ids";
import { PLAN_IDS } from "../limits/plans";

export interface CreateAccountInput {
  email: string;
  plan?: Plan;
  credits?: number;
  keyName?: string;
  keyMode?: KeyMode;
}

export interface CreatedAccount {
  accountId: string;
  apiKey: string;
}

/**
 * Creates an account with its opening credits (as a ledger top-up) and a first API key, atomically. `client` is
 * another process's database (tests set up accounts in a running server's database without spawning the CLI).
 */
export async function createAccount(input: CreateAccountInput, client?: Db): Promise<CreatedAccount> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalidInput("email", `Not an email address: ${input.email}`);
  const plan = input.plan ?? "FREE";
  if (!PLAN_IDS.includes(plan)) throw invalidInput("plan", `Unknown plan ${plan}; one of ${PLAN_IDS.join(", ")}`);
  const keyMode = input.keyMode ?? "LIVE";
  if (keyMode !== "LIVE" && keyMode !== "TEST") throw invalidInput("keyMode", "Key mode must be live or test");
  const credits = input.credits ?? 0;
  if (!Number.isSafeInteger(credits) || credits < 0) throw invalidInput("credits", "Credits must be a whole number ≥ 0");

  const database = client ?? (await db());
  const accountId = newId("acct");
  try {
    return await database.$transaction(async (tx) => {
      await tx.account.create({ data: { id: accountId, email, plan, creditBalance: credits } });
      if (credits > 0) {
        await tx.creditLedgerEntry.create({
          data: { id: newId("led"), accountId, kind: "TOP_UP", amount: credits, balanceAfter: credits, note: "Opening balance" },
        });
      }
      const key = await createApiKey(tx, accountId, { name: input.keyName ?? "Default key", mode: keyMode });
      return { accountId, apiKey: key.key };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("INVALID_INPUT", `An account with email ${email} already exists`, { field: "email" });
    throw error;
  }
}
