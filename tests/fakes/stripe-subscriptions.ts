import { randomBytes } from "node:crypto";
import type { Params, StripeErrorBody } from "./stripe-params";

/**
 * The fake Stripe's subscriptions: the objects (shaped like API version 2026's: the billing period lives on the
 * item) and GET / POST / DELETE /v1/subscriptions/<id> with the rules Doitong's calls can trip. A change answers
 * like Stripe and names the event Stripe would then send; stripe.ts delivers it after the response, as Stripe does.
 */
export type StripeObject = Record<string, unknown> & { id: string };

export interface SubscriptionStore {
  subscriptions: Map<string, StripeObject>;
  /** Invoices the fake "issued" for prorations and cancellations: what the customer was charged or credited. */
  invoices: StripeObject[];
  /** Unit amount (cents) of a recurring price, by id. */
  priceAmount(priceId: string): number;
  /** Set by a test: the next invoice that must be paid now is declined with this code. */
  declineNext: string | null;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** The webhook event Stripe sends after this change, if any. */
  event?: { type: string; object: StripeObject; previous_attributes?: Record<string, unknown> };
}

const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);
const MONTH = 30 * 24 * 3600;

const error = (status: number, body: StripeErrorBody["error"]): ApiAnswer => ({ status, body: { error: body } });
const invalid = (param: string, message: string, code = "parameter_invalid") => error(400, { type: "invalid_request_error", code, param, message });
const clone = <T>(value: T): T => structuredClone(value);

function priceObject(store: SubscriptionStore, id: string) {
  return { id, object: "price", active: true, currency: "usd", type: "recurring", unit_amount: store.priceAmount(id), recurring: { interval: "month", interval_count: 1 } };
}

function itemObject(store: SubscriptionStore, subscription: string, price: string, quantity = 1) {
  const start = now();
  return {
    id: newId("si"),
    object: "subscription_item",
    subscription,
    quantity,
    created: start,
    price: priceObject(store, price),
    current_period_start: start,
    current_period_end: start + MONTH,
    metadata: {},
  };
}

type Item = ReturnType<typeof itemObject>;
const itemsOf = (sub: StripeObject) => (sub.items as { data: Item[] }).data;
const monthly = (items: Item[]) => items.reduce((sum, i) => sum + i.price.unit_amount * i.quantity, 0);

/** What a paid subscription Checkout creates: an active subscription with one item for the session's price. */
export function createSubscription(store: SubscriptionStore, customer: string, price: string, metadata: unknown): StripeObject {
  const id = newId("sub");
  const sub: StripeObject = {
    id,
    object: "subscription",
    status: "active",
    customer,
    livemode: false,
    created: now(),
    start_date: now(),
    metadata: metadata ?? {},
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    items: { object: "list", data: [itemObject(store, id, price)], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${id}` },
  };
  store.subscriptions.set(id, sub);
  invoice(store, sub, "subscription_create", monthly(itemsOf(sub)));
  return sub;
}

function invoice(store: SubscriptionStore, sub: StripeObject, reason: string, amount: number) {
  store.invoices.push({ id: newId("in"), object: "invoice", subscription: sub.id, customer: sub.customer, billing_reason: reason, total: amount, status: "paid" });
}

/** One API call on /v1/subscriptions/<id>. `params` are the decoded form body (POST) or query string (GET, DELETE). */
export function subscriptionRequest(store: SubscriptionStore, method: string, id: string, params: Params): ApiAnswer {
  const sub = store.subscriptions.get(id);
  if (!sub) return error(404, { type: "invalid_request_error", code: "resource_missing", param: "id", message: `No such subscription: '${id}'` });
  if (method === "GET") return { status: 200, body: sub };
  if (method === "DELETE") return cancel(store, sub, params);
  if (method === "POST") return update(store, sub, params);
  return error(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: /v1/subscriptions/${id}).` });
}

const bool = (p: Params, key: string) => (p[key] === undefined ? undefined : p[key] === "true" ? true : p[key] === "false" ? false : null);

