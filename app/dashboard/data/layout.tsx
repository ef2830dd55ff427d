import { PageGate } from "@/components/dashboard/page-gate";

// Who may open /dashboard/data: the permission table (lib/teams/permissions.ts), checked on the server. Everyone
// who can read the workspace sees its retention; saving it, the export and the deletion are checked per operation.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <PageGate page="data">{children}</PageGate>;
}
