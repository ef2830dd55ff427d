"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { CopyButton } from "@/components/ui/copy-button";
import { buttonClass, Card } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { richTags } from "@/components/i18n/rich";
import { RotateWebhookSecretDocument, WebhookSecretDocument } from "@/components/graphql/generated";

const COPY_LOOK =
  "inline-flex shrink-0 items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 shadow-sm transition hover:bg-slate-50";

/**
 * The account's whsec_ secret. Not fetched until "Reveal" (so it is not in the page for a passer-by); rotating
 * asks for confirmation in place and says how long the old secret keeps signing.
 */
export function SigningSecretCard() {
  const t = useTranslations("webhooks.secret");
  const format = useFormat();
  const readableError = useApiError();
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({ query: WebhookSecretDocument, pause: !revealed, requestPolicy: "network-only" });
  const [rotation, rotate] = useMutation(RotateWebhookSecretDocument);
  const secret = rotation.data?.rotateWebhookSecret.secret ?? data?.me.webhookSecret;
  const graceUntil = rotation.data?.rotateWebhookSecret.previousSecretExpiresAt ?? data?.me.previousWebhookSecretExpiresAt ?? null;

  async function confirmRotate() {
    const result = await rotate({});
    if (result.data) {
      setRevealed(true);
      setConfirming(false);
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <Card title={t("title")} data-testid="signing-secret">
      <p className="text-sm leading-6 text-slate-600">{t.rich("lead", richTags("rounded bg-slate-100 px-1 font-mono text-xs"))}</p>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <code data-testid="secret-value" className="min-w-0 flex-1 truncate rounded-lg bg-slate-950 px-3 py-2 font-mono text-xs text-slate-100">
          {revealed && secret ? secret : "whsec_••••••••••••••••••••••••••••••••"}
        </code>
        {revealed && secret ? (
          <>
            <CopyButton text={secret} srLabel={t("srLabel")} className={COPY_LOOK} />
            <button type="button" onClick={() => setRevealed(false)} className={COPY_LOOK}>
              {t("hide")}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setRevealed(true)} className={COPY_LOOK} disabled={fetching}>
            {fetching ? t("loading") : t("reveal")}
          </button>
        )}
      </div>
      {revealed && fetching && !secret ? <Skeleton className="mt-2 h-4 w-40" /> : null}
      {error ? (
        <div className="mt-3">
          <ErrorNotice title={t("loadError")} message={readableError(error)} />
        </div>
      ) : null}
      {graceUntil ? (
        <p data-testid="rotation-grace" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          {t("grace", { until: format.dateTime(graceUntil) })}
        </p>
      ) : null}
      <div className="mt-4 border-t border-slate-100 pt-4">
        {confirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("confirmRotate")}>
            <span className="text-sm text-slate-700">{t("rotateConsequence")}</span>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
              {t("cancel")}
            </button>
            <button type="button" disabled={rotation.fetching} onClick={() => void confirmRotate()} className={buttonClass.danger}>
              {rotation.fetching ? t("rotating") : t("rotate")}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className={buttonClass.secondary}>
            {t("rotateStart")}
          </button>
        )}
        {rotation.error ? (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {t("rotateError", { message: readableError(rotation.error) ?? "" })}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
