import { getFormatter, getTranslations } from "next-intl/server";
import type { WorkspaceSuspension } from "@/lib/accounts/get-workspace-suspension";
import { SwitchAway } from "./switch-away";

/**
 * Above every dashboard page while the workspace is suspended: why its pages fail (every API call, the dashboard's
 * included, is refused with WORKSPACE_SUSPENDED), what still happens, whom to ask — and a way into the person's other
 * workspaces, since the sidebar's switcher is one of the refused calls.
 */
export async function SuspendedBanner({ suspension }: { suspension: WorkspaceSuspension }) {
  const t = await getTranslations("workspaceSuspension");
  const format = await getFormatter();
  return (
    <section role="alert" data-testid="workspace-suspended" className="mb-6 rounded-xl border border-rose-300 bg-rose-50 p-5 text-sm text-rose-950">
      <h2 className="text-base font-semibold">{t("title")}</h2>
      <p className="mt-2">{t("body", { since: format.dateTime(suspension.since, { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <p className="mt-2">{t("running")}</p>
      <p className="mt-2 font-medium">{t("contact")}</p>
      {suspension.elsewhere.length > 0 ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <span>{t("elsewhere")}</span>
          {suspension.elsewhere.map((w) => (
            <SwitchAway key={w.accountId} accountId={w.accountId} label={t("switchTo", { name: w.name })} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
