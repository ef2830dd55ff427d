import type { ReactNode } from "react";

/** A titled white panel of the console. */
export function Panel({ title, children, testId, actions }: { title: string; children: ReactNode; testId?: string; actions?: ReactNode }) {
  return (
    <section data-testid={testId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {actions}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

/** A compact table: header words, rows of cells; `empty` when there are no rows. */
export function OpsTable({ head, rows, empty, testId }: { head: string[]; rows: ReactNode[][]; empty: string; testId?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="-mx-4 overflow-x-auto">
      <table data-testid={testId} className="min-w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-100 text-xs tracking-wide text-slate-500 uppercase">
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i} className="align-top">
              {cells.map((cell, j) => (
                <td key={j} className="px-4 py-2 text-slate-700">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TONES = {
  grey: "bg-slate-100 text-slate-700",
  green: "bg-emerald-100 text-emerald-800",
  red: "bg-rose-100 text-rose-800",
  amber: "bg-amber-100 text-amber-800",
  blue: "bg-indigo-100 text-indigo-800",
} as const;

export function Badge({ tone = "grey", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ${TONES[tone]}`}>{children}</span>;
}

export function Mono({ children }: { children: ReactNode }) {
  return <code className="font-mono text-xs break-all text-slate-800">{children}</code>;
}

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none";

/** A labelled text input of an action form. */
export function FormInput({ label, name, ...input }: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `${name}-${input.form ?? ""}${String(input.id ?? "")}`;
  return (
    <label className="block text-xs font-medium text-slate-700" htmlFor={input.id ?? id}>
      {label}
      <input id={input.id ?? id} name={name} className={`mt-1 ${inputClass}`} {...input} />
    </label>
  );
}

/**
 * A console action: a form posting to /ops/api/customers/<action> with the page to come back to, the hidden ids
 * it needs, its own fields, a required reason and a button.
 */
export function ActionForm({
  action,
  back,
  hidden,
  children,
  reasonLabel,
  submit,
  tone = "dark",
  testId,
}: {
  action: string;
  back: string;
  hidden: Record<string, string>;
  children?: ReactNode;
  reasonLabel: string;
  submit: string;
  tone?: "dark" | "danger";
  testId?: string;
}) {
  const formId = `${action}-${Object.values(hidden).join("-")}`;
  return (
    <form method="post" action={`/ops/api/customers/${action}`} className="space-y-2" data-testid={testId}>
      <input type="hidden" name="back" value={back} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <FormInput label={reasonLabel} name="reason" id={`${formId}-reason`} required maxLength={1000} />
      <button
        type="submit"
        className={`rounded-md px-3 py-1.5 text-sm font-semibold text-white shadow-sm ${tone === "danger" ? "bg-rose-600 hover:bg-rose-500" : "bg-slate-900 hover:bg-slate-700"}`}
      >
        {submit}
      </button>
    </form>
  );
}
