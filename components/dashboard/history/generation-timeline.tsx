import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import type { GenerationDetailFragment as GenerationDetail } from "@/components/graphql/generated";

interface Step {
  label: string;
  at: string | null;
  note?: string;
  tone: "done" | "current" | "pending" | "bad";
}

/** created → started → finished, with the time each step took. */
export function GenerationTimeline({ generation: g }: { generation: GenerationDetail }) {
  const t = useTranslations("dashboard.history");
  const format = useFormat();
  const finishedLabel = g.status === "FAILED" ? t("failed") : g.status === "CANCELLED" ? t("cancelled") : t("stepCompleted");
  const finishedAt = g.completedAt;
  const steps: Step[] = [
    { label: t("stepCreated"), at: g.createdAt, tone: "done", note: t("stepQueued") },
    {
      label: t("stepStarted"),
      at: g.startedAt,
      tone: g.startedAt ? "done" : g.status === "QUEUED" ? "current" : "pending",
      note: g.startedAt ? t("afterInQueue", { elapsed: format.elapsed(g.createdAt, g.startedAt) }) : g.status === "QUEUED" ? t("waitingSlot") : undefined,
    },
    {
      label: finishedLabel,
      at: finishedAt,
      tone: g.status === "COMPLETED" ? "done" : g.status === "FAILED" || g.status === "CANCELLED" ? "bad" : g.status === "PROCESSING" ? "current" : "pending",
      note:
        finishedAt && g.startedAt
          ? t("took", { elapsed: format.elapsed(g.startedAt, finishedAt) })
          : g.status === "PROCESSING"
            ? t("progressExpected", { progress: g.progress, seconds: g.estimatedTime })
            : undefined,
    },
  ];
  const dot = { done: "bg-emerald-500", current: "bg-sky-500 motion-safe:animate-pulse", pending: "bg-slate-300", bad: "bg-rose-500" };
  return (
    <ol className="relative space-y-5 border-l border-slate-200 pl-5" data-testid="timeline">
      {steps.map((s) => (
        <li key={s.label} className="relative">
          <span aria-hidden="true" className={`absolute top-1 -left-[25px] size-2.5 rounded-full ring-4 ring-white ${dot[s.tone]}`} />
          <p className="text-sm font-medium text-slate-900">{s.label}</p>
          <p className="text-xs text-slate-500">
            {s.at ? format.dateTime(s.at) : "—"}
            {s.note ? ` · ${s.note}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
