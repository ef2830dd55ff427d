"use client";

import { useApiError } from "@/components/i18n/api-error";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDateTime } from "@/components/dashboard/format";
import { buttonClass, Card } from "@/components/dashboard/ui/card";
import { ErrorNotice, Skeleton } from "@/components/dashboard/ui/states";
import { RotateWebhookSecretDocument, WebhookSecretDocument } from "@/components/graphql/generated";

const COPY_LOOK =
  "inline-flex shrink-0 items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 shadow-sm transition hover:bg-slate-50";

/**
 * The account's whsec_ secret. Not fetched until "Reveal" (so it is not in the page for a passer-by); rotating
 * asks for confirmation in place and says how long the old secret keeps signing.
 */
export function SigningSecretCard() {
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
    <Card title="Signing secret" data-testid="signing-secret">
      <p className="text-sm leading-6 text-slate-600">
        Every webhook carries <code className="rounded bg-slate-100 px-1 font-mono text-xs">webhook-id</code>,{" "}
        <code className="rounded bg-slate-100 px-1 font-mono text-xs">webhook-timestamp</code> and{" "}
        <code className="rounded bg-slate-100 px-1 font-mono text-xs">webhook-signature</code> headers (Standard Webhooks). Verify them with this secret, e.g.{" "}
        <code className="rounded bg-slate-100 px-1 font-mono text-xs">new Webhook(secret).verify(body, headers)</code> from the standardwebhooks package.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <code data-testid="secret-value" className="min-w-0 flex-1 truncate rounded-lg bg-slate-950 px-3 py-2 font-mono text-xs text-slate-100">
          {revealed && secret ? secret : "whsec_••••••••••••••••••••••••••••••••"}
        </code>
        {revealed && secret ? (
          <>
            <CopyButton text={secret} srLabel="the signing secret" className={COPY_LOOK} />
            <button type="button" onClick={() => setRevealed(false)} className={COPY_LOOK}>
              Hide
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setRevealed(true)} className={COPY_LOOK} disabled={fetching}>
            {fetching ? "Loading…" : "Reveal"}
          </button>
        )}
      </div>
      {revealed && fetching && !secret ? <Skeleton className="mt-2 h-4 w-40" /> : null}
      {error ? <div className="mt-3"><ErrorNotice title="We couldn’t load the secret" message={readableError(error)} /></div> : null}
      {graceUntil ? (
        <p data-testid="rotation-grace" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          Rotated: until {formatDateTime(graceUntil)} each webhook is signed with both the new and the previous secret, so switch your receiver before then.
        </p>
      ) : null}
      <div className="mt-4 border-t border-slate-100 pt-4">
        {confirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm rotating the signing secret">
            <span className="text-sm text-slate-700">A new secret signs from now on; the current one keeps working for 24 hours.</span>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
              Cancel
            </button>
            <button type="button" disabled={rotation.fetching} onClick={() => void confirmRotate()} className={buttonClass.danger}>
              {rotation.fetching ? "Rotating…" : "Rotate secret"}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className={buttonClass.secondary}>
            Rotate secret…
          </button>
        )}
        {rotation.error ? <p role="alert" className="mt-2 text-sm text-rose-700">Couldn’t rotate: {readableError(rotation.error)}</p> : null}
      </div>
    </Card>
  );
}
