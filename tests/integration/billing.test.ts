import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripe, startFakeStripe } from "../fakes/stripe";
import { startServer, type TestServer } from "../helpers/server";
import { signedInPerson } from "../helpers/session";

// Credits and plans bought through Stripe, against the built app and a local fake Stripe (tests/fakes/stripe.ts)
// that the real SDK talks to. Webhooks are signed with the SDK's own test helper.
const SECRET = `whsec_${Math.random().toString(36).slice(2)}`;
const STRIPE_ENV = { STRIPE_SECRET_KEY: "sk_test_doitong", STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_PRICE_STARTER: "price_starter_test", STRIPE_PRICE_PRO: "price_pro_test" };
let fake: FakeStripe;
let server: TestServer;
// The server without Stripe settings ("without Stripe configured"), started alongside the first so the two starts
// overlap (PGlite only: the postgres project skips that case).
let unconfigured: TestServer | undefined;

// On the "postgres" project this file re-runs only what the database decides (see vitest.config.mts).
const onPostgres = process.env.DOITONG_TEST_DB === "postgres";

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: SECRET, prices: { price_starter_test: 1_900, price_pro_test: 4_900 } });
  [server, unconfigured] = await Promise.all([
    startServer({ ...STRIPE_ENV, STRIPE_API_BASE: fake.url }),
    onPostgres ? undefined : startServer({ STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "", STRIPE_API_BASE: "" }),
  ]);
  fake.webhookUrl = `${server.url}/api/webhooks/stripe`;
});
afterAll(async () => {
  await Promise.all([server?.stop(), unconfigured?.stop()]);
  await fake?.close();
});

type Account = { accountId: string; plan: string; credits: { balance: number }; topUps: { amount: number; balanceAfter: number; note: string }[] };
const asUser = (cookie: string) => ({ headers: { cookie, "x-doitong-csrf": "1" } });

/** A new person, signed in (sign-up itself is auth-sign-up.test.ts's subject). */
async function signedIn() {
  const { cookie, email, accountId } = await signedInPerson(server);
  return { cookie, email, accountId };
}

async function account(cookie: string, on = server): Promise<Account> {
  const res = await on.gql<{ me: Omit<Account, "topUps">; creditLedger: { nodes: (Account["topUps"][0] & { kind: string })[] } }>(
    `{ me { accountId plan credits { balance } } creditLedger(first: 50) { nodes { kind amount balanceAfter note } } }`,
    {},
    asUser(cookie),
  );
  const { me, creditLedger } = res.body.data!;
  return { ...me, topUps: creditLedger.nodes.filter((e) => e.kind === "TOP_UP" && e.note !== "Welcome credits").map(({ kind: _, ...e }) => e) };
}

async function checkout(cookie: string, packId = "pack_500") {
  const res = await server.gql<{ createCheckout: { url: string } }>(`mutation($p: ID!) { createCheckout(packId: $p) { url } }`, { p: packId }, asUser(cookie));
  return { res, url: res.body.data?.createCheckout.url ?? "", sessionId: res.body.data?.createCheckout.url.split("/pay/")[1] ?? "" };
}

