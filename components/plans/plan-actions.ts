import type { Plan } from "@/components/graphql/generated";

const ORDER: Plan[] = ["FREE", "STARTER", "PRO", "ENTERPRISE"];
const NAMES: Record<Plan, string> = { FREE: "Free", STARTER: "Starter", PRO: "Pro", ENTERPRISE: "Enterprise" };

export const planName = (plan: Plan) => NAMES[plan];
export const isUpgrade = (to: Plan, from: Plan) => ORDER.indexOf(to) > ORDER.indexOf(from);

/**
 * What choosing a plan does from where the account stands, in the words the card shows — the same rules as
 * lib/billing/change-plan.ts: no subscription → Stripe Checkout; a subscription → its price changes on the card on
 * file (prorated) after a confirmation; Free → the subscription is cancelled, after a confirmation.
 */
export type PlanAction =
  | { kind: "current" }
  | { kind: "note"; text: string }
  | { kind: "checkout"; label: string; upgrade: boolean; hint: string }
  | { kind: "confirm"; label: string; upgrade: boolean; consequence: string; confirmLabel: string; busyLabel: string };

export function planAction(plan: Plan, current: Plan, subscribed: boolean, purchasable: boolean): PlanAction {
  if (plan === current) return { kind: "current" };
  if (plan === "ENTERPRISE") return { kind: "note", text: "Contact sales to move to Enterprise." };
  const from = NAMES[current];
  if (plan === "FREE") {
    if (!subscribed) return { kind: "note", text: `Your ${from} plan was not bought here: contact support to return to Free.` };
    return {
      kind: "confirm",
      label: "Downgrade to Free",
      upgrade: false,
      consequence: `Your ${from} subscription is cancelled now and nothing more is charged; the unused time is credited to your Stripe balance. Free limits apply as soon as Stripe confirms.`,
      confirmLabel: "Cancel subscription",
      busyLabel: "Cancelling…",
    };
  }
  if (!purchasable) return { kind: "note", text: "Not available to buy on this server." };
  const upgrade = isUpgrade(plan, current);
  const label = `${upgrade ? "Upgrade" : "Switch"} to ${NAMES[plan]}`;
  if (!subscribed) return { kind: "checkout", label, upgrade, hint: "You pay on Stripe Checkout; the new limits start once Stripe confirms the payment." };
  return {
    kind: "confirm",
    label,
    upgrade,
    consequence: upgrade
      ? `Your card on file will be charged the prorated difference for the rest of this billing period, now. ${NAMES[plan]} limits apply as soon as Stripe confirms.`
      : `The unused time on ${from} is credited to your next invoices; nothing is charged now. ${NAMES[plan]} limits apply as soon as Stripe confirms.`,
    confirmLabel: upgrade ? `Confirm upgrade to ${NAMES[plan]}` : `Confirm switch to ${NAMES[plan]}`,
    busyLabel: "Changing plan…",
  };
}
