import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireSignedIn } from "@/lib/auth/current-user";
import { canOpenPage, type DashboardPage } from "@/lib/teams/permissions";

/**
 * Opens a dashboard page only for roles the permission table (lib/teams/permissions.ts) allows; others see why
 * not, with their role, instead of the page. Each page's segment layout wraps it in this, so the check runs on the
 * server whenever the page is entered. (The API refuses the same operations by the same table.)
 */
export async function PageGate({ page, children }: { page: DashboardPage; children: React.ReactNode }) {
  const user = await requireSignedIn(page === "overview" ? "/dashboard" : `/dashboard/${page}`);
  if (canOpenPage(user.role, page)) return children;
  const t = await getTranslations("team");
  return (
    <section data-testid="page-forbidden" className="rounded-xl border border-amber-200 bg-amber-50 p-6">
      <h1 className="text-lg font-semibold text-amber-900">{t("forbidden.title")}</h1>
      <p className="mt-2 text-sm text-amber-900">{t("forbidden.body", { role: t(`roles.${user.role}`) })}</p>
      <Link href="/dashboard" className="mt-4 inline-block text-sm font-semibold text-indigo-700 hover:underline">
        {t("forbidden.back")}
      </Link>
    </section>
  );
}
