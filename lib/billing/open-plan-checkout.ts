import type Stripe from "stripe";
import type { Plan } from "../generated/prisma/client";
import { fromStripeError } from "./stripe";

interface Buyer {
  accountId: string;
  email: string;
  stripeCustomerId: string | null;
}

/**
 * Opens a Stripe Checkout Session in `subscription` mode for an account's FIRST paid plan and returns its URL
 * (change-plan.ts decides when; later changes update the subscription instead). The plan itself changes only when
 * Stripe reports the subscription (checkout.session.completed / customer.subscription.* webhooks, applied once each
 * by apply-stripe-event.ts), so a person who abandons Checkout keeps the plan they had.
 */
export async function openPlanCheckout(stripe: Stripe, buyer: Buyer, plan: Exclude<Plan, "FREE" | "ENTERPRISE">, price: string, origin: string): Promise<{ url: string }> {
  // The subscription carries the account id itself, so its later events (updated, deleted) find the account
  // even before the customer id has been stored.
  const metadata = { accountId: buyer.accountId, plan };
  try {
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price, quantity: 1 }],
      client_reference_id: buyer.accountId,
      metadata,
      subscription_data: { metadata },
      ...(buyer.stripeCustomerId ? { customer: buyer.stripeCustomerId } : { customer_email: buyer.email }),
      success_url: `${origin}/dashboard/plans?checkout=success`,
      cancel_url: `${origin}/dashboard/plans?checkout=cancelled`,
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return { url: session.url };
  } catch (error) {
    throw fromStripeError(error);
  }
}
