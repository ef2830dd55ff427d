import type Stripe from "stripe";
import { db } from "../db";
import { afterCommit } from "../db/after-commit";
import { accountLimitsChanged } from "../dispatch/dispatch-generation";
import type { Plan, Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { newId } from "../ids";
import { lockAccount } from "../limits/lock-account";
import { hasEnded, isLive, planOfSubscription, retrieveSubscription } from "./plan-subscription";
import { stripeClient } from "./stripe";
import { readTopUpReceipt } from "./top-up-receipt";

type Tx = Prisma.TransactionClient;
export type ApplyResult = "applied" | "duplicate" | "ignored";

/** How often a subscription event re-reads Stripe because another event for the account was applied meanwhile. */
const MAX_READS = 5;

/**
 * Applies one verified Stripe event exactly once. Stripe redelivers events (retries, replays from its dashboard,
 * several deliveries racing), so in ONE transaction: lock the account (lock order: account row first, see
 * lib/limits/lock-account.ts — the StripeEvent foreign key would otherwise take a share lock on it first and two
 * deliveries could deadlock upgrading), insert the event id (its primary key is the once-only guarantee: a second
 * delivery inserts nothing and changes nothing), then apply the effect. Every event is recorded, handled or not.
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<ApplyResult> {
  const subscriptionId = subscriptionIdOf(event);
  if (subscriptionId) return applySubscriptionEvent(event, subscriptionId);
  if (event.type !== "checkout.session.completed" && event.type !== "checkout.session.async_payment_succeeded") {
    return applyOnce(event, () => Promise.resolve("ignored"));
  }
  const session = event.data.object;
  const receiptUrl = session.mode === "payment" && session.payment_status === "paid" ? await readTopUpReceipt(session) : null;
  return applyOnce(event, (tx, accountId) => completeTopUp(tx, accountId, session, receiptUrl));
}

async function applyOnce(event: Stripe.Event, effect: (tx: Tx, accountId: string) => Promise<ApplyResult>): Promise<ApplyResult> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const accountId = await accountOf(tx, event);
    if (accountId) await lockAccount(tx, accountId);
    const { count } = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type, accountId }], skipDuplicates: true });
    if (count === 0) return "duplicate";
    if (!accountId) return "ignored";
    return effect(tx, accountId);
  });
}

/** A top-up: the pack's credits (from the metadata we set when opening the session) once it is paid, with its receipt. */
async function completeTopUp(tx: Tx, accountId: string, session: Stripe.Checkout.Session, receiptUrl: string | null): Promise<ApplyResult> {
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
    data: { id: newId("led"), accountId, kind: "TOP_UP", amount: credits, balanceAfter: creditBalance, note: `Stripe checkout ${session.id}`, receiptUrl },
  });
  await recordAudit(tx, {
    accountId,
    action: "credits.topped_up",
    actor: { label: "stripe" },
    targetType: "checkout_session",
    targetId: session.id,
    before: { creditBalance: creditBalance - credits },
    after: { creditBalance, credits },
  });
  return "applied";
}

/** The plan subscription an event is about: a customer.subscription.* object, or the one a Checkout started. */
function subscriptionIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; id?: string; mode?: string; subscription?: string | { id: string } | null };
  if (event.type.startsWith("customer.subscription.") && object.object === "subscription") return object.id ?? null;
  const completed = event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded";
  if (!completed || object.mode !== "subscription" || !object.subscription) return null;
  return typeof object.subscription === "string" ? object.subscription : object.subscription.id;
}

class ChangedMeanwhile extends Error {}

/**
 * Stripe sends subscription events late, more than once and in no guaranteed order (an `updated` can arrive after
 * the `deleted` that followed it), so an event is only taken as "subscription S changed": what is applied is S as
 * Stripe holds it NOW, read before the transaction (never while holding the account lock). Two deliveries can read
 * Stripe in one order and commit in the other; so a delivery applies only if no other event was recorded for the
 * account between its read and its lock — otherwise it reads again. The last state read is the one that stays.
 */
