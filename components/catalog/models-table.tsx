import { useTranslations } from "next-intl";
import type { CatalogProviderFragment } from "@/components/graphql/generated";

type ProviderModel = CatalogProviderFragment["models"][number];

const STATUS_TONE = {
  GA: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  PREVIEW: "bg-sky-50 text-sky-700 ring-sky-600/20",
  DEPRECATED: "bg-amber-50 text-amber-800 ring-amber-600/20",
  RETIRED: "bg-slate-100 text-slate-500 ring-slate-400/20",
} as const;

/**
 * The vendor models behind a provider, as `providers { models }` lists them: our id (the `model` option value), the
 * vendor's id, where each stands, when it stops and what replaces it. Retired ones stay listed so a client that
 * still sends one can see why it is refused.
 */
export function ModelsTable({ models }: { models: ProviderModel[] }) {
  const t = useTranslations("catalog");
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("colModel")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colVendorId")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colStatus")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colEnds")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colSuccessor")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {models.map((m) => (
            <tr key={m.id} data-model={m.id} data-status={m.status} className={m.status === "RETIRED" ? "text-slate-400" : "text-slate-600"}>
              <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                <code className={`font-mono text-[0.8rem] ${m.status === "RETIRED" ? "text-slate-400 line-through" : "text-slate-900"}`}>{m.id}</code>
              </th>
              <td className="px-3 py-2 whitespace-nowrap">
                <code className="font-mono text-[0.8rem]">{m.vendorModelId}</code>
              </td>
              <td className="px-3 py-2">
                <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TONE[m.status]}`}>{t(`modelStatus.${m.status}`)}</span>
              </td>
              <td className="px-3 py-2 text-[0.8rem] whitespace-nowrap tabular-nums">{m.sunsetAt ?? <span className="text-slate-400">—</span>}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {m.successor ? <code className="font-mono text-[0.8rem]">{m.successor}</code> : <span className="text-slate-400">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
