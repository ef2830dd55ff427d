import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { BelowCost, Cell, OpsTable } from "@/components/ops-prices/table";
import { requireOperator } from "@/lib/ops/operators";
import { currentPriceBook } from "@/lib/prices/price-book";
import { CATALOG } from "@/lib/providers/catalog";
import { quoteWith, TYPICAL_PROMPT } from "@/lib/providers/pricing";
import { defaultOptions } from "@/lib/providers/resolve-options";
import type { GenerationType, ModelSpec } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

// GET /ops/prices — every model's price list in force: version, markup, what the default request costs, and a
// version scheduled for later when there is one.
export default async function PricesPage() {
  await requireOperator();
  const t = await getTranslations("opsPrices");
  const format = await getFormatter();
  const book = await currentPriceBook();
  const now = new Date();
  const rows = CATALOG.flatMap((provider) =>
    (Object.entries(provider.models) as [GenerationType, ModelSpec][]).map(([type, model]) => {
      const list = book.at(provider.id, type, now);
      const next = book.history(provider.id, type).find((v) => v.effectiveFrom > now);
      const q = list ? quoteWith(model, list, defaultOptions(model), TYPICAL_PROMPT) : undefined;
      return { provider, type, list, next, q };
    }),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      <OpsTable testId="ops-prices" head={[t("model"), t("version"), t("markup"), t("effectiveFrom"), t("defaultCredits"), t("vendorCost"), ""]}>
        {rows.map(({ provider, type, list, next, q }) => (
          <tr key={`${provider.id}-${type}`} data-testid={`price-${provider.id}-${type}`}>
            <Cell>
              <span className="font-medium">{provider.name}</span> <span className="font-mono text-xs text-slate-500">{`${provider.id} · ${type}`}</span>
            </Cell>
            <Cell numeric>
              {list ? `v${list.version}` : "—"}
              {next && (
                <div className="text-xs text-amber-700">
                  {t("scheduled", { version: next.version, at: format.dateTime(next.effectiveFrom, { dateStyle: "short", timeStyle: "short" }) })}
                </div>
              )}
            </Cell>
            <Cell numeric>
              {list ? format.number(list.markup) : "—"}
              {list && list.markup < 1 && <BelowCost label={t("belowCost")} />}
            </Cell>
            <Cell>{list ? format.dateTime(list.effectiveFrom, { dateStyle: "medium", timeStyle: "short" }) : "—"}</Cell>
            <Cell numeric>{q ? t("credits", { count: q.credits }) : "—"}</Cell>
            <Cell numeric>{q ? t("cents", { amount: format.number(q.vendorCost, { maximumFractionDigits: 4 }) }) : "—"}</Cell>
            <Cell>
              <Link className="font-medium text-indigo-700 hover:underline" href={`/ops/prices/${provider.id}/${type}`}>
                {t("edit")}
              </Link>
            </Cell>
          </tr>
        ))}
      </OpsTable>
    </div>
  );
}
