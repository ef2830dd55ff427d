"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { Plan } from "@/components/graphql/generated";
import { isUpgrade, planName } from "./plan-actions";

export interface RequestedChange {
  to: Plan;
  from: Plan;
}

/**
 * After a change of an existing subscription (price swap or cancellation) the person lands back here with
 * ?change=<plan>&from=<plan>: what was asked of Stripe, what it costs, and — once the webhook has moved the plan —
 * that it is done. `current` is the plan the API applies now; `gaveUp` once the page has stopped asking.
 */
export function PlanChangeBanner({ change, current, gaveUp }: { change: RequestedChange; current: Plan | undefined; gaveUp: boolean }) {
  const t = useTranslations("plans.change");
  const router = useRouter();
  const { to, from } = change;
  const done = current === to;
  const names = { to: planName(to), from: planName(from) };
  const title = done ? t("done", names) : to === "FREE" ? t("cancelling") : isUpgrade(to, from) ? t("upgrading", names) : t("switching", names);
  const cost = to === "FREE" ? t("costFree") : isUpgrade(to, from) ? t("costUpgrade") : t("costSwitch", names);
  const status = done ? t("statusDone") : gaveUp ? t("statusGaveUp") : t("statusWaiting", names);
  return (
    <div
      role="status"
      data-testid="plan-change-banner"
      data-done={done || undefined}
      className={`mb-6 flex items-start justify-between gap-4 rounded-lg border px-4 py-3 text-sm ${
        done ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-indigo-200 bg-indigo-50 text-indigo-900"
      }`}
    >
      <div>
        <p className="font-semibold">{title}</p>
        <p className="mt-0.5">
          {cost} {status}
        </p>
      </div>
      <button type="button" onClick={() => router.replace("/dashboard/plans")} className="shrink-0 rounded-md px-2 py-1 font-medium hover:bg-black/5">
        {t("dismiss")}
      </button>
    </div>
  );
}
