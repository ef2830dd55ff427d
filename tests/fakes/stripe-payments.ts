import { randomBytes } from "node:crypto";
import type { Params } from "./stripe-params";
import type { ApiAnswer, StripeObject } from "./stripe-subscriptions";

/**
 * The fake Stripe's one-time payments: what paying a payment-mode Checkout Session leaves behind — a succeeded
 * PaymentIntent and its Charge, whose `receipt_url` is the receipt page the fake serves at /receipts/payment/<id>
 * (Stripe's are https://pay.stripe.com/receipts/payment/…) — and GET /v1/payment_intents/<id>, with
 * `expand[]=latest_charge` as the SDK sends it. Shapes follow stripe-node 23.1.0's types (API 2026-10-28.endive):
 * `latest_charge` replaced the intent's `charges` list in 2022.
 */
export interface PaymentStore {
  paymentIntents: Map<string, StripeObject>;
  charges: Map<string, StripeObject>;
}

const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

/** Pays `session` by card: a succeeded intent and charge, linked from the session's `payment_intent`. */
export function payByCard(store: PaymentStore, session: StripeObject, baseUrl: string): StripeObject {
  const created = Math.floor(Date.now() / 1000);
  const intentId = newId("pi");
  const chargeId = newId("ch");
  const amount = Number(session.amount_total);
  const currency = String(session.currency);
  const metadata = session.metadata ?? {};
  const charge: StripeObject = {
    id: chargeId,
    object: "charge",
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    captured: true,
    created,
    currency,
    customer: session.customer ?? null,
    livemode: false,
    metadata,
    paid: true,
    payment_intent: intentId,
    receipt_email: session.customer_email ?? null,
    receipt_number: null,
    receipt_url: `${baseUrl}/receipts/payment/${chargeId}`,
    refunded: false,
    status: "succeeded",
  };
  const intent: StripeObject = {
    id: intentId,
    object: "payment_intent",
    amount,
    amount_received: amount,
    created,
    currency,
    customer: session.customer ?? null,
    latest_charge: chargeId,
    livemode: false,
    metadata,
    payment_method_types: ["card"],
    status: "succeeded",
  };
  store.charges.set(chargeId, charge);
  store.paymentIntents.set(intentId, intent);
  return intent;
}

/** GET /v1/payment_intents/<id>, expanding `latest_charge` when asked. */
export function paymentIntentRequest(store: PaymentStore, method: string, id: string, params: Params): ApiAnswer {
  const intent = store.paymentIntents.get(id);
  if (method !== "GET") return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: /v1/payment_intents/${id}).` } } };
  if (!intent) {
    return { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", param: "intent", message: `No such payment_intent: '${id}'` } } };
  }
  const expand = Object.values((params.expand ?? {}) as Record<string, string>);
  const body = structuredClone(intent);
  if (expand.includes("latest_charge") && typeof body.latest_charge === "string") body.latest_charge = structuredClone(store.charges.get(body.latest_charge)) ?? null;
  return { status: 200, body };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The receipt page a charge's receipt_url opens. */
export function receiptPage(charge: StripeObject): string {
  const amount = `${(Number(charge.amount) / 100).toFixed(2)} ${String(charge.currency).toUpperCase()}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Receipt from Fake Stripe</title></head>
<body><main><h1>Receipt</h1><p>Amount paid: ${escape(amount)}</p><p>Charge ${escape(charge.id)}</p></main></body></html>`;
}
