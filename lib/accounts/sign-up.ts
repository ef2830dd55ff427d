import { z } from "zod";
import { hashPassword } from "../auth/passwords";
import { db } from "../db";
import { AppError, invalidInput } from "../errors";
import { newId } from "../ids";

/** Credits a new dashboard account starts with, so the playground works before any purchase. */
export const STARTER_CREDITS = 50;

const schema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters"),
  name: z.string().trim().max(100).optional(),
});

export interface SignedUpUser {
  userId: string;
  accountId: string;
  email: string;
}

/**
 * Creates a person's login and their account (FREE plan, starter credits as a ledger top-up) in one transaction.
 * `password` null is for OAuth sign-ups, who never sign in with a password.
 */
export async function signUp(raw: { email: string; password: string | null; name?: string }): Promise<SignedUpUser> {
  const parsed = schema.safeParse({ ...raw, password: raw.password ?? "x".repeat(10) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(String(issue.path[0] ?? "input"), issue.message);
  }
  const { email, name } = parsed.data;
  const passwordHash = raw.password === null ? null : await hashPassword(parsed.data.password);
  const client = await db();
  const accountId = newId("acct");
  const userId = newId("usr");
  try {
    await client.$transaction(async (tx) => {
      await tx.account.create({ data: { id: accountId, email, plan: "FREE", creditBalance: STARTER_CREDITS } });
      await tx.creditLedgerEntry.create({
        data: { id: newId("led"), accountId, kind: "TOP_UP", amount: STARTER_CREDITS, balanceAfter: STARTER_CREDITS, note: "Welcome credits" },
      });
      await tx.user.create({ data: { id: userId, email, name, passwordHash, accountId } });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("INVALID_INPUT", "An account with this email already exists", { field: "email" });
    throw error;
  }
  return { userId, accountId, email };
}
