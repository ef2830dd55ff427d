import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import { richTags } from "@/components/i18n/rich";
import { PLAN_IDS, PLANS } from "@/lib/limits/plans";
import { SectionHeading } from "./section-heading";

type LimitKey = "requestsPerMinute" | "parallel" | "daily";

const COLUMNS: LimitKey[] = ["requestsPerMinute", "parallel", "daily"];

/**
 * Enterprise limits are agreed per account, so a custom plan shows "Custom" for any finite default rather than a
 * number someone would read as a promise; null (no limit at all) stays "Unlimited".
 */
function cell(plan: (typeof PLANS)[keyof typeof PLANS], key: LimitKey, custom: string, limit: (v: number | null) => string): string {
  const value = plan.limits[key];
  return plan.custom && value !== null ? custom : limit(value);
}

export function PlanLimits() {
  const t = useTranslations("landing.limits");
  const format = useFormat();
  return (
    <section id="limits" aria-labelledby="limits-title" className="scroll-mt-16">
      <SectionHeading id="limits-title" eyebrow={t("eyebrow")} title={t("title")}>
        <p>{t.rich("lead", richTags("font-mono text-[0.9em] whitespace-nowrap text-slate-800"))}</p>
      </SectionHeading>
      <div className="mt-8 overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="plan-table">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-50 text-xs font-semibold text-slate-600 sm:tracking-wide sm:uppercase">
            <tr>
              <th scope="col" className="px-3 py-3 sm:px-6">
                {t("plan")}
              </th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="px-2 py-3 text-right sm:px-6">
                  {t(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {PLAN_IDS.map((id) => {
              const plan = PLANS[id];
              return (
                <tr key={id} data-plan={id}>
                  <th scope="row" className="px-3 py-4 font-semibold text-slate-900 sm:px-6">
                    {plan.name}
                  </th>
                  {COLUMNS.map((c) => (
                    <td key={c} className="px-2 py-4 text-right text-slate-700 tabular-nums sm:px-6">
                      {cell(plan, c, t("custom"), format.limit)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