async function applySubscriptionEvent(event: Stripe.Event, subscriptionId: string): Promise<ApplyResult> {
  for (let read = 1; ; read++) {
    const before = await storedState(event);
    const facts = await readSubscriptions(event, subscriptionId, before?.subscriptionId ?? null);
    try {
      return await applyOnce(event, async (tx, accountId) => {
        // Under the lock, with this event already recorded (hence the - 1).
        const now = await storedStateOf(tx, accountId);
        const moved = before?.accountId !== accountId || now.eventsRecorded - 1 !== before.eventsRecorded || now.subscriptionId !== before.subscriptionId;
        if (moved) throw new ChangedMeanwhile();
        return setPlanFromSubscription(tx, accountId, facts, now.subscriptionId);
      });
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile) || read === MAX_READS) throw error; // rolled back: Stripe retries later
    }
  }
}

interface SubscriptionFacts {
  /** The subscription as Stripe has it now; null when it cannot be known (no API key and no payload). */
  subscription: Stripe.Subscription | null;
  /** The account's stored subscription (when it is another one) has ended, so this one may replace it. */
  storedHasEnded: boolean;
}

async function readSubscriptions(event: Stripe.Event, id: string, storedId: string | null): Promise<SubscriptionFacts> {
  const sent = event.type.startsWith("customer.subscription.") ? (event.data.object as Stripe.Subscription) : null;
  const stripe = stripeClient();
  // Without an API key (webhooks only) the signed payload is the best knowledge there is.
  if (!stripe) return { subscription: sent, storedHasEnded: false };
  const subscription = (await retrieveSubscription(stripe, id)) ?? sent;
  if (!storedId || storedId === id) return { subscription, storedHasEnded: false };
  const stored = await retrieveSubscription(stripe, storedId);
  return { subscription, storedHasEnded: !stored || hasEnded(stored) };
}

/**
 * Live subscription → its id is stored and the plan follows its price; ended (deleted, canceled, unpaid) → FREE and
 * no subscription; anything else (incomplete, paused) waits. A subscription that is not the account's stored one
 * changes nothing while the stored one is still live: an old subscription ending must not downgrade the new one.
 */
async function setPlanFromSubscription(tx: Tx, accountId: string, facts: SubscriptionFacts, storedId: string | null): Promise<ApplyResult> {
  const sub = facts.subscription;
  if (!sub) return "ignored";
  await rememberCustomer(tx, accountId, sub.customer);
  if (storedId !== null && storedId !== sub.id && !facts.storedHasEnded) return "ignored";
  let change: { plan: Plan; stripeSubscriptionId: string | null } | undefined;
  if (hasEnded(sub)) change = { plan: "FREE", stripeSubscriptionId: null };
  else if (isLive(sub)) {
    const plan = planOfSubscription(sub);
    if (plan) change = { plan, stripeSubscriptionId: sub.id };
  }
  if (!change) return "ignored";
  const before = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { plan: true } });
  await tx.account.update({ where: { id: accountId }, data: change });
  if (before.plan !== change.plan) {
    afterCommit(tx, accountLimitsChanged);
    await recordAudit(tx, {
      accountId,
      action: "plan.changed",
      actor: { label: "stripe" },
      targetType: "subscription",
      targetId: sub.id,
      before: { plan: before.plan },
      after: { plan: change.plan },
    });
  }
  return "applied";
}

/** Read without a lock before asking Stripe, then again under the lock to see whether anything moved. */
async function storedState(event: Stripe.Event): Promise<{ accountId: string; subscriptionId: string | null; eventsRecorded: number } | null> {
  const client = await db();
  const accountId = await accountOf(client, event);
  return accountId ? { accountId, ...(await storedStateOf(client, accountId)) } : null;
}

async function storedStateOf(tx: Tx, accountId: string): Promise<{ subscriptionId: string | null; eventsRecorded: number }> {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { stripeSubscriptionId: true } });
  const eventsRecorded = await tx.stripeEvent.count({ where: { accountId } });
  return { subscriptionId: account?.stripeSubscriptionId ?? null, eventsRecorded };
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
