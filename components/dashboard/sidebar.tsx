"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { LogoMark } from "@/components/landing/icons";
import type { Role } from "@/lib/generated/prisma/client";
import { canOpenPage } from "@/lib/teams/permissions";
import { AccountMenu } from "./account-menu";
import { isActive, NAV, NavIcon } from "./nav-items";

/**
 * The dashboard's navigation: a fixed dark column from md up; below that a top bar whose menu button opens the
 * same column as a drawer (closed again by any link, the backdrop or the button).
 */
export function Sidebar({ email, role }: { email: string; role: Role }) {
  const t = useTranslations("dashboard.nav");
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  return (
    <>
      <div className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-white/10 bg-slate-950 px-4 md:hidden">
        <Brand />
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls="dashboard-nav"
          className="rounded-md p-2 text-slate-300 hover:bg-white/10 hover:text-white"
        >
          <span className="sr-only">{open ? t("closeMenu") : t("openMenu")}</span>
          <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
            {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
        </button>
      </div>
      {open ? <div aria-hidden="true" onClick={() => setOpen(false)} className="fixed inset-0 z-30 bg-slate-950/50 md:hidden" /> : null}
      <aside
        id="dashboard-nav"
        className={`fixed inset-y-0 left-0 z-40 w-64 shrink-0 bg-slate-950 text-slate-300 transition-transform motion-reduce:transition-none md:static md:translate-x-0 ${open ? "visible translate-x-0" : "invisible -translate-x-full md:visible"}`}
      >
        {/* The dark column stretches with the page; its contents stay in view while the page scrolls. */}
        <div className="flex h-full flex-col md:sticky md:top-0 md:h-screen">
          <div className="flex h-16 shrink-0 items-center px-5">
            <Brand />
          </div>
          <nav aria-label={t("label")} className="flex-1 overflow-y-auto px-3 py-2">
            <ul className="space-y-0.5">
              {NAV.filter((item) => !item.page || canOpenPage(role, item.page)).map((item) => {
                const active = isActive(item.href, pathname);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      onClick={() => setOpen(false)}
                      aria-current={active ? "page" : undefined}
                      className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition ${
                        active ? "bg-white/10 text-white" : "text-slate-400 hover:bg-white/5 hover:text-white"
                      }`}
                    >
                      <span className={active ? "text-indigo-300" : ""}>
                        <NavIcon>{item.icon}</NavIcon>
                      </span>
                      {t(item.label)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <AccountMenu email={email} />
        </div>
      </aside>
    </>
  );
}

function Brand() {
  const t = useTranslations("dashboard.nav");
  return (
    <Link href="/" className="flex items-center gap-2.5 text-white">
      <LogoMark className="size-7" />
      <span className="text-base font-semibold tracking-tight">Doitong</span>
      <span className="rounded bg-white/10 px-1.5 py-0.5 text-[10px] font-semibold tracking-wider text-indigo-200 uppercase">{t("studio")}</span>
    </Link>
  );
}
