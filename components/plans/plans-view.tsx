"use client";

import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { CheckoutBanner } from "@/components/billing/checkout-banner";
import type { Plan, PlanLimits } from "@/components/dashboard/types";
import { PageHeader } from "@/components/dashboard/ui/card";
import { ErrorNotice, readableError, Skeleton } from "@/components/dashboard/ui/states";
import { PlanCard } from "./plan-card";

export interface PlanInfo {
  id: Plan;
  name: string;
  limits: PlanLimits;
  custom: boolean;
}

// `plans` is the same table lib/limits/plans.ts enforces, so what this page shows is what the API applies.
const PlansQuery = /* GraphQL */ `
  query Plans {
    plans { id name custom limits { requestsPerMinute parallel daily } }
    me { plan }
    billing { configured plansPurchasable purchasablePlans }
  }
`;

const ChangePlan = /* GraphQL */ `
  mutation ChangePlan($plan: Plan!) {
    changePlan(plan: $plan) { url }
  }
`;

interface PlansData {
  plans: PlanInfo[];
  me: { plan: Plan };
  billing: { configured: boolean; plansPurchasable: boolean; purchasablePlans: Plan[] };
}

export function PlansView({ checkout }: { checkout: "success" | "cancelled" | null }) {
  const [{ data, error }, refetch] = useQuery<PlansData>({ query: PlansQuery });
  const [change, changePlan] = useMutation<{ changePlan: { url: string } }>(ChangePlan);
  const [opening, setOpening] = useState<Plan | null>(null);

  // The plan changes when Stripe's subscription webhook arrives, possibly just after the redirect back here.
  useEffect(() => {
    if (checkout !== "success") return;
    const timers = [1_500, 4_000, 8_000].map((ms) => setTimeout(() => refetch({ requestPolicy: "network-only" }), ms));
    return () => timers.forEach(clearTimeout);
  }, [checkout, refetch]);

  async function choose(plan: Plan) {
    setOpening(plan);
    const result = await changePlan({ plan });
    if (result.data) window.location.assign(result.data.changePlan.url);
    else setOpening(null);
  }

  return (
    <>
      <PageHeader title="Plans" description="Plans set how fast you can call the API: requests per minute, generations at once, and per day. Credits pay for each generation on every plan." />
      {checkout ? <CheckoutBanner outcome={checkout} path="/dashboard/plans" what="new plan limits" /> : null}
      {data && !data.billing.plansPurchasable ? (
        <div data-testid="plans-not-purchasable" className="mb-6 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-sm">
          <p className="font-semibold text-slate-900">Plan changes aren’t self-serve on this server</p>
          <p className="mt-0.5">
            {data.billing.configured
              ? "Billing is on, but no subscription prices are set (STRIPE_PRICE_STARTER, STRIPE_PRICE_PRO)."
              : "Billing is not configured here (STRIPE_SECRET_KEY)."}{" "}
            Contact sales, or ask the operator to change your plan (<code className="font-mono text-xs">npm run admin -- set-limits --plan …</code>).
          </p>
        </div>
      ) : null}
      {change.error ? (
        <div className="mb-6">
          <ErrorNotice title="We couldn’t change your plan" message={readableError(change.error)} />
        </div>
      ) : null}
      {error && !data ? (
        <ErrorNotice title="We couldn’t load the plans" message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          {data
            ? data.plans.map((plan) => (
                <PlanCard
                  key={plan.id}
                  plan={plan}
                  current={data.me.plan}
                  purchasable={data.billing.purchasablePlans.includes(plan.id)}
                  busy={opening}
                  onChoose={choose}
                />
              ))
            : [0, 1, 2, 3].map((i) => (
                <li key={i}>
                  <Skeleton className="h-72 w-full rounded-xl" />
                </li>
              ))}
        </ul>
      )}
    </>
  );
}
