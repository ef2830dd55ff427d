import { getTranslations } from "next-intl/server";
import { getFormat } from "@/components/i18n/format-server";
import { ActionForm, Badge, Mono, OpsTable, Panel } from "@/components/ops/ui";
import type { WorkspaceDossier } from "@/lib/ops/workspace-dossier";

const STATUS_TONE = { COMPLETED: "green", FAILED: "red", CANCELLED: "grey", QUEUED: "amber", PROCESSING: "blue" } as const;

/** An attempt as lib/generations/attempt-provider.ts records it (JSON on the generation). */
type AttemptView = { provider: string; status: string; errorCode: string | null };
const isAttempt = (a: unknown): a is AttemptView => typeof a === "object" && a !== null && typeof (a as { provider?: unknown }).provider === "string";
function attemptsOf(raw: unknown): AttemptView[] {
  return Array.isArray(raw) ? raw.filter(isAttempt) : [];
}

/** The routing's priority (lib/routing/choose-provider.ts records it with the generation). */
function priorityOf(routing: unknown): string | undefined {
  const priority = typeof routing === "object" && routing !== null ? (routing as { priority?: unknown }).priority : undefined;
  return typeof priority === "string" ? priority : undefined;
}

export async function MembersAndKeys({ dossier }: { dossier: WorkspaceDossier }) {
  const [t, f] = await Promise.all([getTranslations("ops.workspace"), getFormat()]);
  const back = `/ops/customers/${dossier.account.id}`;
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
      <Panel title={t("members")}>
        <OpsTable
          empty={t("none")}
          head={[t("columns.email"), t("columns.role"), t("columns.since")]}
          rows={dossier.members.map((m) => [m.user.email, m.role, f.date(m.createdAt)])}
        />
      </Panel>
      <Panel title={t("keys")}>
        <OpsTable
          testId="ops-keys"
          empty={t("none")}
          head={[t("columns.key"), t("columns.mode"), t("columns.lastUsed"), t("columns.state")]}
          rows={dossier.keys.map((k) => [
            <div key="k">
              <div className="font-medium">{k.name}</div>
              <Mono>{k.prefix}…</Mono>
            </div>,
            k.mode,
            k.lastUsedAt ? f.dateTime(k.lastUsedAt) : t("never"),
            k.revokedAt ? (
              <Badge key="s">{t("revokedAt", { when: f.dateTime(k.revokedAt) })}</Badge>
            ) : (
              <details key="s">
                <summary className="cursor-pointer text-sm font-medium text-rose-700">{t("revokeKey")}</summary>
                <div className="mt-2 w-64">
                  <ActionForm
                    action="revoke-key"
                    back={back}
                    hidden={{ accountId: dossier.account.id, keyId: k.id }}
                    reasonLabel={t("reason")}
                    submit={t("revokeKey")}
                    tone="danger"
                  />
                </div>
              </details>
            ),
          ])}
        />
      </Panel>
    </div>
  );
}

