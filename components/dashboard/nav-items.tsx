import type { ReactNode } from "react";
import type { DashboardPage } from "@/lib/teams/permissions";

export interface NavItem {
  href: string;
  /** Key under dashboard.nav in the catalogs. */
  label: string;
  /** A dashboard page's name in the permission table (lib/teams/permissions.ts); pages outside it (docs) are open to all. */
  page?: DashboardPage;
  icon: ReactNode;
}

// Stroke paths in a 24×24 box, drawn by NavIcon; no icon font is needed on an offline machine.
const path = (d: string) => <path d={d} />;

export const NAV: NavItem[] = [
  { href: "/dashboard", label: "overview", page: "overview", icon: path("M4 13h6V4H4zM14 20h6v-9h-6zM4 20h6v-3H4zM14 4v3h6V4z") },
  { href: "/dashboard/playground", label: "playground", page: "playground", icon: path("M7 4l12 8-12 8z") },
  { href: "/dashboard/history", label: "history", page: "history", icon: path("M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4") },
  { href: "/dashboard/keys", label: "keys", page: "keys", icon: path("M14.5 9.5a4 4 0 1 0-3.9 4L4 20v-3h3v-3h3l.6-.5M15.5 8.5h.01") },
  { href: "/dashboard/usage", label: "usage", page: "usage", icon: path("M4 20V10M10 20V4M16 20v-7M22 20H2") },
  { href: "/dashboard/billing", label: "billing", page: "billing", icon: path("M3 7h18v10H3zM3 11h18M7 15h3") },
  { href: "/dashboard/plans", label: "plans", page: "plans", icon: path("M12 3l8 4-8 4-8-4zM4 12l8 4 8-4M4 17l8 4 8-4") },
  { href: "/dashboard/catalog", label: "catalog", page: "catalog", icon: path("M4 5h7v7H4zM13 5h7v7h-7zM4 14h7v6H4zM13 14h7v6h-7z") },
  { href: "/dashboard/webhooks", label: "webhooks", page: "webhooks", icon: path("M9 17a4 4 0 1 1-1.5-6.8M15 7a4 4 0 1 1 1.5 6.8M12 7l-3 6h6l-3 6") },
  {
    href: "/dashboard/data",
    label: "data",
    page: "data",
    icon: path("M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"),
  },
  {
    href: "/dashboard/team",
    label: "team",
    page: "team",
    icon: path("M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7.5M22 21v-1a6 6 0 0 0-4-5.6"),
  },
  { href: "/dashboard/audit", label: "audit", page: "audit", icon: path("M9 4h6l1 2h3v15H5V6h3zM9 11h6M9 15h6") },
  { href: "/docs", label: "docs", icon: path("M5 4h10l4 4v12H5zM15 4v4h4M8 12h8M8 16h6") },
];

export function NavIcon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" className="size-[18px] shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

/** Overview is active only on itself; every other entry also owns its sub-pages (History → a detail page). */
export function isActive(href: string, pathname: string): boolean {
  return href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}
