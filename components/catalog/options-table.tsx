import { useTranslations } from "next-intl";
import type { ProviderOptionFieldsFragment as ProviderOption } from "@/components/graphql/generated";
import { rangeText, valueText } from "@/components/playground/option-values";

/** The provider's option list exactly as `generate` validates it. */
export function OptionsTable({ options }: { options: ProviderOption[] }) {
  const t = useTranslations("catalog");
  const typeName = useTranslations("playground.optionType");
  if (options.length === 0) return <p className="text-sm text-slate-500">{t("noOptions")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("colOption")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colType")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colAllowed")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colDefault")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("colDescription")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {options.map((o) => (
            <tr key={o.name} data-option={o.name} className="align-top">
              <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                <code className="font-mono text-[0.8rem] text-slate-900">{o.name}</code>
                {o.required ? <span className="ml-1.5 rounded bg-rose-50 px-1.5 py-0.5 text-[0.7rem] font-medium text-rose-700">{t("required")}</span> : null}
              </th>
              <td className="px-3 py-2 text-slate-600">{typeName(o.type)}</td>
              <td className="max-w-[16rem] px-3 py-2 text-slate-600">{rangeText(o) ?? <span className="text-slate-400">{t("any")}</span>}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                {o.default === null ? (
                  <span className="text-slate-400">{o.name === "seed" ? t("random") : "—"}</span>
                ) : (
                  <code className="font-mono text-[0.8rem]">{valueText(o.default)}</code>
                )}
              </td>
              <td className="min-w-[12rem] px-3 py-2 text-slate-600">{o.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
