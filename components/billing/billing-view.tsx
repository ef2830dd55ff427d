"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useQuery } from "urql";
import { PageHeader } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { CheckoutBanner } from "./checkout-banner";
import { CreditPacks } from "./credit-packs";
import { Ledger } from "./ledger";
import { BillingDocument } from "@/components/graphql/generated";

/** The credits page: what you have, what you can buy, and every movement so far. */
export function BillingView({ checkout }: { checkout: "success" | "cancelled" | null }) {
  const t = useTranslations("billing");
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
      <PageHeader title={t("title")} description={t("description")} />
      {checkout ? <CheckoutBanner outcome={checkout} /> : null}
      {error && !data ? (
        <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-2">
            <Amount testId="billing-balance" label={t("balance")} value={data?.me.credits.balance} note={t("balanceNote")} />
            <Amount testId="billing-reserved" label={t("reserved")} value={data?.me.credits.reserved} note={t("reservedNote")} />
          </div>
          <CreditPacks configured={data?.billing.configured} packs={data?.billing.packs} />
          <Ledger refreshKey={data?.me.credits.balance} />
        </div>
      )}
    </>
  );
}

function Amount({ label, value, note, testId }: { label: string; value: number | undefined; note: string; testId: string }) {
  const t = useTranslations("billing");
  const format = useFormat();
  return (
    <div data-testid={testId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className="mt-2 flex items-baseline gap-1.5">
        {value === undefined ? (
          <Skeleton className="h-9 w-24" />
        ) : (
          <>
            <span className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{format.number(value)}</span>
            <span className="text-sm text-slate-500">{t("creditsUnit", { count: value })}</span>
          </>
        )}
      </p>
      <p className="mt-2 text-xs text-slate-500">{note}</p>
    </div>
  );
}
