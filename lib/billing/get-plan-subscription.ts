import type { Caller } from "../auth/caller";
import { db } from "../db";
import type { Plan } from "../generated/prisma/client";

/**
 * Whether the caller's plan is billed through a Stripe subscription (stored by the subscription webhooks), which
 * decides what changing plan does: a first paid plan goes through Checkout; with a subscription, a change is
 * charged or credited on the card on file, and Free cancels it. Read from the database, not Stripe: the plans
 * page shows it on every visit, and change-plan.ts asks Stripe itself before acting. The plan is read with it (the
 * webhook changes both in one transaction), so a page can tell when its copy is out of date.
 */
export async function getPlanSubscription(caller: Caller): Promise<{ plan: Plan; subscribed: boolean }> {
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { plan: true, stripeSubscriptionId: true } });
  return { plan: account?.plan ?? "FREE", subscribed: Boolean(account?.stripeSubscriptionId) };
}
