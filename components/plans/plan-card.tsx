import { useTranslations } from "next-intl";
import type { Plan, PlanInfoFieldsFragment as PlanInfo } from "@/components/graphql/generated";
import { buttonClass } from "@/components/dashboard/ui/card";
import { useFormat } from "@/components/i18n/format";
import type { PlanAction, PlanText } from "./plan-actions";

interface Props {
  plan: PlanInfo;
  isCurrent: boolean;
  /** What choosing this plan does (plan-actions.ts). */
  action: PlanAction;
  /** This card asks "are you sure?" before a change that charges, credits or cancels. */
  confirming: boolean;
  /** The plan being changed to, if any (every button waits meanwhile). */
  busy: Plan | null;
  onChoose: (plan: Plan) => void;
  onConfirm: (plan: Plan) => void;
  onKeep: () => void;
}

/** One column of the plan table: its limits, and the one action that makes sense from the current plan. */
export function PlanCard({ plan, isCurrent, ...rest }: Props) {
  const t = useTranslations("plans.card");
  const format = useFormat();
  const { requestsPerMinute, parallel, daily } = plan.limits;
  return (
    <li
      data-testid={`plan-${plan.id}`}
      data-current={isCurrent || undefined}
      className={`relative flex flex-col rounded-xl border bg-white p-5 shadow-sm ${isCurrent ? "border-indigo-500 ring-2 ring-indigo-500/20" : "border-slate-200"}`}
    >
      {isCurrent ? <span className="absolute -top-2.5 left-5 rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white shadow-sm">{t("current")}</span> : null}
      <h2 className="text-lg font-semibold text-slate-900">{plan.name}</h2>
      <p className="mt-0.5 text-xs text-slate-500">{plan.custom ? t("custom") : t("selfServe")}</p>
      <dl className="mt-4 space-y-2.5">
        <Limit label={t("rpm")} value={format.limit(requestsPerMinute)} />
        <Limit label={t("parallel")} value={format.limit(parallel)} />
        <Limit label={t("daily")} value={format.limit(daily)} />
      </dl>
      <div className="mt-auto pt-6">
        <Action plan={plan} {...rest} />
      </div>
    </li>
  );
}

function Limit({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col border-b border-dashed border-slate-100 pb-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-base font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

function Action({ plan, action, confirming, busy, onChoose, onConfirm, onKeep }: Omit<Props, "isCurrent">) {
  const t = useTranslations("plans");
  const say = (text: PlanText) => t(`actions.${text.key}`, text.values);
  const note = (text: PlanText) => <p className="text-center text-xs text-slate-500">{say(text)}</p>;
  switch (action.kind) {
    case "current":
      return (
        <button type="button" disabled className={`${buttonClass.secondary} w-full`}>
          {t("card.yours")}
        </button>
      );
    case "note":
      return note(action.text);
    case "checkout":
      return (
        <div className="space-y-2">
          <button type="button" className={`${action.upgrade ? buttonClass.primary : buttonClass.secondary} w-full`} disabled={busy !== null} onClick={() => onChoose(plan.id)}>
            {busy === plan.id ? t("card.opening") : say(action.label)}
          </button>
          {note(action.hint)}
        </div>
      );
    case "confirm":
      if (!confirming) {
        return (
          <button type="button" className={`${action.upgrade ? buttonClass.primary : buttonClass.secondary} w-full`} disabled={busy !== null} onClick={() => onChoose(plan.id)}>
            {say(action.label)}
          </button>
        );
      }
      // Charging, crediting or cancelling happens on one click from here: say which, and offer the way back.
      return (
        <div role="group" aria-label={t("card.confirmGroup", { action: say(action.label) })} className="space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
          <p data-testid="plan-consequence" className="text-xs text-slate-700">
            {say(action.consequence)}
          </p>
          <button type="button" className={`${buttonClass.primary} w-full`} disabled={busy !== null} onClick={() => onConfirm(plan.id)}>
            {busy === plan.id ? say(action.busyLabel) : say(action.confirmLabel)}
          </button>
          <button type="button" className="w-full rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100" disabled={busy !== null} onClick={onKeep}>
            {t("card.keep")}
          </button>
        </div>
      );
  }
}
