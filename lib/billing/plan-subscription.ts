import Stripe from "stripe";
import type { Plan } from "../generated/prisma/client";
import { planPriceIds } from "./stripe";

/**
 * What a Stripe subscription means for an account's plan. Shared by the verbs that change a subscription
 * (change-plan.ts) and by the webhook that follows it (apply-stripe-event.ts), so both read a subscription the
 * same way.
 */

/** Statuses in which the subscription is paid for (or about to be retried) and its plan applies. */
const LIVE: readonly string[] = ["active", "trialing", "past_due"];
/** Statuses a subscription never leaves: the account is back on FREE. */
const ENDED: readonly string[] = ["canceled", "unpaid", "incomplete_expired"];

export const isLive = (sub: Pick<Stripe.Subscription, "status">) => LIVE.includes(sub.status);
export const hasEnded = (sub: Pick<Stripe.Subscription, "status">) => ENDED.includes(sub.status);

/** The one item a plan subscription has (we never add a second): its id is what a plan change updates. */
export function planItem(sub: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
  return sub.items.data[0];
}

/** The self-serve plan a subscription's price stands for, or undefined for a price this server does not sell. */
export function planOfSubscription(sub: Stripe.Subscription): Plan | undefined {
  const priceId = planItem(sub)?.price.id;
  const prices = planPriceIds();
  if (!priceId) return undefined;
  return priceId === prices.STARTER ? "STARTER" : priceId === prices.PRO ? "PRO" : undefined;
}

/** The subscription as Stripe holds it now, or null if Stripe has no such subscription (404 resource_missing). */
export async function retrieveSubscription(stripe: Stripe, id: string): Promise<Stripe.Subscription | null> {
  try {
    return await stripe.subscriptions.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") return null;
    throw error;
  }
}
