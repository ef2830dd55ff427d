import { useTranslations } from "next-intl";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { LogoMark } from "./icons";

const NAV = [
  { href: "/#models", label: "models" },
  { href: "/#features", label: "features" },
  { href: "/#quick-start", label: "quickStart" },
  { href: "/#limits", label: "limits" },
  { href: "/#errors", label: "errors" },
  { href: "/docs", label: "docs" },
] as const;

/** Sticky top bar. Links are absolute ("/#…") so the header also works on the 404 page. */
export function SiteHeader() {
  const t = useTranslations("header");
  const common = useTranslations("common");
  return (
    <header className="sticky top-0 z-40 border-b border-white/10 bg-slate-950">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <a href="/" className="flex items-center gap-2.5 rounded-md text-white focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-400">
          <LogoMark className="size-8" />
          <span className="text-lg font-semibold tracking-tight">Doitong</span>
          <span className="sr-only">{common("home")}</span>
        </a>
        <nav aria-label={t("nav")} className="hidden md:block">
          <ul className="flex items-center gap-1 text-sm text-slate-300">
            {NAV.map((item) => (
              <li key={item.href}>
                <a href={item.href} className="rounded-md px-3 py-2 transition hover:bg-white/5 hover:text-white">
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-3">
          <LocaleSwitcher />
          <a
            href="/graphql"
            className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-900 shadow-sm transition hover:bg-indigo-50"
          >
            <span className="font-mono text-xs text-fuchsia-700" aria-hidden="true">
              {"{}"}
            </span>
            GraphiQL
          </a>
        </div>
      </div>
    </header>
  );
}
