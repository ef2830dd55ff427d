import { getTranslations } from "next-intl/server";
import { getFormat } from "@/components/i18n/format-server";
import { ActionForm, Badge, FormInput, Mono, Panel } from "@/components/ops/ui";
import { PLAN_IDS } from "@/lib/limits/plans";
import type { WorkspaceDossier } from "@/lib/ops/workspace-dossier";

/** The workspace's header, money and limits, and the actions on the workspace as a whole. */
export async function WorkspaceSummary({ dossier }: { dossier: WorkspaceDossier }) {
  const [t, f] = await Promise.all([getTranslations("ops.workspace"), getFormat()]);
  const { account } = dossier;
  const back = `/ops/customers/${account.id}`;
  const stats = [
    { label: t("balance"), value: f.credits(account.creditBalance), testId: "ops-balance" },
    { label: t("reserved"), value: f.credits(account.creditsReserved), testId: "ops-reserved" },
    { label: t("plan"), value: account.plan, testId: "ops-plan" },
    {
      label: t("limits"),
      value: t("limitsValue", { rpm: f.limit(account.limits.requestsPerMinute), parallel: f.limit(account.limits.parallel), daily: f.limit(account.limits.daily) }),
      testId: "ops-limits",
    },
  ];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight text-slate-900">
          {account.email}
          {account.suspendedAt ? (
            <Badge tone="red">
              <span data-testid="ops-suspended">{t("suspendedSince", { when: f.dateTime(account.suspendedAt) })}</span>
            </Badge>
          ) : null}
          {account.deletedAt ? <Badge>{t("deleted")}</Badge> : null}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          <Mono>{account.id}</Mono> · {t("created", { when: f.date(account.createdAt) })}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs font-medium text-slate-500">{s.label}</dt>
            <dd data-testid={s.testId} className="mt-1 text-lg font-semibold text-slate-900">
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel title={t("adjustTitle")} testId="ops-adjust">
          <ActionForm action="adjust-credits" back={back} hidden={{ accountId: account.id }} reasonLabel={t("reason")} submit={t("adjustSubmit")}>
            <FormInput label={t("amount")} name="amount" id="adjust-amount" type="number" step={1} required />
            <p className="text-xs text-slate-500">{t("amountHint")}</p>
          </ActionForm>
        </Panel>
        <Panel title={t("limitsTitle")} testId="ops-set-limits">
          <ActionForm action="set-limits" back={back} hidden={{ accountId: account.id }} reasonLabel={t("reason")} submit={t("limitsSubmit")}>
            <label htmlFor="limits-plan" className="block text-xs font-medium text-slate-700">
              {t("plan")}
              <select
                id="limits-plan"
                name="plan"
                defaultValue={account.plan}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm"
              >
                {PLAN_IDS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <div className="grid grid-cols-3 gap-2">
              <FormInput label={t("rpm")} name="rpm" id="limits-rpm" type="number" min={0} defaultValue={account.rpmLimit ?? ""} placeholder={t("planDefault")} />
              <FormInput
                label={t("parallel")}
                name="parallel"
                id="limits-parallel"
                type="number"
                min={0}
                defaultValue={account.parallelLimit ?? ""}
                placeholder={t("planDefault")}
              />
              <FormInput label={t("daily")} name="daily" id="limits-daily" type="number" min={0} defaultValue={account.dailyLimit ?? ""} placeholder={t("planDefault")} />
            </div>
            <p className="text-xs text-slate-500">{t("limitsHint")}</p>
          </ActionForm>
        </Panel>
        <Panel title={account.suspendedAt ? t("resumeTitle") : t("suspendTitle")} testId="ops-suspension">
          <p className="mb-2 text-xs text-slate-600">{account.suspendedAt ? t("resumeHint") : t("suspendHint")}</p>
          <ActionForm
            action={account.suspendedAt ? "resume" : "suspend"}
            back={back}
            hidden={{ accountId: account.id }}
            reasonLabel={t("reason")}
            submit={account.suspendedAt ? t("resumeSubmit") : t("suspendSubmit")}
            tone={account.suspendedAt ? "dark" : "danger"}
          />
        </Panel>
      </div>
    </div>
  );
}
