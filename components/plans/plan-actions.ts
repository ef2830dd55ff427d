import type { Plan } from "@/components/graphql/generated";

const ORDER: Plan[] = ["FREE", "STARTER", "PRO", "ENTERPRISE"];
// Plan names are product names: the same in every language.
const NAMES: Record<Plan, string> = { FREE: "Free", STARTER: "Starter", PRO: "Pro", ENTERPRISE: "Enterprise" };

export const planName = (plan: Plan) => NAMES[plan];
export const isUpgrade = (to: Plan, from: Plan) => ORDER.indexOf(to) > ORDER.indexOf(from);

/** A sentence of the card: a key under plans.actions in the catalogs, with the plan names it mentions. */
export interface PlanText {
  key: string;
  values?: { from?: string; to?: string };
}

/**
 * What choosing a plan does from where the account stands, as the sentences the card shows — the same rules as
 * lib/billing/change-plan.ts: no subscription → Stripe Checkout; a subscription → its price changes on the card on
 * file (prorated) after a confirmation; Free → the subscription is cancelled, after a confirmation.
 */
export type PlanAction =
  | { kind: "current" }
  | { kind: "note"; text: PlanText }
  | { kind: "checkout"; label: PlanText; upgrade: boolean; hint: PlanText }
  | { kind: "confirm"; label: PlanText; upgrade: boolean; consequence: PlanText; confirmLabel: PlanText; busyLabel: PlanText };

export function planAction(plan: Plan, current: Plan, subscribed: boolean, purchasable: boolean): PlanAction {
  if (plan === current) return { kind: "current" };
  if (plan === "ENTERPRISE") return { kind: "note", text: { key: "contactSales" } };
  const names = { from: NAMES[current], to: NAMES[plan] };
  if (plan === "FREE") {
    if (!subscribed) return { kind: "note", text: { key: "notBoughtHere", values: names } };
    return {
      kind: "confirm",
      label: { key: "downgradeToFree" },
      upgrade: false,
      consequence: { key: "cancelConsequence", values: names },
      confirmLabel: { key: "cancelSubscription" },
      busyLabel: { key: "cancelling" },
    };
  }
  if (!purchasable) return { kind: "note", text: { key: "notPurchasable" } };
  const upgrade = isUpgrade(plan, current);
  const label = { key: upgrade ? "upgradeTo" : "switchTo", values: names };
  if (!subscribed) return { kind: "checkout", label, upgrade, hint: { key: "checkoutHint" } };
  return {
    kind: "confirm",
    label,
    upgrade,
    consequence: { key: upgrade ? "upgradeConsequence" : "switchConsequence", values: names },
    confirmLabel: { key: upgrade ? "confirmUpgrade" : "confirmSwitch", values: names },
    busyLabel: { key: "changing" },
  };
}