function webhook(payload: string, signature: string) {
  return fetch(`${server.url}/api/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
}

describe("buying credits", () => {
  it("opens a Checkout Session with the pack's price and the account on it", async () => {
    const { cookie, email, accountId } = await signedIn();
    const { url } = await checkout(cookie);
    expect(url).toMatch(new RegExp(`^${fake.url}/pay/cs_test_\\w+$`));
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", authorization: "Bearer sk_test_doitong" });
    expect(sent.params).toMatchObject({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "500" } }],
      client_reference_id: accountId,
      metadata: { accountId, packId: "pack_500", credits: "500" },
      customer_email: email,
      customer_creation: "always",
      success_url: `${server.url}/dashboard/billing?checkout=success`,
      cancel_url: `${server.url}/dashboard/billing?checkout=cancelled`,
    });
  });

  it("credits the account once when the person pays, and reuses the Stripe customer next time", async () => {
    const { cookie } = await signedIn();
    const { url, sessionId } = await checkout(cookie);
    expect(await (await fetch(url)).text()).toContain(">Pay</button>");
    const paid = await fetch(url, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${server.url}/dashboard/billing?checkout=success`);
    expect(fake.deliveries.at(-1)).toMatchObject({ status: 200, body: { received: true } });
    const after = await account(cookie);
    expect(after.credits.balance).toBe(550);
    expect(after.topUps).toEqual([{ amount: 500, balanceAfter: 550, note: `Stripe checkout ${sessionId}` }]);

    await checkout(cookie, "pack_2000");
    const customer = fake.sessions.get(sessionId)!.customer;
    expect(customer).toMatch(/^cus_test_/);
    expect(fake.requests.at(-1)!.params).toMatchObject({ customer, line_items: [{ price_data: { unit_amount: "1800" } }] });
    expect(fake.requests.at(-1)!.params.customer_email).toBeUndefined();
  });

  it.skipIf(onPostgres)("links each top-up to Stripe's receipt of its card charge, read through the SDK when the webhook applies it", async () => {
    const { cookie } = await signedIn();
    const { url, sessionId } = await checkout(cookie);
    await fetch(url, { method: "POST", redirect: "manual" });
    const intentId = String(fake.sessions.get(sessionId)!.payment_intent);
    expect(intentId).toMatch(/^pi_test_/);
    // The webhook's session names only the intent: the app reads it with its latest charge expanded.
    const read = fake.requests.find((r) => r.path === `/v1/payment_intents/${intentId}`);
    expect(read).toMatchObject({ method: "GET", authorization: "Bearer sk_test_doitong", params: { expand: ["latest_charge"] } });

    const ledger = await server.gql<{ creditLedger: { nodes: { kind: string; note: string | null; receiptUrl: string | null }[] } }>(
      `{ creditLedger(first: 10) { nodes { kind note receiptUrl } } }`,
      {},
      asUser(cookie),
    );
    const nodes = ledger.body.data!.creditLedger.nodes;
    const topUp = nodes.find((e) => e.note === `Stripe checkout ${sessionId}`)!;
    expect(topUp.receiptUrl).toMatch(new RegExp(`^${fake.url}/receipts/payment/ch_test_\\w+$`));
    // Only paid top-ups have one: not the welcome credits, not the reservations.
    expect(nodes.filter((e) => e.receiptUrl)).toHaveLength(1);
    const receipt = await fetch(topUp.receiptUrl!);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain("Amount paid: 5.00 USD");
  });

  it("applies an event once however often and however concurrently Stripe delivers it", async () => {
    const { cookie } = await signedIn();
    const { sessionId } = await checkout(cookie, "pack_2000");
    const url = fake.webhookUrl;
    fake.webhookUrl = undefined; // pay without delivering, so all five deliveries below race for the first apply
    const [{ eventId }] = await fake.pay(sessionId);
    fake.webhookUrl = url;
    const deliveries = await Promise.all(Array.from({ length: 5 }, () => fake.redeliver(eventId)));
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
    expect(deliveries.filter((d) => !(d.body as { duplicate?: boolean }).duplicate)).toHaveLength(1);
    await Promise.all(Array.from({ length: 5 }, () => fake.redeliver(eventId)));
    const after = await account(cookie);
    expect(after.credits.balance).toBe(2_050);
    expect(after.topUps).toHaveLength(1);
  });

  it("refuses a tampered body, a wrong secret and a missing signature, crediting nothing", async () => {
    const { cookie, accountId } = await signedIn();
    const { sessionId } = await checkout(cookie);
    const session = { ...fake.sessions.get(sessionId)!, status: "complete", payment_status: "paid" };
    const event = (credits: string) =>
      JSON.stringify({
        id: `evt_forged_${sessionId}`,
        object: "event",
        type: "checkout.session.completed",
        data: { object: { ...session, metadata: { accountId, packId: "pack_500", credits } } },
      });
    const honest = event("500");
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: honest, secret: SECRET });
    const tampered = await webhook(event("1000000"), signature);
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ error: { message: expect.stringContaining("signature") } });
    expect((await webhook(honest, Stripe.webhooks.generateTestHeaderString({ payload: honest, secret: "whsec_wrong" }))).status).toBe(400);
    expect((await webhook(honest, "")).status).toBe(400);
    expect((await account(cookie)).credits.balance).toBe(50);
  });

  it("records and ignores other event types and unpaid sessions", async () => {
    const { cookie, accountId } = await signedIn();
    const other = await fake.send("payment_intent.succeeded", { id: "pi_test_1", object: "payment_intent", metadata: { accountId, credits: "500" } });
    expect(other).toMatchObject({ status: 200, body: { received: true } });
    const { sessionId } = await checkout(cookie);
    const unpaid = await fake.send("checkout.session.completed", { ...fake.sessions.get(sessionId)!, status: "complete", payment_status: "unpaid" });
    expect(unpaid.status).toBe(200);
    expect((await account(cookie)).credits.balance).toBe(50);
  });

  it("rejects an unknown pack and keeps buying to signed-in people", async () => {
    const { cookie } = await signedIn();
    const unknown = await checkout(cookie, "pack_free_money");
    expect(unknown.res.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "packId" });
    const { apiKey } = await server.createAccount({ plan: "FREE", credits: 0 });
    const before = fake.requests.length;
    const viaKey = await server.gql(`mutation { createCheckout(packId: "pack_500") { url } }`, {}, { apiKey });
    expect(viaKey.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await server.gql(`{ billing { configured } }`, {}, { apiKey })).body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(fake.requests.length).toBe(before);
  });
});

