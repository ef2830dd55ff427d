"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { type ApiKeyFieldsFragment as ApiKey, RevokeKeyDocument } from "@/components/graphql/generated";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { ModeBadge } from "../ui/badges";
import { buttonClass } from "../ui/card";
import { KeyLimits } from "@/components/key-limits/key-limits";

/** One key. Revoking asks for confirmation in place (no browser dialog), then takes effect on the next request. */
export function KeyRow({ apiKey: k }: { apiKey: ApiKey }) {
  const t = useTranslations("dashboard.keys");
  const format = useFormat();
  const readableError = useApiError();
  const [confirming, setConfirming] = useState(false);
  const [{ fetching, error }, revoke] = useMutation(RevokeKeyDocument);
  const revoked = k.revokedAt !== null;

  return (
    <li data-key={k.id} className={`flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center ${revoked ? "bg-slate-50/70" : ""}`}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className={`font-medium ${revoked ? "text-slate-500 line-through" : "text-slate-900"}`}>{k.name}</span>
          <ModeBadge mode={k.mode} />
          {revoked ? (
            <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">{t("revoked")}</span>
          ) : (
            <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">{t("active")}</span>
          )}
        </p>
        <p className="mt-1 font-mono text-xs text-slate-500">{k.prefix}…</p>
        <p className="mt-1 text-xs text-slate-500">
          {t("created", { date: format.dateTime(k.createdAt) })} · {k.lastUsedAt ? t("lastUsed", { when: format.relative(k.lastUsedAt) }) : t("neverUsed")}
          {revoked && k.revokedAt ? ` · ${t("revokedAt", { when: format.relative(k.revokedAt) })}` : ""}
        </p>
        {error ? (
          <p role="alert" className="mt-1 text-sm text-rose-700">
            {t("revokeFailed", { message: readableError(error) ?? "" })}
          </p>
        ) : null}
        {revoked ? null : <KeyLimits apiKey={k} />}
      </div>
      {revoked ? null : confirming ? (
        <div className="flex items-center gap-2" role="group" aria-label={t("confirmRevoke", { name: k.name })}>
          <span className="text-sm text-slate-700">{t("stopsAtOnce")}</span>
          <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
            {t("cancel")}
          </button>
          <button type="button" disabled={fetching} onClick={() => void revoke({ id: k.id }).then(() => setConfirming(false))} className={buttonClass.danger}>
            {fetching ? t("revoking") : t("revokeKey")}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={buttonClass.ghostDanger}>
          {t("revoke")}
        </button>
      )}
    </li>
  );
}
