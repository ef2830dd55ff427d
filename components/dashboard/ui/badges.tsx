import { useTranslations } from "next-intl";
import type { GenerationStatus, KeyMode, Plan } from "@/components/graphql/generated";

const STATUS_STYLE: Record<GenerationStatus, string> = {
  QUEUED: "bg-slate-100 text-slate-700 ring-slate-300",
  PROCESSING: "bg-sky-50 text-sky-700 ring-sky-200",
  COMPLETED: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  FAILED: "bg-rose-50 text-rose-700 ring-rose-200",
  CANCELLED: "bg-amber-50 text-amber-800 ring-amber-200",
};

const pill = "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

export function StatusBadge({ status }: { status: GenerationStatus }) {
  const t = useTranslations("dashboard.status");
  const running = status === "QUEUED" || status === "PROCESSING";
  return (
    <span data-status={status} className={`${pill} ${STATUS_STYLE[status]}`}>
      {/* A pulsing dot marks work still in flight. */}
      <span aria-hidden="true" className={`size-1.5 rounded-full bg-current ${running ? "motion-safe:animate-pulse" : "opacity-70"}`} />
      {t(status)}
    </span>
  );
}

export function ModeBadge({ mode }: { mode: KeyMode }) {
  const t = useTranslations("dashboard.mode");
  return <span className={`${pill} ${mode === "LIVE" ? "bg-indigo-50 text-indigo-700 ring-indigo-200" : "bg-amber-50 text-amber-800 ring-amber-200"}`}>{t(mode)}</span>;
}

const PLAN_STYLE: Record<Plan, string> = {
  FREE: "bg-white/10 text-slate-200 ring-white/20",
  STARTER: "bg-sky-400/15 text-sky-200 ring-sky-300/30",
  PRO: "bg-indigo-400/20 text-indigo-100 ring-indigo-300/40",
  ENTERPRISE: "bg-fuchsia-400/20 text-fuchsia-100 ring-fuchsia-300/40",
};

/** The plan id as the API names it (FREE, PRO…), on the dark sidebar. */
export function PlanBadge({ plan }: { plan: Plan }) {
  return (
    <span data-testid="plan-badge" className={`${pill} font-semibold tracking-wide ${PLAN_STYLE[plan]}`}>
      {plan}
    </span>
  );
}

export function TypeLabel({ type }: { type: string }) {
  const t = useTranslations("dashboard.type");
  return <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] font-medium text-slate-600">{t.has(type) ? t(type) : type}</span>;
}
