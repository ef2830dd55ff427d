import type { Plan } from "@/components/dashboard/types";
import { formatLimit } from "@/components/dashboard/format";
import { buttonClass } from "@/components/dashboard/ui/card";
import type { PlanInfo } from "./plans-view";

const ORDER: Plan[] = ["FREE", "STARTER", "PRO", "ENTERPRISE"];

interface Props {
  plan: PlanInfo;
  current: Plan;
  /** A subscription Checkout can be opened for this plan on this server. */
  purchasable: boolean;
  /** The plan whose checkout is opening, if any (every button waits meanwhile). */
  busy: Plan | null;
  onChoose: (plan: Plan) => void;
}

/** One column of the plan table: its limits, and the one action that makes sense from the current plan. */
export function PlanCard({ plan, current, purchasable, busy, onChoose }: Props) {
  const isCurrent = plan.id === current;
  const { requestsPerMinute, parallel, daily } = plan.limits;
  return (
    <li
      data-testid={`plan-${plan.id}`}
      data-current={isCurrent || undefined}
      className={`relative flex flex-col rounded-xl border bg-white p-5 shadow-sm ${isCurrent ? "border-indigo-500 ring-2 ring-indigo-500/20" : "border-slate-200"}`}
    >
      {isCurrent ? (
        <span className="absolute -top-2.5 left-5 rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white shadow-sm">Current plan</span>
      ) : null}
      <h2 className="text-lg font-semibold text-slate-900">{plan.name}</h2>
      <p className="mt-0.5 text-xs text-slate-500">{plan.custom ? "Custom limits, per account" : "Self-serve limits"}</p>
      <dl className="mt-4 space-y-2.5">
        <Limit label="API requests per minute" value={formatLimit(requestsPerMinute)} />
        <Limit label="Generations running at once" value={formatLimit(parallel)} />
        <Limit label="Generations per day (UTC)" value={formatLimit(daily)} />
      </dl>
      <div className="mt-auto pt-6">
        <Action plan={plan} isCurrent={isCurrent} current={current} purchasable={purchasable} busy={busy} onChoose={onChoose} />
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

function Action({ plan, isCurrent, current, purchasable, busy, onChoose }: Omit<Props, "current"> & { isCurrent: boolean; current: Plan }) {
  const note = (text: string) => <p className="text-center text-xs text-slate-500">{text}</p>;
  if (isCurrent) {
    return (
      <button type="button" disabled className={`${buttonClass.secondary} w-full`}>
        Your plan
      </button>
    );
  }
  if (plan.id === "ENTERPRISE") return note("Contact sales to move to Enterprise.");
  if (plan.id === "FREE") return note("To return to Free, cancel your subscription; your limits change when it ends.");
  if (!purchasable) return note("Not available to buy on this server.");
  const upgrade = ORDER.indexOf(plan.id) > ORDER.indexOf(current);
  return (
    <button type="button" className={`${upgrade ? buttonClass.primary : buttonClass.secondary} w-full`} disabled={busy !== null} onClick={() => onChoose(plan.id)}>
      {busy === plan.id ? "Opening checkout…" : `${upgrade ? "Upgrade" : "Switch"} to ${plan.name}`}
    </button>
  );
}
