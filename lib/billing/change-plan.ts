import type Stripe from "stripe";
import type { SessionCaller } from "../auth/caller";
import { db } from "../db";
import { AppError, invalidInput, notFound } from "../errors";
import type { Plan } from "../generated/prisma/client";
import { PLANS } from "../limits/plans";
import { openPlanCheckout } from "./open-plan-checkout";
import { isLive, planItem, retrieveSubscription } from "./plan-subscription";
import { fromStripeError, planPriceIds, stripeOrThrow } from "./stripe";

/**
 * Changes the caller's self-serve plan with ONE Stripe subscription per account, as a paying customer expects:
 *  - no live subscription yet → Stripe Checkout in subscription mode for the new plan (returns Checkout's URL);
 *  - a live subscription → its one item moves to the new price, prorated and invoiced at once: an upgrade charges
 *    the card on file the difference, a downgrade credits the unused time; a failed payment leaves the
 *    subscription as it was (error_if_incomplete) and is reported here;
 *  - FREE → the subscription is cancelled now, its unused time credited.
 * The plan itself changes only when Stripe's webhook reports the subscription (apply-stripe-event.ts), so the URL
 * returned for the last two is the plans page, which says what was asked for and waits for it.
 */
export async function changePlan(caller: SessionCaller, plan: Plan, origin: string): Promise<{ url: string }> {
  if (plan === "ENTERPRISE") throw invalidInput("plan", "Enterprise limits are set per account: contact sales to move to Enterprise");
  const stripe = stripeOrThrow("Plan changes");
  const client = await db();
  const account = await client.account.findUnique({
    where: { id: caller.accountId },
    select: { email: true, plan: true, stripeCustomerId: true, stripeSubscriptionId: true },
  });
  if (!account) throw notFound("Account", caller.accountId);
  if (account.plan === plan) throw invalidInput("plan", `You are already on the ${PLANS[plan].name} plan`);
  const subscription = await liveSubscription(stripe, account.stripeSubscriptionId);
  const waitHere = { url: `${origin}/dashboard/plans?change=${plan}&from=${account.plan}` };

  if (plan === "FREE") {
    if (!subscription) {
      throw invalidInput(
        "plan",
        account.stripeSubscriptionId
          ? "Your subscription has already ended: your plan returns to Free as soon as Stripe confirms it"
          : `Your ${PLANS[account.plan].name} plan was not bought here, so there is no subscription to cancel: contact support to change it`,
      );
    }
    await cancelNow(stripe, subscription);
    return waitHere;
  }
  const price = planPriceIds()[plan];
  if (!price) {
    throw new AppError("PROVIDER_UNAVAILABLE", `The ${PLANS[plan].name} plan cannot be bought on this server: set STRIPE_PRICE_${plan}, or contact sales`, {
      reason: "BILLING_NOT_CONFIGURED",
    });
  }
  if (!subscription) return openPlanCheckout(stripe, { accountId: caller.accountId, ...account }, plan, price, origin);
  await moveToPrice(stripe, subscription, price, { accountId: caller.accountId, plan });
  return waitHere;
}

/** The stored subscription if Stripe still bills it; an ended one (its webhook may not have arrived) counts as none. */
async function liveSubscription(stripe: Stripe, id: string | null): Promise<Stripe.Subscription | null> {
  if (!id) return null;
  try {
    const subscription = await retrieveSubscription(stripe, id);
    return subscription && isLive(subscription) ? subscription : null;
  } catch (error) {
    throw fromStripeError(error);
  }
}

/** Swaps the price of the subscription's one item (its id, so no second item is added) and invoices the proration now. */
async function moveToPrice(stripe: Stripe, subscription: Stripe.Subscription, price: string, metadata: { accountId: string; plan: Plan }): Promise<void> {
  const item = planItem(subscription);
  if (!item) throw new Error(`Stripe subscription ${subscription.id} has no item to change`);
  try {
    await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price }],
      proration_behavior: "always_invoice",
      payment_behavior: "error_if_incomplete",
      metadata,
    });
  } catch (error) {
    throw fromStripeError(error);
  }
}

/** Ends the subscription at once; the unused part of the period becomes a credit on the Stripe customer. */
async function cancelNow(stripe: Stripe, subscription: Stripe.Subscription): Promise<void> {
  try {
    await stripe.subscriptions.cancel(subscription.id, { prorate: true, invoice_now: true, cancellation_details: { comment: "Downgraded to Free in the dashboard" } });
  } catch (error) {
    throw fromStripeError(error);
  }
}
