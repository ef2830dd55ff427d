"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The console's sections; each page is app/ops/(console)/<section>/page.tsx. */
export const CONSOLE_SECTIONS = ["customers", "prices", "money", "providers", "system"] as const;

export function ConsoleNav() {
  const t = useTranslations("ops.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-1">
      {CONSOLE_SECTIONS.map((section) => {
        const href = `/ops/${section}`;
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={section}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium transition ${current ? "bg-white/15 text-white" : "text-slate-300 hover:bg-white/10 hover:text-white"}`}
          >
            {t(section)}
          </Link>
        );
      })}
    </nav>
  );
}
