"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { buttonClass } from "@/components/dashboard/ui/card";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import {
  DeleteWebhookEndpointDocument,
  SendTestWebhookDocument,
  UpdateWebhookEndpointDocument,
  type WebhookEndpointFieldsFragment as WebhookEndpoint,
} from "@/components/graphql/generated";
import { useEventLabel } from "./use-event-label";

const SMALL = "rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 transition hover:bg-slate-100 disabled:opacity-50";

/** One endpoint: its filter and state, enable/disable, send a test message, delete (confirmed in place). */
export function EndpointRow({ endpoint: e, onChanged }: { endpoint: WebhookEndpoint; onChanged: () => void }) {
  const t = useTranslations("webhooks.endpoint");
  const format = useFormat();
  const events = useEventLabel();
  const readableError = useApiError();
  const [confirming, setConfirming] = useState(false);
  const [update, runUpdate] = useMutation(UpdateWebhookEndpointDocument);
  const [removal, runDelete] = useMutation(DeleteWebhookEndpointDocument);
  const [test, runTest] = useMutation(SendTestWebhookDocument);
  const error = update.error ?? removal.error ?? test.error;

  return (
    <li data-endpoint={e.id} data-enabled={e.enabled} className={`px-5 py-4 ${e.enabled ? "" : "bg-slate-50/70"}`}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="truncate font-mono text-sm text-slate-900" title={e.url}>
              {e.url}
            </span>
            {e.enabled ? (
              <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">{t("enabled")}</span>
            ) : (
              <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">{t("disabled")}</span>
            )}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {e.events.length === 0 ? t("allFinal") : e.events.map(events.label).join(", ")} · {t("added", { date: format.dateTime(e.createdAt) })}
          </p>
          {!e.enabled && e.disabledReason ? <p className="mt-1 text-xs text-amber-800">{e.disabledReason}</p> : null}
          {test.data ? <p className="mt-1 text-xs text-emerald-700">{t("testQueued", { id: test.data.sendTestWebhook.id })}</p> : null}
          {error ? (
            <p role="alert" className="mt-1 text-sm text-rose-700">
              {readableError(error)}
            </p>
          ) : null}
        </div>
        {confirming ? (
          <div className="flex items-center gap-2" role="group" aria-label={t("confirmDelete", { url: e.url })}>
            <span className="text-sm text-slate-700">{t("pendingStop")}</span>
            <button type="button" onClick={() => setConfirming(false)} className={SMALL}>
              {t("cancel")}
            </button>
            <button type="button" disabled={removal.fetching} onClick={() => void runDelete({ id: e.id }).then(onChanged)} className={buttonClass.danger}>
              {removal.fetching ? t("deleting") : t("deleteEndpoint")}
            </button>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-1">
            <button type="button" disabled={!e.enabled || test.fetching} onClick={() => void runTest({ endpointId: e.id }).then(onChanged)} className={SMALL}>
              {test.fetching ? t("sending") : t("sendTest")}
            </button>
            <button type="button" disabled={update.fetching} onClick={() => void runUpdate({ id: e.id, enabled: !e.enabled }).then(onChanged)} className={SMALL}>
              {e.enabled ? t("disable") : t("enable")}
            </button>
            <button type="button" onClick={() => setConfirming(true)} className={buttonClass.ghostDanger}>
              {t("delete")}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
