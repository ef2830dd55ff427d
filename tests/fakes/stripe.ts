import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { amountTotal, checkSessionParams, decodeForm, type Params } from "./stripe-params";
import { payPage } from "./stripe-pages";
import { payByCard, type PaymentStore, paymentIntentRequest, receiptPage } from "./stripe-payments";
import { type ApiAnswer, createSubscription, type StripeObject, type SubscriptionStore, subscriptionRequest } from "./stripe-subscriptions";

export type { StripeObject };

/**
 * A local stand-in for Stripe (there is no stripe-mock on these machines): the real SDK is pointed at it through
 * STRIPE_API_BASE. It speaks Stripe's wire format for what Doitong uses — POST /v1/checkout/sessions,
 * GET / POST / DELETE /v1/subscriptions/<id> and GET /v1/payment_intents/<id> (form-encoded bodies, query strings,
 * Stripe's error shape) — and plays the hosted Checkout page: GET /pay/<id> shows a Pay button; POST /pay/<id>
 * marks the session paid (a payment-mode one by a card charge with a receipt at /receipts/payment/<id>), starts the
 * subscription of a subscription-mode session, delivers the signed events to the app's webhook (as Stripe would,
 * before the customer is redirected) and 303s to success_url. A subscription change answers first and then
 * delivers its event, as Stripe does; `settled()` waits for those deliveries.
 */
