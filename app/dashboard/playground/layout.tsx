import { PageGate } from "@/components/dashboard/page-gate";

// Who may open /dashboard/playground: the permission table (lib/teams/permissions.ts), checked on the server.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <PageGate page="playground">{children}</PageGate>;
}
