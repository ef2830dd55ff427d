import { useTranslations } from "next-intl";
import { richTags } from "@/components/i18n/rich";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { SectionHeading } from "./section-heading";

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

// 4xx are the caller's to fix, 5xx are ours or the vendor's: colour the status so the difference reads at a glance.
const statusTone = (status: number) => (status >= 500 ? "bg-rose-50 text-rose-800 ring-rose-600/20" : "bg-amber-50 text-amber-900 ring-amber-600/20");

/** Backticked words in the table text are identifiers (headers, fields): show them as code. */
function withCode(text: string) {
  return text.split(/(`[^`]+`)/).map((part, i) =>
    part.startsWith("`") ? (
      <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
}

/**
 * The error table straight from lib/errors. Below `sm` each row becomes a stacked card: four columns of prose do
 * not fit a phone, and horizontal scrolling hides the part people came for (what to do).
 */
export function ErrorCodes() {
  const t = useTranslations("landing.errors");
  const table = useTranslations("errorTable");
  return (
    <section id="errors" aria-labelledby="errors-title" className="scroll-mt-16">
      <SectionHeading id="errors-title" eyebrow={t("eyebrow")} title={t("title")}>
        <p>{t.rich("lead", richTags("font-mono text-[0.9em] text-slate-800"))}</p>
      </SectionHeading>
      <div className="mt-8 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="error-table">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="hidden bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase sm:table-header-group">
            <tr>
              <th scope="col" className="px-6 py-3">
                {t("code")}
              </th>
              <th scope="col" className="px-3 py-3">
                {t("http")}
              </th>
              <th scope="col" className="px-3 py-3">
                {t("description")}
              </th>
              <th scope="col" className="px-6 py-3">
                {t("action")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {CODES.map((code) => {
              const e = ERROR_CODES[code];
              return (
                <tr key={code} data-code={code} className="block px-4 py-4 sm:table-row sm:p-0">
                  <th scope="row" className="inline align-top font-mono text-[13px] font-semibold text-slate-900 sm:table-cell sm:px-6 sm:py-4">
                    {code}
                  </th>
                  <td className="ml-2 inline align-top sm:ml-0 sm:table-cell sm:px-3 sm:py-4">
                    <span className={`inline-flex rounded-md px-1.5 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${statusTone(e.status)}`}>{e.status}</span>
                  </td>
                  <td className="mt-1 block align-top text-slate-700 sm:table-cell sm:px-3 sm:py-4">{table(`${code}.description`)}</td>
                  <td className="mt-1 block align-top text-slate-500 sm:table-cell sm:px-6 sm:py-4">
                    <span className="sr-only sm:hidden">{t("actionPrefix")}</span>
                    {withCode(table(`${code}.action`))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
