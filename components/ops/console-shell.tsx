import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { LogoMark } from "@/components/landing/icons";
import { ConsoleNav } from "./console-nav";

/** The signed-in console: a dark bar with the sections, who is signed in and sign-out; the page below on grey. */
export async function ConsoleShell({ email, children }: { email: string; children: ReactNode }) {
  const t = await getTranslations("ops.shell");
  return (
    <div className="min-h-screen bg-slate-100">
      <header className="bg-slate-950 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
          <a href="/ops/customers" className="flex items-center gap-2">
            <LogoMark className="size-6" />
            <span className="font-semibold tracking-tight">Doitong</span>
            <span className="rounded bg-amber-400/20 px-1.5 py-0.5 font-mono text-xs font-semibold text-amber-300">{t("badge")}</span>
          </a>
          <ConsoleNav />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-400" data-testid="ops-operator">
              {email}
            </span>
            <LocaleSwitcher tone="dark" />
            <form method="post" action="/ops/api/signout">
              <button type="submit" className="rounded-md border border-white/20 px-2.5 py-1 text-slate-200 hover:bg-white/10">
                {t("signOut")}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
