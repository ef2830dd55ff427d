import { getFormatter, getTranslations } from "next-intl/server";
import { requireOperator } from "@/lib/ops/operators";
import { systemStatus } from "@/lib/ops/system-status";

export const dynamic = "force-dynamic";

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
const th = "px-2 py-1.5 text-left text-xs font-medium text-slate-500";
const td = "px-2 py-1.5 align-top";
const Ok = ({ ok, children }: { ok: boolean; children: React.ReactNode }) => (
  <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${ok ? "bg-emerald-100 text-emerald-800" : "bg-rose-100 text-rose-800"}`}>{children}</span>
);

// GET /ops/system — dependencies, queues, webhook backlog and failing endpoints, this instance's recent errors.
export default async function SystemPage() {
  await requireOperator();
  const [t, format, status] = await Promise.all([getTranslations("opsSystem"), getFormatter(), systemStatus()]);
  const { readiness } = status;
  const { database, redis, workers } = readiness.checks;
  const seconds = (s: number) => t("seconds", { n: format.number(s, { maximumFractionDigits: 0 }) });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <Ok ok={readiness.status === "ready"}>{t(`status.${readiness.status}`)}</Ok>
        <span className="text-sm text-slate-500">{t("instance", { host: status.instance.host, pid: status.instance.pid })}</span>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className={card} data-testid="dependencies">
          <h2 className="mb-2 font-semibold text-slate-900">{t("dependencies")}</h2>
          <table className="w-full text-sm">
            <tbody>
              <tr>
                <td className={td}>{t("database")}</td>
                <td className={td}>
                  <Ok ok={database.ok}>{database.ok ? t("up", { ms: database.ms }) : t(`down.${database.error}`)}</Ok>
                </td>
              </tr>
              <tr>
                <td className={td}>{t("redis")}</td>
                <td className={td}>{redis === "not configured" ? t("notConfigured") : <Ok ok={redis.ok}>{redis.ok ? t("up", { ms: redis.ms }) : t(`down.${redis.error}`)}</Ok>}</td>
              </tr>
              {workers.map((w) => (
                <tr key={w.name}>
                  <td className={td}>{t(`workers.${w.name}`)}</td>
                  <td className={td}>
                    <Ok ok={w.ok}>{w.ok ? t("running") : t("stuck")}</Ok> {w.problem ? <span className="text-xs text-slate-500">{w.problem}</span> : null}
                  </td>
                </tr>
              ))}
              {status.services.map((s) => (
                <tr key={s.name}>
                  <td className={td}>{t(`services.${s.name}`)}</td>
                  <td className={td}>{s.configured ? t(`configured.${s.name}`) : t(`fallback.${s.name}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className={card} data-testid="queues">
          <h2 className="mb-2 font-semibold text-slate-900">{t("queues")}</h2>
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>{t("runner")}</th>
                <th className={th}>{t("depth")}</th>
                <th className={th}>{t("oldest")}</th>
                <th className={th}>{t("inProgress")}</th>
              </tr>
            </thead>
            <tbody>
              {status.queues.map((q) => (
                <tr key={q.runner} data-testid={`queue-${q.runner}`}>
                  <td className={td}>
                    {t(`runners.${q.runner}`)} <span className="font-mono text-xs text-slate-500">{q.engine}</span>
                  </td>
                  <td className={`${td} font-medium`}>{format.number(q.depth)}</td>
                  <td className={td}>{q.depth ? seconds(q.oldestSeconds) : "—"}</td>
                  <td className={td}>{format.number(q.inProgress)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className={card} data-testid="failing-endpoints">
        <h2 className="mb-2 font-semibold text-slate-900">{t("failingEndpoints")}</h2>
        {status.failingEndpoints.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noFailingEndpoints")}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>{t("url")}</th>
                <th className={th}>{t("workspace")}</th>
                <th className={th}>{t("failing")}</th>
                <th className={th}>{t("lastStatus")}</th>
                <th className={th}>{t("lastAt")}</th>
              </tr>
            </thead>
            <tbody>
              {status.failingEndpoints.map((f) => (
                <tr key={`${f.url}|${f.accountId}`}>
                  <td className={`${td} font-mono text-xs break-all`}>
                    {f.url} {f.disabledReason !== null ? <Ok ok={false}>{t("disabled")}</Ok> : null}
                  </td>
                  <td className={`${td} font-mono text-xs`}>
                    <a className="text-indigo-700 hover:underline" href={`/ops/customers?q=${encodeURIComponent(f.accountId)}`}>
                      {f.accountId}
                    </a>
                  </td>
                  <td className={td}>{format.number(f.failing)}</td>
                  <td className={td}>{f.lastStatus ?? t("noResponse")}</td>
                  <td className={td}>{format.dateTime(f.lastAt, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className={card} data-testid="recent-errors">
        <h2 className="font-semibold text-slate-900">{t("recentErrors")}</h2>
        <p className="mb-2 text-xs text-slate-500">{t("recentErrorsNote", { host: status.instance.host, pid: status.instance.pid })}</p>
        {status.recentErrors.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noErrors")}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>{t("time")}</th>
                <th className={th}>{t("requestId")}</th>
                <th className={th}>{t("component")}</th>
                <th className={th}>{t("message")}</th>
              </tr>
            </thead>
            <tbody>
              {status.recentErrors.map((e, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className={`${td} whitespace-nowrap`}>{format.dateTime(e.at, { hour: "numeric", minute: "2-digit", second: "2-digit" })}</td>
                  <td className={`${td} font-mono text-xs`}>{e.requestId ?? "—"}</td>
                  <td className={`${td} font-mono text-xs`}>{e.component ?? "—"}</td>
                  <td className={td}>
                    {e.message}
                    {e.error ? <span className="block font-mono text-xs text-slate-500">{e.error}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
