import type { ReactNode } from "react";

/** The console's plain data table: a header row and body rows, numbers right-aligned by the caller. */
export function OpsTable({ head, children, testId }: { head: ReactNode[]; children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-3 py-2 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, numeric, className = "" }: { children: ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`px-3 py-2 align-top ${numeric ? "text-right tabular-nums" : ""} ${className}`}>{children}</td>;
}

export function BelowCost({ label }: { label: string }) {
  return <span className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-xs font-semibold text-rose-700">{label}</span>;
}
