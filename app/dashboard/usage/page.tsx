import type { Metadata } from "next";
import { UsageView } from "@/components/usage/usage-view";

export const metadata: Metadata = { title: "Usage · Doitong" };

// GET /dashboard/usage — where the credits go: charts and a table by day, provider, model, type or key, CSV export,
// and the low-balance alert.
export default function UsagePage() {
  return <UsageView />;
}
