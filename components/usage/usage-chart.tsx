"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageRowFieldsFragment as UsageRow } from "@/components/graphql/generated";

/** Credits and generations per group, side by side on two axes (credits dwarf counts). */
export function UsageChart({ rows, labels }: { rows: UsageRow[]; labels: { credits: string; generations: string } }) {
  return (
    <div className="h-72 w-full" data-testid="usage-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis yAxisId="credits" tick={{ fontSize: 12 }} allowDecimals={false} />
          <YAxis yAxisId="generations" orientation="right" tick={{ fontSize: 12 }} allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="credits" dataKey="credits" name={labels.credits} fill="#6366f1" radius={[3, 3, 0, 0]} />
          <Bar yAxisId="generations" dataKey="generations" name={labels.generations} fill="#cbd5e1" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
