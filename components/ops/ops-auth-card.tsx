import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { LogoMark } from "@/components/landing/icons";

/** The operator console's sign-in and enrolment frame: plain and dark, nothing of the customer-facing promise. */
export function OpsAuthCard({ title, subtitle, badge, children }: { title: string; subtitle: string; badge: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-950 px-4 py-12">
      <div className="absolute top-4 right-4">
        <LocaleSwitcher tone="dark" />
      </div>
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-xl shadow-black/30">
        <div className="flex items-center gap-2.5 text-slate-900">
          <LogoMark className="size-7" />
          <span className="font-semibold tracking-tight">Doitong</span>
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-amber-800">{badge}</span>
        </div>
        <h1 className="mt-6 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1.5 text-sm text-slate-600">{subtitle}</p>
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}

/** A labelled input of the console's forms (server-rendered, no client JavaScript). */
export function OpsField({ label, name, ...input }: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
        {...input}
      />
    </div>
  );
}

export function OpsSubmit({ children }: { children: string }) {
  return (
    <button type="submit" className="w-full rounded-lg bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-slate-700">
      {children}
    </button>
  );
}

export function OpsAlert({ tone, children, testId }: { tone: "error" | "ok"; children: ReactNode; testId?: string }) {
  const classes = tone === "error" ? "border-rose-200 bg-rose-50 text-rose-800" : "border-emerald-200 bg-emerald-50 text-emerald-900";
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={`rounded-lg border px-3.5 py-2.5 text-sm font-medium ${classes}`}>
      {children}
    </div>
  );
}
