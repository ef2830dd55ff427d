import type { SessionCaller } from "../auth/caller";
import { db } from "../db";
import { AppError, invalidInput, notFound } from "../errors";
import type { Plan } from "../generated/prisma/client";
import { PLANS } from "../limits/plans";
import { fromStripeError, planPriceIds, stripeOrThrow } from "./stripe";

/**
 * Opens a Stripe Checkout Session in `subscription` mode for a self-serve plan and returns its URL. The plan
 * itself changes only when Stripe reports the subscription (customer.subscription.* webhooks, applied once each
 * by apply-stripe-event.ts), so a person who abandons Checkout keeps the plan they had.
 */
export async function createPlanCheckout(caller: SessionCaller, plan: Plan, origin: string): Promise<{ url: string }> {
  if (plan === "ENTERPRISE") {
    throw invalidInput("plan", "Enterprise limits are set per account: contact sales to move to Enterprise");
  }
  if (plan === "FREE") {
    throw invalidInput("plan", "To return to Free, cancel your subscription (contact support); your plan changes when it ends");
  }
  const stripe = stripeOrThrow("Plan changes");
  const price = planPriceIds()[plan];
  if (!price) {
    throw new AppError("PROVIDER_UNAVAILABLE", `The ${PLANS[plan].name} plan cannot be bought on this server: set STRIPE_PRICE_${plan}, or contact sales`, {
      reason: "BILLING_NOT_CONFIGURED",
    });
  }
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { email: true, plan: true, stripeCustomerId: true } });
  if (!account) throw notFound("Account", caller.accountId);
  if (account.plan === plan) throw invalidInput("plan", `You are already on the ${PLANS[plan].name} plan`);
  // The subscription carries the account id itself, so its later events (updated, deleted) find the account
  // even before the customer id has been stored.
  const metadata = { accountId: caller.accountId, plan };
  try {
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price, quantity: 1 }],
      client_reference_id: caller.accountId,
      metadata,
      subscription_data: { metadata },
      ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : { customer_email: account.email }),
      success_url: `${origin}/dashboard/plans?checkout=success`,
      cancel_url: `${origin}/dashboard/plans?checkout=cancelled`,
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return { url: session.url };
  } catch (error) {
    throw fromStripeError(error);
  }
}
