import { AuditView } from "@/components/audit/audit-view";

// GET /dashboard/audit — the workspace's audit log (owners and admins: app/dashboard/audit/layout.tsx).
export default function AuditPage() {
  return <AuditView />;
}
