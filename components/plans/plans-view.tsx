"use client";

import { useApiError } from "@/components/i18n/api-error";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { CheckoutBanner } from "@/components/billing/checkout-banner";
import { ChangePlanDocument, type Plan, PlansDocument } from "@/components/graphql/generated";
import { PageHeader } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { planAction } from "./plan-actions";
import { PlanCard } from "./plan-card";
import { PlanChangeBanner, type RequestedChange } from "./plan-change-banner";

/** How many times (once a second) the page asks for the plan after a change before saying Stripe is slow. */
const CHANGE_POLLS = 30;

interface Props {
  checkout: "success" | "cancelled" | null;
  change: RequestedChange | null;
  /** Read on the server for this render: the plan, and whether a Stripe subscription bills it. */
  billing: { plan: Plan; subscribed: boolean };
}

export function PlansView({ checkout, change, billing }: Props) {
  const readableError = useApiError();
  const { subscribed } = billing;
  const router = useRouter();
  const [{ data, error }, refetch] = useQuery({ query: PlansDocument });
  const [changeResult, changePlan] = useMutation(ChangePlanDocument);
  const [busy, setBusy] = useState<Plan | null>(null);
  const [confirming, setConfirming] = useState<Plan | null>(null);
  const [polls, setPolls] = useState(0);
  const plan = data?.me.plan;

  // The plan changes when Stripe's subscription webhook arrives, possibly just after the redirect back here.
  useEffect(() => {
    if (checkout !== "success") return;
    const timers = [1_500, 4_000, 8_000].map((ms) => setTimeout(() => refetch({ requestPolicy: "network-only" }), ms));
    return () => timers.forEach(clearTimeout);
  }, [checkout, refetch]);

  // After a subscription change, ask until the plan is the one asked for (or give up and say so).
  useEffect(() => {
    if (!change || !plan || plan === change.to || polls >= CHANGE_POLLS) return;
    const timer = setTimeout(() => {
      refetch({ requestPolicy: "network-only" });
      setPolls((n) => n + 1);
    }, 1_000);
    return () => clearTimeout(timer);
  }, [change, plan, polls, refetch]);

  // The webhook that moves the plan also stores or clears the subscription: once the API shows another plan than the
  // one the server rendered with, re-render on the server so `subscribed` (and so every button) is current.
  useEffect(() => {
    if (plan && plan !== billing.plan) router.refresh();
  }, [plan, billing.plan, router]);

  async function submit(to: Plan) {
    setBusy(to);
    const result = await changePlan({ plan: to });
    // Stay "busy" while the browser leaves (for Checkout, or back here with ?change=); a failure gives the buttons back.
    if (result.data) window.location.assign(result.data.changePlan.url);
    else setBusy(null);
  }

  function choose(to: Plan) {
    if (!data) return;
    const action = planAction(to, data.me.plan, subscribed, data.billing.purchasablePlans.includes(to));
    if (action.kind === "confirm") setConfirming(to);
    else void submit(to);
  }

  return (
    <>
      <PageHeader title="Plans" description="Plans set how fast you can call the API: requests per minute, generations at once, and per day. Credits pay for each generation on every plan." />
      {checkout ? <CheckoutBanner outcome={checkout} path="/dashboard/plans" what="new plan limits" /> : null}
      {change ? <PlanChangeBanner change={change} current={plan} gaveUp={polls >= CHANGE_POLLS} /> : null}
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
      {changeResult.error ? (
        <div className="mb-6">
          <ErrorNotice title="We couldn’t change your plan" message={readableError(changeResult.error)} />
        </div>
      ) : null}
      {error && !data ? (
        <ErrorNotice title="We couldn’t load the plans" message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          {data
            ? data.plans.map((p) => (
                <PlanCard
                  key={p.id}
                  plan={p}
                  isCurrent={p.id === data.me.plan}
                  action={planAction(p.id, data.me.plan, subscribed, data.billing.purchasablePlans.includes(p.id))}
                  confirming={confirming === p.id}
                  busy={busy}
                  onChoose={choose}
                  onConfirm={(to) => void submit(to)}
                  onKeep={() => setConfirming(null)}
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
