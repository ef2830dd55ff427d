import { DashboardProviders } from "@/components/dashboard/providers";
import { DashboardShell } from "@/components/dashboard/shell";
import { SuspendedBanner } from "@/components/dashboard/suspended-banner";
import { getWorkspaceSuspension } from "@/lib/accounts/get-workspace-suspension";
import { requireSignedIn } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

// Every page under /dashboard: signed-out visitors go to the sign-in page. Members of a suspended workspace still
// sign in and see its pages, with a banner saying why their API calls are refused (lib/auth/session.ts).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  const suspension = await getWorkspaceSuspension(user);
  return (
    <DashboardProviders>
      <DashboardShell email={user.email} role={user.role} notice={suspension ? <SuspendedBanner suspension={suspension} /> : null}>
        {children}
      </DashboardShell>
    </DashboardProviders>
  );
}
