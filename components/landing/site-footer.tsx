import { useTranslations } from "next-intl";
import { LogoMark } from "./icons";

const COLUMNS = [
  {
    title: "product",
    links: [
      { href: "/#models", label: "models" },
      { href: "/#features", label: "features" },
      { href: "/#limits", label: "plansLimits" },
    ],
  },
  {
    title: "developers",
    links: [
      { href: "/graphql", label: "graphiql" },
      { href: "/#quick-start", label: "quickStart" },
      { href: "/#errors", label: "errorCodes" },
    ],
  },
] as const;

export function SiteFooter() {
  const t = useTranslations("footer");
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-6xl grid-cols-2 gap-10 px-4 py-12 sm:px-6 md:grid-cols-[2fr_1fr_1fr]">
        <div className="col-span-2 max-w-sm md:col-span-1">
          <a href="/" className="inline-flex items-center gap-2.5 text-slate-900">
            <LogoMark className="size-7" />
            <span className="font-semibold tracking-tight">Doitong</span>
          </a>
          <p className="mt-3 text-sm leading-6 text-slate-600">{t("blurb")}</p>
        </div>
        {COLUMNS.map((column) => (
          <nav key={column.title} aria-label={t(column.title)}>
            <p className="text-sm font-semibold text-slate-900">{t(column.title)}</p>
            <ul className="mt-3 space-y-2 text-sm">
              {column.links.map((link) => (
                <li key={link.href}>
                  <a href={link.href} className="text-slate-600 transition hover:text-indigo-700">
                    {t(link.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-slate-200">
        <p className="mx-auto max-w-6xl px-4 py-6 text-xs text-slate-500 sm:px-6">{t("copyright", { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
