"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { buttonClass, Card } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { CreateCheckoutDocument, type CreditPackFieldsFragment as CreditPack } from "@/components/graphql/generated";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { richTags } from "@/components/i18n/rich";

/** The packs from the server (lib/billing/packs.ts), each with a Buy button that leaves for Stripe Checkout. */
export function CreditPacks({ configured, packs }: { configured: boolean | undefined; packs: CreditPack[] | undefined }) {
  const t = useTranslations("billing.packs");
  const format = useFormat();
  const readableError = useApiError();
  const [{ fetching, error }, createCheckout] = useMutation(CreateCheckoutDocument);
  const [buying, setBuying] = useState<string | null>(null);
  const intl = useFormatter();
  // Whole amounts without cents ("$5", "5 $"), cents when there are some; digits and symbol placed per locale.
  const money = (cents: number, currency: string) => intl.number(cents / 100, { style: "currency", currency: currency.toUpperCase(), minimumFractionDigits: cents % 100 ? 2 : 0 });
  // The server's English label stays the API's value; the page names the packs it knows from the catalogs.
  const name = (pack: CreditPack) => (t.has(`names.${pack.id}`) ? t(`names.${pack.id}`) : pack.label);

  async function buy(packId: string) {
    setBuying(packId);
    const result = await createCheckout({ packId });
    // Stay "busy" while the browser leaves for Checkout; only a failure gives the buttons back.
    if (result.data) window.location.assign(result.data.createCheckout.url);
    else setBuying(null);
  }

  if (configured === false) {
    return (
      <Card title={t("title")}>
        <div data-testid="billing-not-configured" className="rounded-lg border border-dashed border-slate-300 bg-slate-50/60 px-5 py-6 text-sm text-slate-600">
          <p className="font-semibold text-slate-900">{t("notConfigured")}</p>
          <p className="mt-1">{t.rich("notConfiguredBody", richTags("font-mono text-xs"))}</p>
        </div>
      </Card>
    );
  }

  const cheapest = packs?.[0] ? packs[0].priceCents / packs[0].credits : 0;
  return (
    <Card title={t("title")} action={<span className="text-xs text-slate-500">{t("secure")}</span>}>
      {error ? (
        <div className="mb-4">
          <ErrorNotice title={t("checkoutError")} message={readableError(error)} />
        </div>
      ) : null}
      <ul className="grid gap-4 md:grid-cols-3">
        {(packs ?? [undefined, undefined, undefined]).map((pack, i) =>
          pack ? (
            <li key={pack.id} data-testid={`pack-${pack.id}`} className="flex flex-col rounded-xl border border-slate-200 p-5 transition hover:border-indigo-300 hover:shadow-sm">
              <p className="text-sm font-medium text-slate-500">{name(pack)}</p>
              <p className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">
                {format.number(pack.credits)} <span className="text-base font-normal text-slate-500">{t("creditsUnit", { count: pack.credits })}</span>
              </p>
              <p className="mt-1 text-sm text-slate-600">
                <span className="font-semibold text-slate-900">{money(pack.priceCents, pack.currency)}</span>
                <span className="text-slate-500">
                  {" "}
                  · {t("perThousand", { price: money((pack.priceCents / pack.credits) * 1000, pack.currency), thousand: format.number(1000) })}
                </span>
              </p>
              {cheapest && pack.priceCents / pack.credits < cheapest ? (
                <p className="mt-2 w-fit rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">
                  {t("save", { percent: Math.round((1 - pack.priceCents / pack.credits / cheapest) * 100) })}
                </p>
              ) : null}
              <div className="mt-auto pt-5">
                <button
                  type="button"
                  className={`${buttonClass.primary} w-full`}
                  disabled={fetching || buying !== null}
                  onClick={() => void buy(pack.id)}
                  aria-label={t("buyAria", { credits: format.credits(pack.credits), price: money(pack.priceCents, pack.currency) })}
                >
                  {buying === pack.id ? t("opening") : t("buy")}
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
