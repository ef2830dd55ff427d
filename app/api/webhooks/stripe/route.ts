import type Stripe from "stripe";
import { applyStripeEvent } from "@/lib/billing/apply-stripe-event";
import { StripeSignatureError, stripeWebhookSecret, verifyStripeEvent } from "@/lib/billing/stripe";
import { readCappedBody, payloadTooLarge } from "@/lib/net/read-capped-body";
import { withRequestId } from "@/lib/request-context";

/** Stripe's events are a few KB (objects are expanded by API calls, not in the event); 1 MB is far above any. */
const MAX_STRIPE_EVENT_BYTES = 1024 * 1024;

// POST /api/webhooks/stripe — Stripe's deliveries. Verified on the RAW body (request.text(), never parsed and
// re-serialised), then applied once per event id; a redelivery answers 200 with duplicate: true so Stripe stops.
export const POST = withRequestId(async (request: Request) => {
  const secret = stripeWebhookSecret();
  if (!secret) return Response.json({ error: { code: "PROVIDER_UNAVAILABLE", message: "Stripe webhooks are not configured on this server" } }, { status: 503 });
  // Unsigned requests are refused before their body is read; signed ones are read only up to the cap.
  const signature = request.headers.get("stripe-signature");
  if (!signature) return Response.json({ error: { code: "INVALID_INPUT", message: "Missing Stripe-Signature header" } }, { status: 400 });
  const body = await readCappedBody(request, MAX_STRIPE_EVENT_BYTES);
  if (body.kind === "too-large") return payloadTooLarge(body.maxBytes);
  const raw = body.text;
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(raw, signature, secret);
  } catch (error) {
    if (!(error instanceof StripeSignatureError)) throw error;
    return Response.json({ error: { code: "INVALID_INPUT", message: "Invalid Stripe signature" } }, { status: 400 });
  }
  // Anything thrown from here on (database down, Stripe unreachable while a subscription is read back) is a 500:
  // Stripe retries, and the event id keeps it once-only.
  const result = await applyStripeEvent(event);
  return Response.json(result === "duplicate" ? { received: true, duplicate: true } : { received: true });
});
