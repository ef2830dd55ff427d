import type { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";

/** Credits a new dashboard account starts with — granted once its email is confirmed — so the playground works before any purchase. */
export const STARTER_CREDITS = 50;

export interface NewUserAccount {
  userId: string;
  accountId: string;
  email: string;
}

/**
 * A person's login and their account — their personal workspace, which they own — (FREE plan, the welcome credits as a ledger top-up), inside the caller's
 * transaction. Only for an email that has been confirmed — by the link of a sign-up, or by an OAuth provider's
 * verified-email claim. `passwordHash` null: the person only signs in through an OAuth provider. A second account
 * for the same email fails on the unique email (P2002) and the transaction rolls back, credits included.
 */
export async function createUserAccount(
  tx: Prisma.TransactionClient,
  { email, name, passwordHash, locale }: { email: string; name?: string | null; passwordHash: string | null; locale?: string | null },
): Promise<NewUserAccount> {
  const accountId = newId("acct");
  const userId = newId("usr");
  await tx.account.create({ data: { id: accountId, email, plan: "FREE", creditBalance: STARTER_CREDITS } });
  await tx.creditLedgerEntry.create({
    data: { id: newId("led"), accountId, kind: "TOP_UP", amount: STARTER_CREDITS, balanceAfter: STARTER_CREDITS, note: "Welcome credits" },
  });
  await tx.user.create({ data: { id: userId, email, name: name ?? null, passwordHash, accountId, locale: locale ?? null } });
  // Their personal workspace: they own it (and may invite others to it).
  await tx.membership.create({ data: { accountId, userId, role: "OWNER" } });
  return { userId, accountId, email };
}