export async function GenerationsTable({ dossier }: { dossier: WorkspaceDossier }) {
  const [t, f] = await Promise.all([getTranslations("ops.workspace"), getFormat()]);
  const back = `/ops/customers/${dossier.account.id}`;
  return (
    <Panel title={t("generations")}>
      <OpsTable
        testId="ops-generations"
        empty={t("none")}
        head={[t("columns.generation"), t("columns.status"), t("columns.cost"), t("columns.routing"), t("columns.steps"), ""]}
        rows={dossier.generations.map((g) => {
          const priority = priorityOf(g.routing);
          const refunded = g.ledger.some((e) => e.kind === "ADJUSTMENT");
          const refundable = g.status === "COMPLETED" && g.mode === "LIVE" && g.creditCost > 0 && g.ledger.some((e) => e.kind === "CHARGE");
          return [
            <div key="g" className="space-y-0.5">
              <Mono>{g.id}</Mono>
              <div className="text-xs text-slate-500">
                {g.type} · {f.dateTime(g.createdAt)} {g.mode === "TEST" ? <Badge>{t("test")}</Badge> : null}
              </div>
            </div>,
            <div key="s">
              <Badge tone={STATUS_TONE[g.status]}>{g.status}</Badge>
              {g.errorCode ? <div className="mt-1 text-xs text-rose-700">{g.errorCode}</div> : null}
            </div>,
            <div key="c">
              {f.credits(g.creditCost)}
              {refunded ? (
                <div>
                  <Badge tone="amber">{t("refunded")}</Badge>
                </div>
              ) : null}
            </div>,
            <div key="r" className="space-y-0.5 text-xs">
              <div>
                <span className="font-medium">{g.provider}</span>
                {priority ? ` · ${priority}` : ""}
              </div>
              {attemptsOf(g.attempts).map((a, i) => (
                <div key={i} className="text-slate-500">
                  {t("attempt", { provider: a.provider, status: a.status })}
                  {a.errorCode ? ` (${a.errorCode})` : ""}
                </div>
              ))}
            </div>,
            <div key="st" className="text-xs text-slate-500">
              {g.steps.map((s) => s.name).join(" → ") || "—"}
            </div>,
            refundable && !refunded ? (
              <details key="a">
                <summary className="cursor-pointer text-sm font-medium text-indigo-700">{t("refund")}</summary>
                <div className="mt-2 w-64">
                  <ActionForm action="refund" back={back} hidden={{ generationId: g.id }} reasonLabel={t("reason")} submit={t("refundSubmit", { credits: g.creditCost })} />
                </div>
              </details>
            ) : null,
          ];
        })}
      />
    </Panel>
  );
}

export async function LedgerDeliveriesAudit({ dossier }: { dossier: WorkspaceDossier }) {
  const [t, actions, f] = await Promise.all([getTranslations("ops.workspace"), getTranslations("audit.actions"), getFormat()]);
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Panel title={t("ledger")}>
        <OpsTable
          testId="ops-ledger"
          empty={t("none")}
          head={[t("columns.when"), t("columns.kind"), t("columns.amount"), t("columns.balanceAfter"), t("columns.note")]}
          rows={dossier.ledger.map((e) => [
            f.dateTime(e.createdAt),
            e.kind,
            <span key="a" className={e.amount < 0 ? "text-rose-700" : e.amount > 0 ? "text-emerald-700" : ""}>
              {e.amount > 0 ? `+${f.number(e.amount)}` : f.number(e.amount)}
            </span>,
            f.number(e.balanceAfter),
            <span key="n" className="text-xs text-slate-500">
              {e.note ?? ""}
            </span>,
          ])}
        />
      </Panel>
      <Panel title={t("audit")}>
        <OpsTable
          testId="ops-audit"
          empty={t("none")}
          head={[t("columns.when"), t("columns.action"), t("columns.actor"), t("columns.reason")]}
          rows={dossier.audit.map((e) => {
            const key = e.action.replaceAll(".", "_");
            return [f.dateTime(e.createdAt), actions.has(key) ? actions(key) : e.action, e.actorLabel, e.reason ?? ""];
          })}
        />
      </Panel>
      <Panel title={t("deliveries")}>
        <OpsTable
          empty={t("none")}
          head={[t("columns.when"), t("columns.event"), t("columns.url"), t("columns.state")]}
          rows={dossier.deliveries.map((d) => [
            f.dateTime(d.createdAt),
            d.eventType,
            <span key="u" className="text-xs break-all">
              {d.url}
            </span>,
            <div key="s" className="text-xs">
              <Badge tone={d.status === "SUCCEEDED" ? "green" : d.status === "PENDING" ? "amber" : "red"}>{d.status}</Badge>{" "}
              {t("deliveryAttempts", { count: d.attemptCount, status: d.lastStatus ?? "—" })}
            </div>,
          ])}
        />
      </Panel>
    </div>
  );
}
