import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** A grey placeholder block while data loads; announced once by the surrounding aria-busy region. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`motion-safe:animate-pulse rounded-md bg-slate-200/70 ${className}`} />;
}

/** Several skeleton rows, for lists and tables. */
export function SkeletonRows({ rows = 4 }: { rows?: number }) {
  const t = useTranslations("dashboard.states");
  return (
    <div aria-busy="true" aria-label={t("loading")} className="space-y-3">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div data-testid="empty-state" className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-slate-50/60 px-6 py-10 text-center">
      <div aria-hidden="true" className="mb-3 grid size-10 place-items-center rounded-full bg-indigo-50 text-indigo-600">
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round">
          <path d="M4 7h16M4 12h10M4 17h6" />
        </svg>
      </div>
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {children ? <div className="mt-1 max-w-sm text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

/** An error in words, with what to do next. Never a stack trace or a bare code. */
export function ErrorNotice({ title, message, onRetry }: { title?: string; message?: string; onRetry?: () => void }) {
  const t = useTranslations("dashboard.states");
  return (
    <div role="alert" className="flex items-start justify-between gap-4 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm">
      <div>
        <p className="font-semibold text-rose-900">{title ?? t("somethingWrong")}</p>
        {message ? <p className="mt-0.5 text-rose-800">{message}</p> : null}
      </div>
      {onRetry ? (
        <button type="button" onClick={onRetry} className="shrink-0 rounded-md px-2 py-1 font-medium text-rose-800 hover:bg-rose-100">
          {t("tryAgain")}
        </button>
      ) : null}
    </div>
  );
}
