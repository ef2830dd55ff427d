import type { SessionCaller } from "../auth/caller";
import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import { findPack } from "./packs";
import { fromStripeError, stripeOrThrow } from "./stripe";

/**
 * Opens a Stripe Checkout Session (one-off payment) for a credit pack and returns its URL. Nothing is credited
 * here: credits arrive only with the signed `checkout.session.completed` webhook (apply-stripe-event.ts), which
 * finds the account through `client_reference_id` and the pack through `metadata`.
 *
 * `origin` is where Stripe sends the person back (the public URL of this app).
 */
export async function createCheckout(caller: SessionCaller, packId: string, origin: string): Promise<{ url: string }> {
  const stripe = stripeOrThrow("Top-ups");
  const pack = findPack(packId);
  if (!pack) throw invalidInput("packId", `Unknown credit pack ${JSON.stringify(packId)}`);
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { email: true, stripeCustomerId: true } });
  if (!account) throw notFound("Account", caller.accountId);
  const metadata = { accountId: caller.accountId, packId: pack.id, credits: String(pack.credits) };
  try {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: pack.currency,
            unit_amount: pack.priceCents,
            product_data: { name: `${pack.credits.toLocaleString("en-US")} Doitong credits`, description: pack.label },
          },
        },
      ],
      client_reference_id: caller.accountId,
      metadata,
      payment_intent_data: { metadata },
      // Reuse the account's Stripe customer so its payments stay together; the first purchase creates it.
      ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : { customer_email: account.email, customer_creation: "always" as const }),
      success_url: `${origin}/dashboard/billing?checkout=success`,
      cancel_url: `${origin}/dashboard/billing?checkout=cancelled`,
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return { url: session.url };
  } catch (error) {
    throw fromStripeError(error);
  }
}
