import Link from "next/link";

const NAV = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/playground", label: "Playground" },
  { href: "/dashboard/history", label: "History" },
  { href: "/dashboard/keys", label: "API keys" },
  { href: "/dashboard/billing", label: "Credits & billing" },
  { href: "/dashboard/plans", label: "Plans" },
  { href: "/dashboard/catalog", label: "Catalog" },
  { href: "/dashboard/webhooks", label: "Webhooks" },
];

/** Placeholder navigation frame; the dashboard work replaces it. */
export function DashboardShell({ email, children }: { email: string; children: React.ReactNode }) {
  return (
    <div className="min-h-screen md:flex">
      <nav className="border-b border-slate-200 p-4 md:w-56 md:border-r md:border-b-0">
        <p className="mb-4 text-sm text-slate-500">{email}</p>
        <ul className="space-y-1">
          {NAV.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="block rounded px-2 py-1 hover:bg-slate-100">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="flex-1 p-6">{children}</main>
    </div>
  );
}
