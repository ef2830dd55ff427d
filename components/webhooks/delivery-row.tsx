"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { RedeliverWebhookDocument, type WebhookDeliveryFieldsFragment as WebhookDelivery, type WebhookDeliveryStatus as DeliveryStatus } from "@/components/graphql/generated";
import { useEventLabel } from "./use-event-label";

const STATUS_STYLE: Record<DeliveryStatus, string> = {
  PENDING: "bg-sky-50 text-sky-700 ring-sky-200",
  SUCCEEDED: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  FAILED: "bg-rose-50 text-rose-700 ring-rose-200",
  DISABLED: "bg-slate-100 text-slate-700 ring-slate-300",
};
// Labels are webhooks.delivery.status.<STATUS> in the catalogs.

/** One message: event, destination, status; expands to every attempt with its HTTP status and response snippet. */
export function DeliveryRow({ delivery: d, onChanged }: { delivery: WebhookDelivery; onChanged: () => void }) {
  const t = useTranslations("webhooks.delivery");
  const format = useFormat();
  const events = useEventLabel();
  const readableError = useApiError();
  const [open, setOpen] = useState(false);
  const [redelivery, redeliver] = useMutation(RedeliverWebhookDocument);

  return (
    <li data-delivery={d.id} data-status={d.status} className="px-5 py-3.5">
      <div className="flex flex-wrap items-center gap-3">
        <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_STYLE[d.status]}`}>
          {t(`status.${d.status}`)}
        </span>
        <span className="text-sm font-medium text-slate-900">{events.label(d.eventType)}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-500" title={d.url}>
          {d.url}
        </span>
        <span className="text-xs text-slate-500" title={format.dateTime(d.createdAt)}>
          {format.relative(d.createdAt)}
        </span>
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100">
          {t("attempts", { count: d.attemptCount })} {open ? "▴" : "▾"}
        </button>
        <button
          type="button"
          disabled={redelivery.fetching}
          onClick={() => void redeliver({ id: d.id }).then(onChanged)}
          className="rounded-md px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 disabled:opacity-50"
        >
          {redelivery.fetching ? t("queuing") : t("redeliver")}
        </button>
      </div>
      <p className="mt-1 font-mono text-[11px] text-slate-400">
        {d.id}
        {d.generationId ? ` · ${d.generationId}` : ""}
        {d.status === "PENDING" && d.nextAttemptAt ? ` · ${t("nextAttempt", { when: format.dateTime(d.nextAttemptAt) })}` : ""}
      </p>
      {redelivery.error ? (
        <p role="alert" className="mt-1 text-sm text-rose-700">
          {readableError(redelivery.error)}
        </p>
      ) : null}
      {open ? (
        d.attempts.length === 0 ? (
          <p className="mt-2 text-xs text-slate-500">{t("notAttempted")}</p>
        ) : (
          <ol className="mt-2 space-y-1.5" aria-label={t("attemptsLabel")}>
            {d.attempts.map((a) => (
              <li key={a.id} className="rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-700 ring-1 ring-slate-200 ring-inset">
                <span className={`font-semibold ${a.httpStatus && a.httpStatus < 300 ? "text-emerald-700" : "text-rose-700"}`}>{a.httpStatus ?? t("noResponse")}</span>
                {" · "}
                {format.dateTime(a.attemptedAt)} · {t("ms", { n: format.number(a.durationMs) })}
                {a.error ? ` · ${a.error}` : ""}
                {a.responseSnippet ? <pre className="mt-1 overflow-x-auto font-mono text-[11px] whitespace-pre-wrap text-slate-600">{a.responseSnippet}</pre> : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </li>
  );
}