describe("changing plan", () => {
  type Change = { status: number; url: string; error?: { message: string; extensions?: Record<string, unknown> } };
  async function changePlan(cookie: string, plan: string): Promise<Change> {
    const res = await server.gql<{ changePlan: { url: string } }>(`mutation($p: Plan!) { changePlan(plan: $p) { url } }`, { p: plan }, asUser(cookie));
    return { status: res.status, url: res.body.data?.changePlan.url ?? "", error: res.body.errors?.[0] };
  }
  const callsTo = (subscriptionId: string, since: number) => fake.requests.slice(since).filter((r) => r.path === `/v1/subscriptions/${subscriptionId}`);
  const itemsOf = (sub: Record<string, unknown>) => (sub.items as { data: { id: string; price: { id: string } }[] }).data;

  /** A new person who bought Starter through Checkout: their Stripe customer and the one subscription it started. */
  async function onStarter() {
    const { cookie, accountId } = await signedIn();
    const { url } = await changePlan(cookie, "STARTER");
    const sessionId = url.split("/pay/")[1];
    await fake.pay(sessionId);
    const customer = String(fake.sessions.get(sessionId)!.customer);
    const [subscription] = fake.subscriptionsOf(customer);
    return { cookie, accountId, customer, subscription, item: itemsOf(subscription)[0].id };
  }

  it("buys the first paid plan through a subscription Checkout and stores the subscription it starts", async () => {
    const { cookie, accountId } = await signedIn();
    const billing = await server.gql<{ billing: Record<string, unknown> }>(`{ billing { configured plansPurchasable purchasablePlans } }`, {}, asUser(cookie));
    expect(billing.body.data?.billing).toMatchObject({ configured: true, plansPurchasable: true, purchasablePlans: ["STARTER", "PRO"] });
    const { url } = await changePlan(cookie, "STARTER");
    expect(url).toMatch(new RegExp(`^${fake.url}/pay/cs_test_\\w+$`));
    expect(fake.requests.at(-1)!.params).toMatchObject({
      mode: "subscription",
      line_items: [{ price: "price_starter_test", quantity: "1" }],
      client_reference_id: accountId,
      subscription_data: { metadata: { accountId, plan: "STARTER" } },
      success_url: `${server.url}/dashboard/plans?checkout=success`,
    });
    expect((await account(cookie)).plan).toBe("FREE"); // nothing changes before Stripe says it is paid

    const deliveries = await fake.pay(url.split("/pay/")[1]);
    expect(deliveries.map((d) => [fake.events.get(d.eventId)!.type, d.status])).toEqual([
      ["customer.subscription.created", 200],
      ["checkout.session.completed", 200],
    ]);
    expect((await account(cookie)).plan).toBe("STARTER");
    // Stored: the next change goes to this subscription (below), and asking for Starter again is refused.
    expect((await changePlan(cookie, "STARTER")).error).toMatchObject({ message: "You are already on the Starter plan", extensions: { code: "INVALID_INPUT", field: "plan" } });
  });

  it("moves the same subscription to the new price, prorated, and follows Stripe's update", async () => {
    const { cookie, customer, subscription, item } = await onStarter();
    const before = fake.requests.length;
    const upgrade = await changePlan(cookie, "PRO");
    expect(upgrade.url).toBe(`${server.url}/dashboard/plans?change=PRO&from=STARTER`);
    expect(fake.requests.slice(before).map((r) => r.path)).not.toContain("/v1/checkout/sessions");
    const [read, update] = callsTo(subscription.id, before);
    expect(read).toMatchObject({ method: "GET" });
    expect(update).toMatchObject({
      method: "POST",
      params: { items: [{ id: item, price: "price_pro_test" }], proration_behavior: "always_invoice", payment_behavior: "error_if_incomplete" },
    });
    await fake.settled();
    expect((await account(cookie)).plan).toBe("PRO");

    const downgrade = await changePlan(cookie, "STARTER");
    expect(downgrade.url).toBe(`${server.url}/dashboard/plans?change=STARTER&from=PRO`);
    await fake.settled();
    expect((await account(cookie)).plan).toBe("STARTER");

    // One subscription for the customer, with one item, now on Starter; the card was charged the difference on
    // the way up and credited it on the way down (the fake's clock stands still, so the whole month's difference).
    const subscriptions = fake.subscriptionsOf(customer);
    expect(subscriptions).toHaveLength(1);
    expect(itemsOf(subscriptions[0]).map((i) => [i.id, i.price.id])).toEqual([[item, "price_starter_test"]]);
    expect(fake.invoices.filter((i) => i.subscription === subscription.id).map((i) => [i.billing_reason, i.total])).toEqual([
      ["subscription_create", 1_900],
      ["subscription_update", 3_000],
      ["subscription_update", -3_000],
    ]);
  });

  it("applies each subscription event once, and a late event never rolls the plan back", async () => {
    const { cookie, subscription } = await onStarter();
    const hook = fake.webhookUrl;
    fake.webhookUrl = undefined; // Stripe is slow to deliver the upgrade's event…
    await changePlan(cookie, "PRO");
    await fake.settled();
    fake.webhookUrl = hook;
    const late = [...fake.events.entries()].findLast(([, e]) => e.type === "customer.subscription.updated")![0];
    expect((await account(cookie)).plan).toBe("STARTER");

    // …so the plan moves when it arrives, once, however often and however concurrently it is delivered.
    const deliveries = await Promise.all(Array.from({ length: 4 }, () => fake.redeliver(late)));
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
    expect(deliveries.filter((d) => !(d.body as { duplicate?: boolean }).duplicate)).toHaveLength(1);
    expect((await account(cookie)).plan).toBe("PRO");

    // Back to Starter; then Stripe delivers the old "now on Pro" event again, and a copy of it under a new id (as
    // an out-of-order delivery would be): the plan follows the subscription as Stripe has it, Starter.
    await changePlan(cookie, "STARTER");
    await fake.settled();
    expect((await fake.redeliver(late)).body).toMatchObject({ duplicate: true });
    const stale = JSON.parse(fake.events.get(late)!.payload).data.object;
    expect(itemsOf(stale)[0].price.id).toBe("price_pro_test");
    expect(await fake.send("customer.subscription.updated", stale)).toMatchObject({ status: 200 });
    expect((await account(cookie)).plan).toBe("STARTER");
    expect(itemsOf(fake.subscriptions.get(subscription.id)!)[0].price.id).toBe("price_starter_test");
  });

  it("settles on Stripe's latest state when several events for one account arrive at once", async () => {
    const { cookie } = await signedIn();
    const { url } = await changePlan(cookie, "STARTER");
    const sessionId = url.split("/pay/")[1];
    const hook = fake.webhookUrl;
    fake.webhookUrl = undefined; // hold back every event: the purchase, then a change made at Stripe itself
    await fake.pay(sessionId);
    const subscription = fake.subscriptions.get(String(fake.sessions.get(sessionId)!.subscription))!;
    const stripeUrl = new URL(fake.url);
    const sdk = new Stripe("sk_test_doitong", { host: stripeUrl.hostname, port: Number(stripeUrl.port), protocol: "http", maxNetworkRetries: 0 });
    await sdk.subscriptions.update(subscription.id, { items: [{ id: itemsOf(subscription)[0].id, price: "price_pro_test" }] });
    await fake.settled();
    fake.webhookUrl = hook;
    const held = [...fake.events.entries()].filter(([, e]) => JSON.parse(e.payload).data.object.id === subscription.id || e.payload.includes(sessionId));
    expect(held.map(([, e]) => e.type)).toEqual(["customer.subscription.created", "checkout.session.completed", "customer.subscription.updated"]);

    const deliveries = await Promise.all(held.map(([eventId]) => fake.redeliver(eventId)));
    expect(deliveries.map((d) => [d.status, (d.body as { duplicate?: boolean }).duplicate ?? false])).toEqual([
      [200, false],
      [200, false],
      [200, false],
    ]);
    expect((await account(cookie)).plan).toBe("PRO");
    const before = fake.requests.length;
    await changePlan(cookie, "STARTER"); // the subscription was stored: this changes it rather than opening a Checkout
    expect(callsTo(subscription.id, before).map((r) => r.method)).toContain("POST");
  });

  it("returns to Free by cancelling the subscription; a new paid plan then starts a new one", async () => {
    const { cookie, customer, subscription } = await onStarter();
    const before = fake.requests.length;
    const cancel = await changePlan(cookie, "FREE");
    expect(cancel.url).toBe(`${server.url}/dashboard/plans?change=FREE&from=STARTER`);
    expect(callsTo(subscription.id, before).filter((r) => r.method === "DELETE")).toMatchObject([{ params: { prorate: "true", invoice_now: "true" } }]);
    await fake.settled();
    expect((await account(cookie)).plan).toBe("FREE");
    expect(fake.subscriptions.get(subscription.id)).toMatchObject({ status: "canceled" });
    expect(fake.invoices.at(-1)).toMatchObject({ subscription: subscription.id, total: -1_900 });

    // No subscription is left to change: Starter again is a Checkout, which starts a second subscription.
    const again = await changePlan(cookie, "STARTER");
    expect(again.url).toContain(`${fake.url}/pay/`);
    expect(fake.requests.at(-1)!.params).toMatchObject({ customer, mode: "subscription" });
    await fake.pay(again.url.split("/pay/")[1]);
    expect((await account(cookie)).plan).toBe("STARTER");
    expect(fake.subscriptionsOf(customer).map((s) => s.status)).toEqual(["canceled", "active"]);
    // The first subscription ending, reported again, does not downgrade the second.
    await fake.send("customer.subscription.deleted", fake.subscriptions.get(subscription.id)!);
    expect((await account(cookie)).plan).toBe("STARTER");
  });

  it("keeps the plan when the card is declined, and says so", async () => {
    const { cookie, subscription } = await onStarter();
    const sent = fake.events.size;
    fake.declineNext = "card_declined";
    const upgrade = await changePlan(cookie, "PRO");
    expect(upgrade.error).toMatchObject({
      message: expect.stringContaining("Your card was declined"),
      extensions: { code: "PROVIDER_UNAVAILABLE", reason: "PAYMENT_FAILED", stripeCode: "card_declined" },
    });
    await fake.settled();
    expect(fake.events.size).toBe(sent);
    expect((await account(cookie)).plan).toBe("STARTER");
    expect(itemsOf(fake.subscriptions.get(subscription.id)!)[0].price.id).toBe("price_starter_test");
  });

  it("refuses what it cannot do: Enterprise, and Free without a subscription to cancel", async () => {
    const { cookie, accountId } = await signedIn();
    const before = fake.requests.length;
    const enterprise = await changePlan(cookie, "ENTERPRISE");
    expect(enterprise.error).toMatchObject({ message: expect.stringContaining("contact sales"), extensions: { code: "INVALID_INPUT", field: "plan" } });
    expect((await changePlan(cookie, "FREE")).error).toMatchObject({ message: "You are already on the Free plan", extensions: { field: "plan" } });
    // A plan the operator set (no subscription): there is nothing to cancel at Stripe, and it says whom to ask.
    await server.setLimits(accountId, { plan: "PRO" });
    expect((await changePlan(cookie, "FREE")).error).toMatchObject({ message: expect.stringContaining("contact support"), extensions: { code: "INVALID_INPUT", field: "plan" } });
    expect((await account(cookie)).plan).toBe("PRO");
    expect(fake.requests.length).toBe(before);
  });
});

