"use client";

import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { useQuery } from "urql";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { WorkspaceSwitcher } from "@/components/team/workspace-switcher";
import { PlanBadge } from "./ui/badges";
import { SidebarPlanDocument } from "@/components/graphql/generated";

/**
 * next-auth builds its own redirect from NEXTAUTH_URL (http://localhost:3000 when unset), which is wrong for a
 * self-hosted server on any other origin; clear the session without its redirect and go home on this origin.
 */
async function signOutHome() {
  await signOut({ redirect: false });
  window.location.assign("/");
}

/** Who is signed in, on which plan, and the way out. */
export function AccountMenu({ email }: { email: string }) {
  const t = useTranslations("dashboard.nav");
  const [{ data }] = useQuery({ query: SidebarPlanDocument });
  return (
    <div className="border-t border-white/10 p-4">
      <WorkspaceSwitcher />
      <div className="flex items-center gap-3">
        <span
          aria-hidden="true"
          className="grid size-9 shrink-0 place-items-center rounded-full bg-linear-to-br from-indigo-400 to-fuchsia-600 text-sm font-semibold text-white uppercase"
        >
          {email.charAt(0)}
        </span>
        <div className="min-w-0 flex-1">
          <p data-testid="account-email" className="truncate text-sm font-medium text-white" title={email}>
            {email}
          </p>
          <div className="mt-1 h-5">{data ? <PlanBadge plan={data.me.plan} /> : null}</div>
        </div>
      </div>
      <div className="mt-4">
        <LocaleSwitcher />
      </div>
      <button
        type="button"
        onClick={() => void signOutHome()}
        className="mt-3 w-full rounded-lg border border-white/15 px-3 py-2 text-sm font-medium text-slate-300 transition hover:bg-white/10 hover:text-white"
      >
        {t("signOut")}
      </button>
    </div>
  );
}
