import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import type { GenerationDetailFragment as GenerationDetail } from "@/components/graphql/generated";
import { Card } from "../ui/card";

const ATTEMPT_TONE: Record<string, string> = {
  succeeded: "text-emerald-700",
  running: "text-sky-700",
  refused: "text-amber-700",
  failed: "text-rose-700",
  timed_out: "text-rose-700",
};

/** Why this provider: the router's ranking (or "named in the request") and every provider actually tried. */
export function GenerationRouting({ generation: g }: { generation: GenerationDetail }) {
  const t = useTranslations("dashboard.history");
  const format = useFormat();
  const routing = g.routing;
  if (!routing && g.attempts.length === 0) return null;
  const scored = routing?.candidates.filter((c) => c.score !== null) ?? [];
  const excluded = routing?.candidates.filter((c) => c.score === null) ?? [];
  return (
    <Card title={t("routing")} data-testid="generation-routing">
      {routing ? (
        <>
          <p className="text-sm text-slate-900">
            <span className="font-medium">{routing.chosen}</span>
            {routing.priority ? <span className="text-slate-500">{t("priority", { priority: routing.priority })}</span> : null}
          </p>
          <p className="mt-1 text-sm text-slate-600">{routing.reason}</p>
          {scored.length > 1 || excluded.length > 0 ? (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium text-indigo-600 select-none hover:text-indigo-500">
                {t("rankedExcluded", { ranked: scored.length, excluded: excluded.length })}
              </summary>
              <ul className="mt-2 space-y-1.5 text-xs">
                {[...scored, ...excluded].map((c) => (
                  <li key={c.provider} className="grid grid-cols-[7rem_3rem_1fr] gap-2">
                    <span className="truncate font-mono text-slate-800">{c.provider}</span>
                    <span className="text-right text-slate-500 tabular-nums">{c.score === null ? "—" : c.score.toFixed(2)}</span>
                    <span className="text-slate-600">{c.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
      {g.attempts.length > 0 ? (
        <>
          <h3 className="mt-4 text-xs font-medium tracking-wide text-slate-500 uppercase">{t("attempts")}</h3>
          <ol className="mt-1.5 space-y-1.5 text-sm" data-testid="generation-attempts">
            {g.attempts.map((a, i) => (
              <li key={`${a.provider}-${i}`} className="flex flex-wrap gap-x-2">
                <span className="font-mono text-slate-800">{a.provider}</span>
                <span className={`font-medium ${ATTEMPT_TONE[a.status] ?? "text-slate-700"}`}>{t.has(`attempt.${a.status}`) ? t(`attempt.${a.status}`) : a.status}</span>
                {a.errorCode ? <span className="font-mono text-xs text-slate-500">{a.errorCode}</span> : null}
                <span className="text-xs text-slate-500">
                  {format.dateTime(a.startedAt)}
                  {a.endedAt ? ` · ${format.elapsed(a.startedAt, a.endedAt)}` : ""}
                </span>
                {a.message ? <span className="w-full text-xs text-slate-600">{a.message}</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Card>
  );
}
