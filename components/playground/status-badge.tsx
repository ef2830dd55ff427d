import { useTranslations } from "next-intl";
import type { GenerationStatus } from "@/components/graphql/generated";

const STYLES: Record<GenerationStatus, string> = {
  QUEUED: "bg-slate-100 text-slate-700 ring-slate-500/20",
  PROCESSING: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  COMPLETED: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  FAILED: "bg-rose-50 text-rose-800 ring-rose-600/20",
  CANCELLED: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

export function StatusBadge({ status }: { status: GenerationStatus }) {
  const t = useTranslations("dashboard.status");
  return (
    <span data-status={status} className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      {status === "PROCESSING" || status === "QUEUED" ? <span className="size-1.5 motion-safe:animate-pulse rounded-full bg-current" aria-hidden="true" /> : null}
      {t(status)}
    </span>
  );
}
