import type { GenerationDetail } from "../types";
import { formatDateTime, formatElapsed } from "../format";

interface Step {
  label: string;
  at: string | null;
  note?: string;
  tone: "done" | "current" | "pending" | "bad";
}

/** created → started → finished, with the time each step took. */
export function GenerationTimeline({ generation: g }: { generation: GenerationDetail }) {
  const finishedLabel = g.status === "FAILED" ? "Failed" : g.status === "CANCELLED" ? "Cancelled" : "Completed";
  const finishedAt = g.completedAt;
  const steps: Step[] = [
    { label: "Created", at: g.createdAt, tone: "done", note: "Queued" },
    {
      label: "Started",
      at: g.startedAt,
      tone: g.startedAt ? "done" : g.status === "QUEUED" ? "current" : "pending",
      note: g.startedAt ? `after ${formatElapsed(g.createdAt, g.startedAt)} in the queue` : g.status === "QUEUED" ? "Waiting for a slot" : undefined,
    },
    {
      label: finishedLabel,
      at: finishedAt,
      tone: g.status === "COMPLETED" ? "done" : g.status === "FAILED" || g.status === "CANCELLED" ? "bad" : g.status === "PROCESSING" ? "current" : "pending",
      note: finishedAt && g.startedAt ? `took ${formatElapsed(g.startedAt, finishedAt)}` : g.status === "PROCESSING" ? `${g.progress}% · expected ~${g.estimatedTime} s` : undefined,
    },
  ];
  const dot = { done: "bg-emerald-500", current: "bg-sky-500 animate-pulse", pending: "bg-slate-300", bad: "bg-rose-500" };
  return (
    <ol className="relative space-y-5 border-l border-slate-200 pl-5" data-testid="timeline">
      {steps.map((s) => (
        <li key={s.label} className="relative">
          <span aria-hidden="true" className={`absolute top-1 -left-[25px] size-2.5 rounded-full ring-4 ring-white ${dot[s.tone]}`} />
          <p className="text-sm font-medium text-slate-900">{s.label}</p>
          <p className="text-xs text-slate-500">
            {s.at ? formatDateTime(s.at) : "—"}
            {s.note ? ` · ${s.note}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
