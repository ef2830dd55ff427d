import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BelowCost, Cell, OpsTable } from "@/components/ops-prices/table";
import { requireOperator } from "@/lib/ops/operators";
import { currentPriceBook } from "@/lib/prices/price-book";
import { findProvider } from "@/lib/providers/catalog";
import { quoteWith, typicalRequests } from "@/lib/providers/pricing";
import { defaultOptions } from "@/lib/providers/resolve-options";
import type { GenerationType } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

type Params = Promise<{ provider: string; type: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none";
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

// GET /ops/prices/<provider>/<type>?rate.<name>=…&markup=…&preview=1 — one model's price list: a form for the
// next version with a preview of typical requests' credits under it, and the full history.
export default async function PriceListPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  await requireOperator();
  const { provider: providerId, type: rawType } = await params;
  const type = rawType as GenerationType;
  const provider = findProvider(providerId);
  const model = provider?.models[type];
  const book = await currentPriceBook();
  const current = book.at(providerId, type);
  if (!provider || !model || !current) notFound();
  const t = await getTranslations("opsPrices");
  const format = await getFormatter();
  const query = await searchParams;
  const previewing = one(query.preview) !== undefined;
  const proposed = {
    rates: Object.fromEntries(Object.entries(current.rates).map(([name, value]) => [name, previewing ? Number(one(query[`rate.${name}`]) ?? value) : value])),
    markup: previewing ? Number(one(query.markup) ?? current.markup) : current.markup,
  };
  const valid = Object.values(proposed.rates).every((v) => Number.isFinite(v) && v >= 0) && proposed.markup > 0;
  const requests = typicalRequests(model, defaultOptions(model));
  const error = one(query.error);
  const field = one(query.field) ?? "";
  const errorKey = field === "reason" || field === "markup" || field === "effectiveFrom" || field === "version" ? field : field.startsWith("rates.") ? "rate" : "other";
  const money = (cents: number) => t("cents", { amount: format.number(cents, { maximumFractionDigits: 4 }) });
  return (
    <div className="space-y-6">
      <div>
        <Link href="/ops/prices" className="text-sm text-indigo-700 hover:underline">
          {t("back")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
          {provider.name} <span className="font-mono text-base text-slate-500">{`${provider.id} · ${type}`}</span>
        </h1>
      </div>
      {one(query.notice) === "priceChanged" && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="ops-notice">
          {t("notices.priceChanged")}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="ops-error">
          {errorKey === "other" ? t("errors.other", { code: error }) : t(`errors.${errorKey}`)}
        </p>
      )}
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">{t("editTitle")}</h2>
        <p className="text-sm text-slate-600">{t("editIntro")}</p>
        <form method="get" action={`/ops/prices/${provider.id}/${type}`} className="space-y-4" data-testid="price-form">
          <input type="hidden" name="preview" value="1" />
          <input type="hidden" name="back" value={`/ops/prices/${provider.id}/${type}`} />
          <input type="hidden" name="providerId" value={provider.id} />
          <input type="hidden" name="type" value={type} />
          <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {Object.entries(proposed.rates).map(([name, value]) => (
              <label key={name} className="block text-xs font-medium text-slate-600">
                <span className="font-mono">{name}</span>
                <input className={input} name={`rate.${name}`} defaultValue={String(value)} inputMode="decimal" />
              </label>
            ))}
            <label className="block text-xs font-medium text-slate-600">
              {t("markup")}
              <input className={input} name="markup" defaultValue={String(proposed.markup)} inputMode="decimal" />
            </label>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block text-xs font-medium text-slate-600">
              {t("effectiveFromUtc")}
              <input className={input} type="datetime-local" name="effectiveFrom" defaultValue={one(query.effectiveFrom) ?? ""} />
              <span className="mt-1 block font-normal text-slate-500">{t("effectiveFromHint")}</span>
            </label>
            <label className="block text-xs font-medium text-slate-600">
              {t("reason")}
              <input className={input} name="reason" defaultValue={one(query.reason) ?? ""} placeholder={t("reasonPlaceholder")} />
            </label>
          </div>
          <div className="flex gap-2">
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50">
              {t("preview")}
            </button>
            <button
              type="submit"
              formMethod="post"
              formAction="/ops/api/prices"
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700"
            >
              {t("save")}
            </button>
          </div>
        </form>
        <h3 className="pt-2 text-sm font-semibold text-slate-900">{t("previewTitle")}</h3>
        <OpsTable testId="price-preview" head={[t("request"), t("currentCredits"), t("newCredits"), t("vendorCost"), t("newVendorCost")]}>
          {requests.map((r, i) => {
            const now = quoteWith(model, current, r.options, r.text);
            const next = valid ? quoteWith(model, { ...current, ...proposed }, r.options, r.text) : undefined;
            return (
              <tr key={i}>
                <Cell className="font-mono text-xs">{r.change ? `${r.change.option} = ${String(r.change.value)}` : t("defaults")}</Cell>
                <Cell numeric>{t("credits", { count: now.credits })}</Cell>
                <Cell numeric className={next && next.credits !== now.credits ? "font-semibold text-indigo-700" : ""}>
                  {next ? t("credits", { count: next.credits }) : "—"}
                  {next && next.credits < next.vendorCost && <BelowCost label={t("belowCost")} />}
                </Cell>
                <Cell numeric>{money(now.vendorCost)}</Cell>
                <Cell numeric>{next ? money(next.vendorCost) : "—"}</Cell>
              </tr>
            );
          })}
        </OpsTable>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-900">{t("historyTitle")}</h2>
        <OpsTable testId="price-history" head={[t("version"), t("effectiveFrom"), t("markup"), t("rates"), t("reason"), t("by")]}>
          {book.history(provider.id, type).map((v) => (
            <tr key={v.id}>
              <Cell numeric>
                {`v${v.version}`}
                {v.id === current.id && <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-semibold text-emerald-800">{t("now")}</span>}
              </Cell>
              <Cell>{format.dateTime(v.effectiveFrom, { dateStyle: "medium", timeStyle: "short" })}</Cell>
              <Cell numeric>{format.number(v.markup)}</Cell>
              <Cell className="max-w-md font-mono text-xs break-words">
                {Object.entries(v.rates)
                  .map(([k, n]) => `${k}=${n}`)
                  .join("  ")}
              </Cell>
              <Cell>{v.reason}</Cell>
              <Cell className="text-xs text-slate-500">{v.createdBy}</Cell>
            </tr>
          ))}
        </OpsTable>
      </section>
    </div>
  );
}
