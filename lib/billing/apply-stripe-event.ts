import type Stripe from "stripe";
import { db } from "../db";
import type { Plan, Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { lockAccount } from "../limits/lock-account";
import { planPriceIds } from "./stripe";

type Tx = Prisma.TransactionClient;
export type ApplyResult = "applied" | "duplicate" | "ignored";

/**
 * Applies one verified Stripe event exactly once. Stripe redelivers events (retries, replays from its dashboard,
 * several deliveries racing), so in ONE transaction: lock the account (lock order: account row first, see
 * lib/limits/lock-account.ts — the StripeEvent foreign key would otherwise take a share lock on it first and two
 * deliveries could deadlock upgrading), insert the event id (its primary key is the once-only guarantee: a second
 * delivery inserts nothing and changes nothing), then apply the effect. Every event is recorded, handled or not.
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<ApplyResult> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const accountId = await accountOf(tx, event);
    if (accountId) await lockAccount(tx, accountId);
    const { count } = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type, accountId }], skipDuplicates: true });
    if (count === 0) return "duplicate";
    if (!accountId) return "ignored";
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
        return completeCheckout(tx, accountId, event.data.object);
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted":
        return setPlanFromSubscription(tx, accountId, event.data.object, event.type === "customer.subscription.deleted");
      default:
        return "ignored";
    }
  });
}

/** A top-up: the pack's credits (from the metadata we set when opening the session) once it is paid. */
async function completeCheckout(tx: Tx, accountId: string, session: Stripe.Checkout.Session): Promise<ApplyResult> {
  if (session.payment_status !== "paid") return "ignored";
  await rememberCustomer(tx, accountId, session.customer);
  const credits = Number(session.metadata?.credits);
  if (session.mode !== "payment" || !Number.isSafeInteger(credits) || credits <= 0) return "applied";
  const { creditBalance } = await tx.account.update({
    where: { id: accountId },
    data: { creditBalance: { increment: credits } },
    select: { creditBalance: true },
  });
  await tx.creditLedgerEntry.create({
    data: { id: newId("led"), accountId, kind: "TOP_UP", amount: credits, balanceAfter: creditBalance, note: `Stripe checkout ${session.id}` },
  });
  return "applied";
}

/** Live subscription → the plan of its price; ended (deleted, canceled, unpaid) → FREE; anything else waits. */
async function setPlanFromSubscription(tx: Tx, accountId: string, sub: Stripe.Subscription, deleted: boolean): Promise<ApplyResult> {
  await rememberCustomer(tx, accountId, sub.customer);
  let plan: Plan | undefined;
  if (deleted || ["canceled", "unpaid", "incomplete_expired"].includes(sub.status)) plan = "FREE";
  else if (["active", "trialing", "past_due"].includes(sub.status)) plan = planOfPrice(sub.items.data[0]?.price.id);
  if (!plan) return "ignored";
  await tx.account.update({ where: { id: accountId }, data: { plan } });
  return "applied";
}

function planOfPrice(priceId: string | undefined): Plan | undefined {
  const prices = planPriceIds();
  if (!priceId) return undefined;
  return priceId === prices.STARTER ? "STARTER" : priceId === prices.PRO ? "PRO" : undefined;
}

/** The account an event is about: the id we put on the session or subscription, else its Stripe customer. */
async function accountOf(tx: Tx, event: Stripe.Event): Promise<string | null> {
  const object = event.data.object as { client_reference_id?: string | null; metadata?: Stripe.Metadata | null; customer?: unknown };
  const claimed = object.client_reference_id ?? object.metadata?.accountId;
  const customer = typeof object.customer === "string" ? object.customer : null;
  const account = claimed
    ? await tx.account.findUnique({ where: { id: claimed }, select: { id: true } })
    : customer
      ? await tx.account.findUnique({ where: { stripeCustomerId: customer }, select: { id: true } })
      : null;
  return account?.id ?? null;
}

/** Stores the account's Stripe customer the first time it appears, so later checkouts reuse it. */
async function rememberCustomer(tx: Tx, accountId: string, customer: string | Stripe.Customer | Stripe.DeletedCustomer | null): Promise<void> {
  const id = typeof customer === "string" ? customer : customer?.id;
  if (!id) return;
  const taken = await tx.account.findUnique({ where: { stripeCustomerId: id }, select: { id: true } });
  if (!taken) await tx.account.updateMany({ where: { id: accountId, stripeCustomerId: null }, data: { stripeCustomerId: id } });
}
