import Stripe from "stripe";
import { AppError } from "../errors";
import { processSingleton } from "../process-singleton";
import { env } from "../env";

/**
 * The Stripe client for this process, or undefined when STRIPE_SECRET_KEY is unset (top-ups and paid plans are then
 * "not configured" and nothing here calls Stripe). STRIPE_API_BASE points the SDK at another Stripe-compatible
 * host — the tests' fake (http://127.0.0.1:PORT) or a gateway — through the SDK's own host/port/protocol settings.
 */
export function stripeClient(): Stripe | undefined {
  const key = env().STRIPE_SECRET_KEY;
  if (!key) return undefined;
  return processSingleton("stripe", () => new Stripe(key, { ...apiBase(env().STRIPE_API_BASE), maxNetworkRetries: 1, timeout: 20_000 }));
}

/** Webhook signature verification needs no API key: only the endpoint's signing secret. */
export function stripeWebhookSecret(): string | undefined {
  return env().STRIPE_WEBHOOK_SECRET;
}

/** Subscription price ids for the self-serve plans; a plan without one cannot be bought here. */
export function planPriceIds(): { STARTER?: string; PRO?: string } {
  return { STARTER: env().STRIPE_PRICE_STARTER, PRO: env().STRIPE_PRICE_PRO };
}

/** What the dashboard may offer: top-ups need the API key; a plan is purchasable once its price id is set too. */
export function billingStatus(): { configured: boolean; purchasablePlans: ("STARTER" | "PRO")[] } {
  const configured = Boolean(stripeClient());
  const prices = planPriceIds();
  return { configured, purchasablePlans: configured ? (["STARTER", "PRO"] as const).filter((p) => prices[p]) : [] };
}

/**
 * The client, or the error every billing verb answers when the server has no Stripe key. PROVIDER_UNAVAILABLE is
 * the table's code for "an upstream service cannot be used here"; `reason` lets clients tell this case apart.
 */
export function stripeOrThrow(what: string): Stripe {
  const stripe = stripeClient();
  if (!stripe) {
    throw new AppError("PROVIDER_UNAVAILABLE", `${what} are not configured on this server: set STRIPE_SECRET_KEY, or contact sales`, {
      reason: "BILLING_NOT_CONFIGURED",
    });
  }
  return stripe;
}

/**
 * Stripe's own refusals (bad parameters, auth, outage) are presented as an unavailable upstream, with its message.
 * A declined card is told apart (reason PAYMENT_FAILED): nothing was changed, and the person can act on it.
 */
export function fromStripeError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeCardError) {
    return new AppError("PROVIDER_UNAVAILABLE", `The payment failed and nothing was changed: ${error.message}`, { reason: "PAYMENT_FAILED", stripeCode: error.code ?? null });
  }
  return new AppError("PROVIDER_UNAVAILABLE", `Stripe refused the request: ${error.message}`, { reason: "STRIPE_ERROR", stripeCode: error.code ?? null });
}

function apiBase(base: string | undefined): { host?: string; port?: number; protocol?: "http" | "https" } {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: Number(url.port || (protocol === "http" ? 80 : 443)), protocol };
}

/**
 * Verifies a webhook delivery against STRIPE_WEBHOOK_SECRET and parses it. `rawBody` must be the exact bytes Stripe
 * sent (the signature covers them; re-serialised JSON would not match). Throws Stripe's
 * StripeSignatureVerificationError for a bad or missing signature or a stale timestamp.
 */
export function verifyStripeEvent(rawBody: string, signature: string, secret: string): Stripe.Event {
  return Stripe.webhooks.constructEvent(rawBody, signature, secret);
}

export const StripeSignatureError = Stripe.errors.StripeSignatureVerificationError;
