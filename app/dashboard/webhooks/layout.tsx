import { PageGate } from "@/components/dashboard/page-gate";

// Who may open /dashboard/webhooks: the permission table (lib/teams/permissions.ts), checked on the server.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <PageGate page="webhooks">{children}</PageGate>;
}
