"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { CheckoutBanner } from "@/components/billing/checkout-banner";
import { ChangePlanDocument, type Plan, PlansDocument } from "@/components/graphql/generated";
import { PageHeader } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { richTags } from "@/components/i18n/rich";
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
  const t = useTranslations("plans");
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
      <PageHeader title={t("title")} description={t("description")} />
      {checkout ? <CheckoutBanner outcome={checkout} path="/dashboard/plans" bought="plan" /> : null}
      {change ? <PlanChangeBanner change={change} current={plan} gaveUp={polls >= CHANGE_POLLS} /> : null}
      {data && !data.billing.plansPurchasable ? (
        <div data-testid="plans-not-purchasable" className="mb-6 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-sm">
          <p className="font-semibold text-slate-900">{t("notSelfServe")}</p>
          <p className="mt-0.5">
            {data.billing.configured ? t("noPrices") : t("billingOff")} {t.rich("askOperator", richTags("font-mono text-xs"))}
          </p>
        </div>
      ) : null}
      {changeResult.error ? (
        <div className="mb-6">
          <ErrorNotice title={t("changeError")} message={readableError(changeResult.error)} />
        </div>
      ) : null}
      {error && !data ? (
        <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
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
