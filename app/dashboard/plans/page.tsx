import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { Plan } from "@/components/graphql/generated";
import { PlansView } from "@/components/plans/plans-view";
import { requireSignedIn } from "@/lib/auth/current-user";
import { getPlanSubscription } from "@/lib/billing/get-plan-subscription";
import { PLAN_IDS } from "@/lib/limits/plans";

const asPlan = (value: string | string[] | undefined): Plan | null => (typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value) ? (value as Plan) : null);

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("metaTitle") };
}

// GET /dashboard/plans[?checkout=success|cancelled][?change=PLAN&from=PLAN] — the plan table the API enforces, and
// changing plan. Stripe Checkout sends the person back with ?checkout=; a change of an existing subscription
// (lib/billing/change-plan.ts) lands here with ?change=. Whether the plan is billed by a subscription decides what
// each button does, so it is read here, on the server, on every visit.
export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { checkout, change, from } = await searchParams;
  const user = await requireSignedIn("/dashboard/plans");
  const billing = await getPlanSubscription({ accountId: user.accountId, apiKeyId: null });
  const outcome = checkout === "success" || checkout === "cancelled" ? checkout : null;
  const to = asPlan(change);
  const was = asPlan(from);
  return <PlansView checkout={outcome} change={to && was ? { to, from: was } : null} billing={billing} />;
}