export interface FakeStripe extends SubscriptionStore, PaymentStore {
  url: string;
  /** Where events are delivered (the app's /api/webhooks/stripe); set once the app's port is known. */
  webhookUrl?: string;
  /** Every API request received, in order. */
  requests: { method: string; path: string; authorization?: string; params: Params }[];
  sessions: Map<string, StripeObject>;
  /** Every event sent, by id, with the exact payload so it can be redelivered byte for byte. */
  events: Map<string, { type: string; payload: string }>;
  /** Every webhook delivery attempt and the app's answer. */
  deliveries: Delivery[];
  /** Pays a session the way the hosted page does; returns the events delivered. */
  pay(sessionId: string): Promise<Delivery[]>;
  /** Sends an event of any type for `object`, signed with the webhook secret. */
  send(type: string, object: StripeObject): Promise<Delivery>;
  /** Delivers an already-sent event again (freshly signed, as Stripe's retries are). */
  redeliver(eventId: string): Promise<Delivery>;
  /** The subscriptions a customer has (any status), oldest first. */
  subscriptionsOf(customer: string): StripeObject[];
  /** Resolves once every event sent after an API answer has been delivered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface Delivery {
  eventId: string;
  status: number;
  body: unknown;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

export async function startFakeStripe(options: {
  webhookSecret: string;
  apiKeyPrefix?: string;
  /** Unit amount (cents) of prices not listed in `prices`. */
  priceAmount?: number;
  prices?: Record<string, number>;
}): Promise<FakeStripe> {
  const { webhookSecret, apiKeyPrefix = "sk_test_", priceAmount = 1_900, prices = {} } = options;
  const inFlight = new Set<Promise<unknown>>();

  async function deliver(eventId: string): Promise<Delivery> {
    const event = fake.events.get(eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    if (!fake.webhookUrl) return { eventId, status: 0, body: "no webhook url" };
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: event.payload, secret: webhookSecret });
    const res = await fetch(fake.webhookUrl, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: event.payload });
    const text = await res.text();
    const delivery = { eventId, status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text };
    fake.deliveries.push(delivery);
    return delivery;
  }

  async function send(type: string, object: StripeObject, previous_attributes?: Record<string, unknown>): Promise<Delivery> {
    const eventId = id("evt");
    const created = Math.floor(Date.now() / 1000);
    const data = previous_attributes ? { object, previous_attributes } : { object };
    const event = {
      id: eventId,
      object: "event",
      api_version: Stripe.API_VERSION,
      created,
      type,
      livemode: false,
      pending_webhooks: 1,
      data,
      request: { id: null, idempotency_key: null },
    };
    fake.events.set(eventId, { type, payload: JSON.stringify(event, null, 2) });
    return deliver(eventId);
  }

  /** What Stripe does when the customer pays: the session completes; a subscription session also starts one. */
  async function pay(sessionId: string): Promise<Delivery[]> {
    const session = fake.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const createsCustomer = session.mode === "subscription" || session.customer_creation === "always";
    Object.assign(session, { status: "complete", payment_status: "paid", customer: session.customer ?? (createsCustomer ? id("cus") : null) });
    if (session.mode === "payment") session.payment_intent = payByCard(fake, session, fake.url).id;
    const deliveries: Delivery[] = [];
    if (session.mode === "subscription") {
      const price = ((session.line_items_params as Params[])[0]?.price as string) ?? "price_unknown";
      const subscription = createSubscription(fake, String(session.customer), price, session.subscription_metadata);
      session.subscription = subscription.id;
      deliveries.push(await send("customer.subscription.created", structuredClone(subscription)));
    }
    deliveries.push(await send("checkout.session.completed", session));
    return deliveries;
  }

  function createSession(params: Params, base: string): StripeObject {
    const sessionId = id("cs");
    const session: StripeObject = {
      id: sessionId,
      object: "checkout.session",
      mode: params.mode,
      status: "open",
      payment_status: "unpaid",
      livemode: false,
      url: `${base}/pay/${sessionId}`,
      success_url: params.success_url,
      cancel_url: params.cancel_url ?? null,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      customer: params.customer ?? null,
      customer_email: params.customer_email ?? null,
      customer_creation: params.customer_creation ?? null,
      currency: ((params.line_items as Params[])[0]?.price_data as Params | undefined)?.currency ?? "usd",
      amount_total: amountTotal(params, fake.priceAmount),
      created: Math.floor(Date.now() / 1000),
      subscription: null,
      payment_intent: null,
      invoice: null,
    };
    // Kept for the subscription the session starts; Stripe keeps these server-side too, not on the session object.
    Object.defineProperties(session, {
      line_items_params: { value: params.line_items, enumerable: false },
      subscription_metadata: { value: (params.subscription_data as Params | undefined)?.metadata, enumerable: false },
    });
    fake.sessions.set(sessionId, session);
    return session;
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? "/", fake.url);
    const path = url.pathname;
    const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json", "request-id": id("req") }).end(JSON.stringify(value));
    try {
      if (path.startsWith("/v1/")) {
        // The SDK sends POST parameters form-encoded in the body, GET and DELETE parameters in the query string.
        const form = req.headers["content-type"]?.includes("application/x-www-form-urlencoded") ? body : "";
        const params = decodeForm(req.method === "POST" ? form : url.search.slice(1));
        fake.requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization, params });
        const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (!key?.startsWith(apiKeyPrefix)) return json(401, { error: { type: "invalid_request_error", message: `Invalid API Key provided: ${key ?? "(none)"}` } });
        if (req.method === "POST" && path === "/v1/checkout/sessions") {
          const error = checkSessionParams(params);
          return error ? json(400, error) : json(200, createSession(params, fake.url));
        }
        const subscriptionId = /^\/v1\/subscriptions\/([\w]+)$/.exec(path)?.[1];
        if (subscriptionId) return answer(res, subscriptionRequest(fake, req.method ?? "", subscriptionId, params));
        const intentId = /^\/v1\/payment_intents\/([\w]+)$/.exec(path)?.[1];
        if (intentId) return answer(res, paymentIntentRequest(fake, req.method ?? "", intentId, params));
        return json(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` } });
      }
      const charge = fake.charges.get(/^\/receipts\/payment\/([\w]+)$/.exec(path)?.[1] ?? "");
      if (charge && req.method === "GET") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(receiptPage(charge));
      const session = fake.sessions.get(/^\/pay\/([\w]+)$/.exec(path)?.[1] ?? "");
      if (!session) return res.writeHead(404, { "content-type": "text/plain" }).end("No such checkout session");
      if (req.method === "GET") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(payPage(session));
      if (session.status === "open") await pay(session.id);
      res.writeHead(303, { location: String(session.success_url) }).end();
    } catch (error) {
      json(500, { error: { type: "api_error", message: String(error) } });
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  /** Answers an API call, then — like Stripe, after the response — delivers the event the change caused. */
  function answer(res: http.ServerResponse, { status, body, event }: ApiAnswer) {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req") }).end(JSON.stringify(body));
    if (!event) return;
    const delivery: Promise<unknown> = send(event.type, event.object, event.previous_attributes)
      .catch((error: unknown) => fake.deliveries.push({ eventId: "(not delivered)", status: 0, body: String(error) }))
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  }

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    sessions: new Map(),
    events: new Map(),
    deliveries: [],
    subscriptions: new Map(),
    invoices: [],
    paymentIntents: new Map(),
    charges: new Map(),
    declineNext: null,
    priceAmount: (priceId) => prices[priceId] ?? priceAmount,
    subscriptionsOf: (customer) => [...fake.subscriptions.values()].filter((sub) => sub.customer === customer),
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    pay,
    send: (type, object) => send(type, object),
    redeliver: deliver,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a browser's keep-alive connection would otherwise hold close() open
      }),
  };
  return fake;
}
