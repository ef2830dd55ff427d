import { TeamView } from "@/components/team/team-view";
import { requireSignedIn } from "@/lib/auth/current-user";

// GET /dashboard/team — the workspace's members and roles; invitations, role changes, removal, ownership, leaving.
export default async function TeamPage() {
  const user = await requireSignedIn("/dashboard/team");
  return <TeamView userEmail={user.email} />;
}
