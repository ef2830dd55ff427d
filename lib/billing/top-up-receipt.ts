import type Stripe from "stripe";
import { logger } from "../log";
import { stripeClient } from "./stripe";

const log = logger("billing");

/**
 * The receipt Stripe keeps for a paid top-up: its Checkout Session (payment mode) → `payment_intent` → the
 * intent's `latest_charge` → `receipt_url`, a page on Stripe that stays current with refunds. The webhook's session
 * carries only the intent's id, so the intent is read with `expand: ["latest_charge"]`.
 *
 * Source: the official SDK's types, stripe-node 23.1.0 (API version 2026-10-28.endive) — Checkout.Session
 * `payment_intent: string | PaymentIntent | null`, PaymentIntent `latest_charge: string | Charge | null` (the
 * `charges` list of older API versions is gone), Charge `receipt_url: string | null`; and Stripe's reference of the
 * Charge object ("the URL to view the receipt for this charge"). Checked 2026-12-05. Subscription invoices would
 * be Invoice `hosted_invoice_url`, which top-ups (payment mode without invoice_creation) do not have.
 *
 * Read before the webhook's transaction, never under the account lock. A receipt that cannot be read (Stripe down,
 * no API key) must not hold back the credits: the top-up is applied without it and the failure logged.
 */
export async function readTopUpReceipt(session: Stripe.Checkout.Session): Promise<string | null> {
  const intent = session.payment_intent;
  if (!intent) return null;
  if (typeof intent !== "string") return receiptOfCharge(intent.latest_charge);
  const stripe = stripeClient();
  if (!stripe) return null;
  try {
    const read = await stripe.paymentIntents.retrieve(intent, { expand: ["latest_charge"] });
    return receiptOfCharge(read.latest_charge);
  } catch (error) {
    log.error({ err: error, checkoutSession: session.id, paymentIntent: intent }, "could not read a top-up's receipt from Stripe; applying it without one");
    return null;
  }
}

function receiptOfCharge(charge: string | Stripe.Charge | null): string | null {
  return charge && typeof charge !== "string" ? charge.receipt_url : null;
}
