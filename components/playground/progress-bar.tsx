import { useTranslations } from "next-intl";

const TONES = { active: "bg-indigo-600", error: "bg-rose-500", muted: "bg-slate-400" } as const;

/** 0–100, or null while queued (no progress known yet: an indeterminate shimmer rather than a bar stuck at 0). */
export function ProgressBar({ value, tone = "active" }: { value: number | null; tone?: keyof typeof TONES }) {
  const t = useTranslations("playground");
  return (
    <div
      role="progressbar"
      aria-label={t("progress")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      data-value={value ?? ""}
      className="relative h-2 overflow-hidden rounded-full bg-slate-100"
    >
      {value === null ? (
        <div className="absolute inset-y-0 left-0 w-1/3 motion-safe:animate-pulse rounded-full bg-indigo-300" />
      ) : (
        <div
          className={`h-full rounded-full transition-[width] duration-300 ease-out motion-reduce:transition-none ${TONES[tone]}`}
          style={{ width: `${Math.max(2, Math.min(100, value))}%` }}
        />
      )}
    </div>
  );
}
