"use client";

import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useState } from "react";
import { useMutation } from "urql";
import { FINAL_STATUSES } from "@/components/graphql/enums";
import { type PlaygroundGenerationFragment as Generation, PlaygroundCancelDocument } from "@/components/graphql/generated";
import { useFormat } from "@/components/i18n/format";
import { shownError, useErrorText } from "./errors";
import { MediaResult } from "./media-result";
import { ProgressBar } from "./progress-bar";
import { StatusBadge } from "./status-badge";
import { CARD } from "./styles";
import { useGeneration } from "./use-generation";

interface Props {
  initial: Generation;
  providerName: string;
  /** Called once when the run reaches a final status (the balance changes then). */
  onFinal: () => void;
}

/** One run, live: progress, status, stopwatch against the estimate, Cancel, then the result or the error. */
export function RunCard({ initial, providerName, onFinal }: Props) {
  const t = useTranslations("playground");
  const format = useFormat();
  const errorText = useErrorText();
  const { data: g = initial } = useGeneration(initial);
  const final = FINAL_STATUSES.includes(g.status);
  const now = useNow(!final);
  const [cancel, runCancel] = useMutation(PlaygroundCancelDocument);

  // onFinal is a fresh closure each render; only the transition to final matters.
  const reachedFinal = useEffectEvent(onFinal);
  useEffect(() => {
    if (final) reachedFinal();
  }, [final]);

  // Server timestamps once final (exact); the local clock while running, from when the request was created.
  const start = Date.parse(g.createdAt);
  const elapsed = (final && g.completedAt ? Date.parse(g.completedAt) : now) - start;
  const label =
    g.status === "QUEUED"
      ? t("waitingSlot")
      : g.status === "PROCESSING"
        ? t("generatingWith", { provider: providerName, progress: g.progress })
        : g.status === "COMPLETED"
          ? t("doneIn", { elapsed: format.stopwatch(elapsed) })
          : g.status === "CANCELLED"
            ? t("cancelledReleased")
            : t("failedReleased");

  return (
    <section aria-label={t("currentRun")} data-testid="run-card" data-generation={g.id} data-status={g.status} className={CARD}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-slate-900">{providerName}</h2>
          <p className="mt-0.5 truncate text-xs text-slate-500" title={g.prompt}>
            {g.prompt}
          </p>
        </div>
        <StatusBadge status={g.status} />
      </div>
      {g.status !== "COMPLETED" ? (
        <div className="mt-4">
          <ProgressBar value={g.status === "QUEUED" ? null : g.progress} tone={g.status === "FAILED" ? "error" : g.status === "CANCELLED" ? "muted" : "active"} />
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm">
            <p data-testid="run-status" aria-live="polite" className="text-slate-700">
              {label}
            </p>
            <p className="text-xs text-slate-500 tabular-nums">
              {t("elapsedOf", { elapsed: format.stopwatch(elapsed), estimate: format.duration(g.estimatedTime), credits: format.credits(g.creditCost) })}
            </p>
          </div>
        </div>
      ) : (
        <p data-testid="run-status" className="mt-2 text-xs text-slate-500">
          {t("charged", { label, credits: format.credits(g.creditCost) })}
        </p>
      )}
      {!final ? (
        <div className="mt-4 flex items-center gap-3">
          <button
            type="button"
            onClick={() => void runCancel({ id: g.id })}
            disabled={cancel.fetching}
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 transition hover:border-rose-300 hover:bg-rose-50 hover:text-rose-700 disabled:opacity-50"
          >
            {cancel.fetching ? t("cancelling") : t("cancel")}
          </button>
          {cancel.error ? (
            <p role="alert" className="text-sm text-rose-700">
              {errorText(shownError(cancel.error))}
            </p>
          ) : null}
        </div>
      ) : null}
      {g.error ? (
        <p role="alert" data-testid="run-error" className="mt-4 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-600/15 ring-inset">
          {errorText({ code: g.error.code })}
        </p>
      ) : null}
      {g.status === "COMPLETED" && g.url ? <MediaResult generation={{ ...g, url: g.url }} /> : null}
    </section>
  );
}

/** The current time, ticking every 200 ms while `running`, for the stopwatch. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
