import { LogoMark } from "./icons";

const COLUMNS = [
  {
    title: "Product",
    links: [
      { href: "/#models", label: "Models" },
      { href: "/#features", label: "Features" },
      { href: "/#limits", label: "Plans & limits" },
    ],
  },
  {
    title: "Developers",
    links: [
      { href: "/graphql", label: "GraphiQL playground" },
      { href: "/#quick-start", label: "Quick start" },
      { href: "/#errors", label: "Error codes" },
    ],
  },
] as const;

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-6xl grid-cols-2 gap-10 px-4 py-12 sm:px-6 md:grid-cols-[2fr_1fr_1fr]">
        <div className="col-span-2 max-w-sm md:col-span-1">
          <a href="/" className="inline-flex items-center gap-2.5 text-slate-900">
            <LogoMark className="size-7" />
            <span className="font-semibold tracking-tight">Doitong</span>
          </a>
          <p className="mt-3 text-sm leading-6 text-slate-600">
            One GraphQL API for AI video, images, avatars and speech. Credits, limits, idempotency and signed webhooks
            included.
          </p>
        </div>
        {COLUMNS.map((column) => (
          <nav key={column.title} aria-label={column.title}>
            <p className="text-sm font-semibold text-slate-900">{column.title}</p>
            <ul className="mt-3 space-y-2 text-sm">
              {column.links.map((link) => (
                <li key={link.href}>
                  <a href={link.href} className="text-slate-600 transition hover:text-indigo-700">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-slate-200">
        <p className="mx-auto max-w-6xl px-4 py-6 text-xs text-slate-500 sm:px-6">
          © {new Date().getFullYear()} Doitong. Model names and trademarks belong to their owners.
        </p>
      </div>
    </footer>
  );
}
