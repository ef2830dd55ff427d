import { PlansView } from "@/components/plans/plans-view";

// GET /dashboard/plans[?checkout=success|cancelled] — the plan table the API enforces, and changing plan.
export default async function PlansPage({ searchParams }: { searchParams: Promise<{ checkout?: string | string[] }> }) {
  const { checkout } = await searchParams;
  const outcome = checkout === "success" || checkout === "cancelled" ? checkout : null;
  return <PlansView checkout={outcome} />;
}