function cancel(store: SubscriptionStore, sub: StripeObject, params: Params): ApiAnswer {
  if (sub.status === "canceled") return invalid("id", `This subscription is already canceled: ${sub.id}`, "resource_missing");
  for (const key of ["prorate", "invoice_now"]) if (bool(params, key) === null) return invalid(key, "Invalid boolean");
  const previous = { status: sub.status, canceled_at: null, ended_at: null };
  // Cancelling mid-period with prorate + invoice_now credits the unused time on a final invoice (the fake's clock
  // never moves, so that is the whole period's price).
  if (bool(params, "prorate") && bool(params, "invoice_now")) invoice(store, sub, "subscription_cycle", -monthly(itemsOf(sub)));
  const details = (params.cancellation_details ?? {}) as Params;
  Object.assign(sub, {
    status: "canceled",
    canceled_at: now(),
    ended_at: now(),
    cancellation_details: { comment: details.comment ?? null, feedback: null, reason: "cancellation_requested" },
  });
  return { status: 200, body: sub, event: { type: "customer.subscription.deleted", object: clone(sub), previous_attributes: previous } };
}

const PRORATION = ["always_invoice", "create_prorations", "none"];
const PAYMENT = ["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"];

function update(store: SubscriptionStore, sub: StripeObject, params: Params): ApiAnswer {
  if (sub.status === "canceled") return invalid("items", "A canceled subscription can only update its cancellation_details and metadata.", "resource_missing");
  const proration = (params.proration_behavior as string | undefined) ?? "create_prorations";
  if (!PRORATION.includes(proration)) return invalid("proration_behavior", `Invalid proration_behavior: must be one of ${PRORATION.join(", ")}`);
  const payment = (params.payment_behavior as string | undefined) ?? "allow_incomplete";
  if (!PAYMENT.includes(payment)) return invalid("payment_behavior", `Invalid payment_behavior: must be one of ${PAYMENT.join(", ")}`);
  const previous: Record<string, unknown> = { items: clone(sub.items), metadata: clone(sub.metadata) };
  const items = clone(itemsOf(sub));
  const changes = Array.isArray(params.items) ? (params.items as Params[]) : [];
  for (const [i, change] of changes.entries()) {
    const price = change.price as string | undefined;
    if (price !== undefined && !/^price_\w+$/.test(price)) return invalid(`items[${i}][price]`, `No such price: '${price}'`, "resource_missing");
    if (change.id === undefined) {
      // Stripe ADDS an item when no id is given: the subscription then bills both prices.
      if (!price) return invalid(`items[${i}][price]`, "Missing required param: items[price].", "parameter_missing");
      items.push(itemObject(store, sub.id, price, Number(change.quantity ?? 1)));
      continue;
    }
    const item = items.find((it) => it.id === change.id);
    if (!item) return invalid(`items[${i}][id]`, `No such subscription item: '${typeof change.id === "string" ? change.id : JSON.stringify(change.id)}'`, "resource_missing");
    if (change.deleted === "true") items.splice(items.indexOf(item), 1);
    if (price) item.price = priceObject(store, price);
    if (change.quantity !== undefined) item.quantity = Number(change.quantity);
  }
  const difference = monthly(items) - monthly(itemsOf(sub));
  let status = sub.status;
  if (proration === "always_invoice" && difference > 0 && store.declineNext) {
    const code = store.declineNext;
    store.declineNext = null;
    // error_if_incomplete: the update is refused and nothing changes; otherwise it applies and the invoice stays due.
    if (payment === "error_if_incomplete") return error(402, { type: "card_error", code, decline_code: "generic_decline", message: "Your card was declined." });
    status = "past_due";
  }
  if (proration === "always_invoice" && difference !== 0) invoice(store, sub, "subscription_update", difference);
  const metadata = { ...(sub.metadata as Record<string, string>), ...((params.metadata as Record<string, string> | undefined) ?? {}) };
  for (const [key, value] of Object.entries(metadata)) if (value === "") delete metadata[key];
  if (status !== sub.status) previous.status = sub.status;
  Object.assign(sub, { status, metadata, items: { ...(sub.items as object), data: items, total_count: items.length } });
  return { status: 200, body: sub, event: { type: "customer.subscription.updated", object: clone(sub), previous_attributes: previous } };
}
