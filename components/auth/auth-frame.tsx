import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { LogoMark } from "@/components/landing/icons";
import { STARTER_CREDITS } from "@/lib/auth/create-user-account";

/**
 * Sign-in and sign-up share this frame: the landing page's dark gradient panel with the product promise on wide
 * screens, the form on white. On phones the panel collapses to the logo.
 */
export function AuthFrame({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  const t = useTranslations("auth");
  const points = [t("points.models"), t("points.endpoint"), t("points.credits", { credits: STARTER_CREDITS })];
  return (
    <div className="grid min-h-screen lg:grid-cols-[1fr_1.1fr]">
      <aside className="relative isolate hidden overflow-hidden bg-slate-950 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div
          aria-hidden="true"
          className="absolute inset-0 -z-10 bg-[radial-gradient(40rem_25rem_at_0%_0%,rgba(99,102,241,0.4),transparent),radial-gradient(30rem_25rem_at_100%_100%,rgba(192,38,211,0.3),transparent)]"
        />
        <Link href="/" className="flex items-center gap-2.5">
          <LogoMark className="size-8" />
          <span className="text-lg font-semibold tracking-tight">Doitong</span>
        </Link>
        <div>
          <p className="text-3xl font-bold tracking-tight text-balance">{t("promise")}</p>
          <ul className="mt-8 space-y-3 text-slate-300">
            {points.map((p) => (
              <li key={p} className="flex items-center gap-3">
                <span aria-hidden="true" className="grid size-5 place-items-center rounded-full bg-emerald-400/15 text-emerald-300">
                  <svg viewBox="0 0 24 24" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={3} strokeLinecap="round" strokeLinejoin="round">
                    <path d="M5 12l5 5 9-10" />
                  </svg>
                </span>
                {p}
              </li>
            ))}
          </ul>
        </div>
        <p className="text-sm text-slate-500">{t("sameAccount")}</p>
      </aside>
      <main className="relative flex flex-col items-center justify-center bg-white px-4 py-12 sm:px-6">
        <div className="absolute top-4 right-4">
          <LocaleSwitcher tone="light" />
        </div>
        <div className="w-full max-w-sm">
          <Link href="/" className="mb-10 flex items-center gap-2.5 text-slate-900 lg:hidden">
            <LogoMark className="size-8" />
            <span className="text-lg font-semibold tracking-tight">Doitong</span>
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          <p className="mt-2 text-sm text-slate-600">{subtitle}</p>
          <div className="mt-8">{children}</div>
          <p className="mt-8 text-center text-sm text-slate-600">{footer}</p>
        </div>
      </main>
    </div>
  );
}
