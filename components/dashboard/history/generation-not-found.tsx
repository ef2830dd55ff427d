import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonClass } from "../ui/card";

/** Another account's id and a mistyped id look the same on purpose: neither reveals that the other exists. */
export function GenerationNotFound({ id }: { id: string }) {
  const t = useTranslations("dashboard.history");
  return (
    <div data-testid="generation-not-found" className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase">{t("notFoundEyebrow")}</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t.rich("notFoundBody", { id, mono: (chunks) => <span className="font-mono break-all">{chunks}</span> })}</p>
      <Link href="/dashboard/history" className={`mt-6 ${buttonClass.primary}`}>
        {t("goToHistory")}
      </Link>
    </div>
  );
}
