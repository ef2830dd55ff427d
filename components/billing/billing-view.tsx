"use client";

import { useApiError } from "@/components/i18n/api-error";
import { useEffect } from "react";
import { useQuery } from "urql";
import { formatNumber } from "@/components/dashboard/format";
import { PageHeader } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { CheckoutBanner } from "./checkout-banner";
import { CreditPacks } from "./credit-packs";
import { Ledger } from "./ledger";
import { BillingDocument } from "@/components/graphql/generated";

/** The credits page: what you have, what you can buy, and every movement so far. */
export function BillingView({ checkout }: { checkout: "success" | "cancelled" | null }) {
  const readableError = useApiError();
  const [{ data, error }, refetch] = useQuery({ query: BillingDocument });

  // Stripe confirms a payment by webhook, which can land a moment after the person is sent back: look again a few
  // times so the new balance shows up without a reload.
  useEffect(() => {
    if (checkout !== "success") return;
    const timers = [1_500, 4_000, 8_000].map((ms) => setTimeout(() => refetch({ requestPolicy: "network-only" }), ms));
    return () => timers.forEach(clearTimeout);
  }, [checkout, refetch]);

  return (
    <>
      <PageHeader title="Credits & billing" description="Every generation spends credits. Buy packs here; they never expire." />
      {checkout ? <CheckoutBanner outcome={checkout} /> : null}
      {error && !data ? (
        <ErrorNotice title="We couldn’t load your credits" message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-2">
            <Amount testId="billing-balance" label="Balance" value={data?.me.credits.balance} note="Spendable now." />
            <Amount testId="billing-reserved" label="Reserved" value={data?.me.credits.reserved} note="Held for generations in flight; charged when they complete, released if they fail." />
          </div>
          <CreditPacks configured={data?.billing.configured} packs={data?.billing.packs} />
          <Ledger refreshKey={data?.me.credits.balance} />
        </div>
      )}
    </>
  );
}

function Amount({ label, value, note, testId }: { label: string; value: number | undefined; note: string; testId: string }) {
  return (
    <div data-testid={testId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className="mt-2 flex items-baseline gap-1.5">
        {value === undefined ? (
          <Skeleton className="h-9 w-24" />
        ) : (
          <>
            <span className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{formatNumber(value)}</span>
            <span className="text-sm text-slate-500">{value === 1 ? "credit" : "credits"}</span>
          </>
        )}
      </p>
      <p className="mt-2 text-xs text-slate-500">{note}</p>
    </div>
  );
}
