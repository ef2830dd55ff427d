"use client";

import { useState } from "react";
import { useMutation } from "urql";
import type { ApiKey } from "../types";
import { formatDateTime, formatRelative } from "../format";
import { ModeBadge } from "../ui/badges";
import { buttonClass } from "../ui/card";
import { readableError } from "../ui/states";

const RevokeKey = /* GraphQL */ `
  mutation RevokeKey($id: ID!) {
    revokeApiKey(id: $id) { id revokedAt }
  }
`;

/** One key. Revoking asks for confirmation in place (no browser dialog), then takes effect on the next request. */
export function KeyRow({ apiKey: k }: { apiKey: ApiKey }) {
  const [confirming, setConfirming] = useState(false);
  const [{ fetching, error }, revoke] = useMutation<{ revokeApiKey: Pick<ApiKey, "id" | "revokedAt"> }, { id: string }>(RevokeKey);
  const revoked = k.revokedAt !== null;

  return (
    <li data-key={k.id} className={`flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center ${revoked ? "bg-slate-50/70" : ""}`}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className={`font-medium ${revoked ? "text-slate-500 line-through" : "text-slate-900"}`}>{k.name}</span>
          <ModeBadge mode={k.mode} />
          {revoked ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Revoked</span> : <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">Active</span>}
        </p>
        <p className="mt-1 font-mono text-xs text-slate-500">{k.prefix}…</p>
        <p className="mt-1 text-xs text-slate-500">
          Created {formatDateTime(k.createdAt)} · {k.lastUsedAt ? `last used ${formatRelative(k.lastUsedAt)}` : "never used"}
          {revoked && k.revokedAt ? ` · revoked ${formatRelative(k.revokedAt)}` : ""}
        </p>
        {error ? <p role="alert" className="mt-1 text-sm text-rose-700">Couldn’t revoke: {readableError(error)}</p> : null}
      </div>
      {revoked ? null : confirming ? (
        <div className="flex items-center gap-2" role="group" aria-label={`Confirm revoking ${k.name}`}>
          <span className="text-sm text-slate-700">Stops working at once.</span>
          <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Cancel
          </button>
          <button type="button" disabled={fetching} onClick={() => void revoke({ id: k.id }).then(() => setConfirming(false))} className={buttonClass.danger}>
            {fetching ? "Revoking…" : "Revoke key"}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={buttonClass.ghostDanger}>
          Revoke
        </button>
      )}
    </li>
  );
}