describe.skipIf(onPostgres)("without Stripe configured", () => {
  it("says so, and refuses top-ups, plan changes and webhooks", async () => {
    const bare = unconfigured!;
    const { cookie } = await signedInPerson(bare);
    const billing = await bare.gql<{ billing: Record<string, unknown> }>(`{ billing { configured plansPurchasable packs { id } } }`, {}, asUser(cookie));
    expect(billing.body.data?.billing).toMatchObject({ configured: false, plansPurchasable: false });
    const top = await bare.gql(`mutation { createCheckout(packId: "pack_500") { url } }`, {}, asUser(cookie));
    expect(top.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining("not configured"),
      extensions: { code: "PROVIDER_UNAVAILABLE", reason: "BILLING_NOT_CONFIGURED" },
    });
    const plan = await bare.gql(`mutation { changePlan(plan: PRO) { url } }`, {}, asUser(cookie));
    expect(plan.body.errors?.[0].message).toContain("contact sales");
    const hook = await fetch(`${bare.url}/api/webhooks/stripe`, { method: "POST", body: "{}" });
    expect(hook.status).toBe(503);
  });
});

describe.skipIf(onPostgres)("the fake Stripe", () => {
  it("validates like Stripe, so the SDK raises Stripe's own errors", async () => {
    const url = new URL(fake.url);
    const sdk = new Stripe("sk_test_doitong", { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 0 });
    const error = await sdk.checkout.sessions.create({ mode: "payment", success_url: "http://x/s" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ param: "line_items", statusCode: 400 });
    const unauthorised = await new Stripe("sk_live_nope", { host: url.hostname, port: Number(url.port), protocol: "http" }).checkout.sessions
      .create({ mode: "payment", success_url: "http://x/s", line_items: [{ price: "price_1", quantity: 1 }] })
      .catch((e: unknown) => e);
    expect(unauthorised).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("answers a paid top-up's PaymentIntent as Stripe does: latest_charge an id, or the Charge with its receipt_url when expanded", async () => {
    const url = new URL(fake.url);
    const sdk = new Stripe("sk_test_doitong", { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 0 });
    const missing = await sdk.paymentIntents.retrieve("pi_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ code: "resource_missing", statusCode: 404 });

    const { cookie } = await signedIn();
    const { sessionId } = await checkout(cookie, "pack_2000");
    const hook = fake.webhookUrl;
    fake.webhookUrl = undefined; // this test pokes the fake directly; the app need not hear of it
    try {
      await fake.pay(sessionId);
    } finally {
      fake.webhookUrl = hook;
    }
    const intentId = String(fake.sessions.get(sessionId)!.payment_intent);
    const plain = await sdk.paymentIntents.retrieve(intentId);
    expect(plain).toMatchObject({ object: "payment_intent", status: "succeeded", amount: 1_800, currency: "usd" });
    expect(plain.latest_charge).toMatch(/^ch_test_/);
    const expanded = await sdk.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] });
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ id: plain.latest_charge, object: "charge", paid: true, payment_intent: intentId, amount: 1_800 });
    expect(charge.receipt_url).toBe(`${fake.url}/receipts/payment/${charge.id}`);
  });

  it("keeps subscriptions the way Stripe does: an item without its id is a second item, bad values are refused", async () => {
    const url = new URL(fake.url);
    const sdk = new Stripe("sk_test_doitong", { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 0 });
    const missing = await sdk.subscriptions.retrieve("sub_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ code: "resource_missing", statusCode: 404 });

    const { cookie } = await signedIn();
    const res = await server.gql<{ changePlan: { url: string } }>(`mutation { changePlan(plan: STARTER) { url } }`, {}, asUser(cookie));
    const sessionId = res.body.data!.changePlan.url.split("/pay/")[1];
    const hook = fake.webhookUrl;
    fake.webhookUrl = undefined; // this test pokes the fake directly; the app need not hear of it
    try {
      await fake.pay(sessionId);
      const id = String(fake.sessions.get(sessionId)!.subscription);
      const bad = await sdk.subscriptions.update(id, { proration_behavior: "sometimes" }).catch((e: unknown) => e);
      expect(bad).toMatchObject({ param: "proration_behavior", statusCode: 400 });
      const unknownItem = await sdk.subscriptions.update(id, { items: [{ id: "si_nope", price: "price_pro_test" }] }).catch((e: unknown) => e);
      expect(unknownItem).toMatchObject({ param: "items[0][id]", code: "resource_missing" });
      const doubled = await sdk.subscriptions.update(id, { items: [{ price: "price_pro_test" }] });
      expect(doubled.items.data.map((i) => i.price.id)).toEqual(["price_starter_test", "price_pro_test"]);
      const canceled = await sdk.subscriptions.cancel(id, { prorate: false });
      expect(canceled.status).toBe("canceled");
      expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", params: { prorate: "false" } });
      expect(await sdk.subscriptions.update(id, { items: [{ price: "price_pro_test" }] }).catch((e: unknown) => e)).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      await fake.settled();
    } finally {
      fake.webhookUrl = hook;
    }
  });
});
