"use client";

import { useApiError } from "@/components/i18n/api-error";
import { useState } from "react";
import { useMutation } from "urql";
import { formatNumber } from "@/components/dashboard/format";
import { buttonClass, Card } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { CreateCheckoutDocument, type CreditPackFieldsFragment as CreditPack } from "@/components/graphql/generated";

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase(), minimumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);

/** The packs from the server (lib/billing/packs.ts), each with a Buy button that leaves for Stripe Checkout. */
export function CreditPacks({ configured, packs }: { configured: boolean | undefined; packs: CreditPack[] | undefined }) {
  const readableError = useApiError();
  const [{ fetching, error }, createCheckout] = useMutation(CreateCheckoutDocument);
  const [buying, setBuying] = useState<string | null>(null);

  async function buy(packId: string) {
    setBuying(packId);
    const result = await createCheckout({ packId });
    // Stay "busy" while the browser leaves for Checkout; only a failure gives the buttons back.
    if (result.data) window.location.assign(result.data.createCheckout.url);
    else setBuying(null);
  }

  if (configured === false) {
    return (
      <Card title="Buy credits">
        <div data-testid="billing-not-configured" className="rounded-lg border border-dashed border-slate-300 bg-slate-50/60 px-5 py-6 text-sm text-slate-600">
          <p className="font-semibold text-slate-900">Top-ups are not configured on this server</p>
          <p className="mt-1">
            Credits can be bought here once the server’s operator sets <code className="font-mono text-xs">STRIPE_SECRET_KEY</code> and{" "}
            <code className="font-mono text-xs">STRIPE_WEBHOOK_SECRET</code>. Your balance and history below still work.
          </p>
        </div>
      </Card>
    );
  }

  const cheapest = packs?.[0] ? packs[0].priceCents / packs[0].credits : 0;
  return (
    <Card title="Buy credits" action={<span className="text-xs text-slate-500">Secure payment by Stripe</span>}>
      {error ? (
        <div className="mb-4">
          <ErrorNotice title="We couldn’t start the checkout" message={readableError(error)} />
        </div>
      ) : null}
      <ul className="grid gap-4 md:grid-cols-3">
        {(packs ?? [undefined, undefined, undefined]).map((pack, i) =>
          pack ? (
            <li key={pack.id} data-testid={`pack-${pack.id}`} className="flex flex-col rounded-xl border border-slate-200 p-5 transition hover:border-indigo-300 hover:shadow-sm">
              <p className="text-sm font-medium text-slate-500">{pack.label}</p>
              <p className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">
                {formatNumber(pack.credits)} <span className="text-base font-normal text-slate-500">credits</span>
              </p>
              <p className="mt-1 text-sm text-slate-600">
                <span className="font-semibold text-slate-900">{money(pack.priceCents, pack.currency)}</span>
                <span className="text-slate-500"> · {money((pack.priceCents / pack.credits) * 1000, pack.currency)} per 1,000</span>
              </p>
              {cheapest && pack.priceCents / pack.credits < cheapest ? (
                <p className="mt-2 w-fit rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">
                  Save {Math.round((1 - pack.priceCents / pack.credits / cheapest) * 100)}%
                </p>
              ) : null}
              <div className="mt-auto pt-5">
                <button
                  type="button"
                  className={`${buttonClass.primary} w-full`}
                  disabled={fetching || buying !== null}
                  onClick={() => void buy(pack.id)}
                  aria-label={`Buy ${formatNumber(pack.credits)} credits for ${money(pack.priceCents, pack.currency)}`}
                >
                  {buying === pack.id ? "Opening checkout…" : "Buy"}
                </button>
              </div>
            </li>
          ) : (
            <li key={i}>
              <Skeleton className="h-44 w-full rounded-xl" />
            </li>
          ),
        )}
      </ul>
    </Card>
  );
}
