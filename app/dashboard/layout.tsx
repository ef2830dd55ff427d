import { DashboardProviders } from "@/components/dashboard/providers";
import { DashboardShell } from "@/components/dashboard/shell";
import { requireSignedIn } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

// Every page under /dashboard: signed-out visitors go to the sign-in page.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  return (
    <DashboardProviders>
      <DashboardShell email={user.email} role={user.role}>
        {children}
      </DashboardShell>
    </DashboardProviders>
  );
}
