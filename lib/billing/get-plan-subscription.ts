import type { Caller } from "../auth/caller";
import { db } from "../db";

/**
 * Whether the caller's plan is billed through a Stripe subscription (stored by the subscription webhooks), which
 * decides what changing plan does: a first paid plan goes through Checkout; with a subscription, a change is
 * charged or credited on the card on file, and Free cancels it. Read from the database, not Stripe: the plans
 * page shows it on every visit, and change-plan.ts asks Stripe itself before acting.
 */
export async function getPlanSubscription(caller: Caller): Promise<{ subscribed: boolean }> {
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { stripeSubscriptionId: true } });
  return { subscribed: Boolean(account?.stripeSubscriptionId) };
}
