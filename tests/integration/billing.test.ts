import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripe, startFakeStripe } from "../fakes/stripe";
import { startServer, type TestServer } from "../helpers/server";
import { signUpAndSignIn } from "../helpers/session";

// Credits and plans bought through Stripe, against the built app and a local fake Stripe (tests/fakes/stripe.ts)
// that the real SDK talks to. Webhooks are signed with the SDK's own test helper.
const SECRET = `whsec_${Math.random().toString(36).slice(2)}`;
const STRIPE_ENV = { STRIPE_SECRET_KEY: "sk_test_doitong", STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_PRICE_STARTER: "price_starter_test", STRIPE_PRICE_PRO: "price_pro_test" };
let fake: FakeStripe;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: SECRET });
  server = await startServer({ ...STRIPE_ENV, STRIPE_API_BASE: fake.url });
  fake.webhookUrl = `${server.url}/api/webhooks/stripe`;
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

type Account = { accountId: string; plan: string; credits: { balance: number }; topUps: { amount: number; balanceAfter: number; note: string }[] };
const asUser = (cookie: string) => ({ headers: { cookie, "x-doitong-csrf": "1" } });

async function signedIn() {
  const { cookie, email } = await signUpAndSignIn(server);
  const me = await account(cookie);
  return { cookie, email, accountId: me.accountId };
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
      JSON.stringify({ id: `evt_forged_${sessionId}`, object: "event", type: "checkout.session.completed", data: { object: { ...session, metadata: { accountId, packId: "pack_500", credits } } } });
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
  it("opens a subscription Checkout and follows the subscription's events", async () => {
    const { cookie, accountId } = await signedIn();
    const billing = await server.gql<{ billing: Record<string, unknown> }>(`{ billing { configured plansPurchasable purchasablePlans packs { id credits priceCents } } }`, {}, asUser(cookie));
    expect(billing.body.data?.billing).toMatchObject({ configured: true, plansPurchasable: true, purchasablePlans: ["STARTER", "PRO"] });
    const res = await server.gql<{ changePlan: { url: string } }>(`mutation { changePlan(plan: STARTER) { url } }`, {}, asUser(cookie));
    expect(fake.requests.at(-1)!.params).toMatchObject({
      mode: "subscription",
      line_items: [{ price: "price_starter_test", quantity: "1" }],
      client_reference_id: accountId,
      subscription_data: { metadata: { accountId, plan: "STARTER" } },
    });
    const [created] = await fake.pay(res.body.data!.changePlan.url.split("/pay/")[1]);
    expect(created.status).toBe(200);
    expect((await account(cookie)).plan).toBe("STARTER");
    const subscription = JSON.parse(fake.events.get(created.eventId)!.payload).data.object;
    await fake.send("customer.subscription.deleted", { ...subscription, status: "canceled", metadata: {} });
    expect((await account(cookie)).plan).toBe("FREE");
    const enterprise = await server.gql(`mutation { changePlan(plan: ENTERPRISE) { url } }`, {}, asUser(cookie));
    expect(enterprise.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("contact sales"), extensions: { field: "plan" } });
  });
});

describe("without Stripe configured", () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await startServer({ STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "", STRIPE_API_BASE: "" });
  });
  afterAll(() => bare?.stop());

  it("says so, and refuses top-ups, plan changes and webhooks", async () => {
    const { cookie } = await signUpAndSignIn(bare);
    const billing = await bare.gql<{ billing: Record<string, unknown> }>(`{ billing { configured plansPurchasable packs { id } } }`, {}, asUser(cookie));
    expect(billing.body.data?.billing).toMatchObject({ configured: false, plansPurchasable: false });
    const top = await bare.gql(`mutation { createCheckout(packId: "pack_500") { url } }`, {}, asUser(cookie));
    expect(top.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("not configured"), extensions: { code: "PROVIDER_UNAVAILABLE", reason: "BILLING_NOT_CONFIGURED" } });
    const plan = await bare.gql(`mutation { changePlan(plan: PRO) { url } }`, {}, asUser(cookie));
    expect(plan.body.errors?.[0].message).toContain("contact sales");
    const hook = await fetch(`${bare.url}/api/webhooks/stripe`, { method: "POST", body: "{}" });
    expect(hook.status).toBe(503);
  });
});

describe("the fake Stripe", () => {
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
});
