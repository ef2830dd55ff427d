"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ApiKeyFieldsFragment as ApiKey } from "@/components/graphql/generated";
import { useFormat } from "@/components/i18n/format";
import { KeyLimitsForm } from "./key-limits-form";

/**
 * A key's own limits under its row: what it spent against its cap (the number the API enforces, held credits
 * included), its per-minute limit, expiry and scopes, and the form that changes them.
 */
export function KeyLimits({ apiKey: k }: { apiKey: ApiKey }) {
  const t = useTranslations("keyLimits");
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const capped = k.spendCap != null && k.spendPeriod != null;
  const spent = k.spent ?? 0;
  const share = capped ? Math.min(1, spent / k.spendCap!) : 0;
  const tone = share >= 1 ? "bg-rose-500" : share >= 0.8 ? "bg-amber-500" : "bg-indigo-500";
  const facts = [
    k.rpmLimit != null ? t("perMinute", { n: k.rpmLimit }) : null,
    k.expiresAt ? t("expires", { date: format.dateTime(k.expiresAt) }) : null,
    k.scopes && k.scopes.length < 3 ? t("scopesOnly", { scopes: k.scopes.join(", ") || t("noScopes") }) : null,
    k.allowedTypes?.length ? t("typesOnly", { types: k.allowedTypes.join(", ") }) : null,
    k.allowedProviders?.length ? t("providersOnly", { providers: k.allowedProviders.join(", ") }) : null,
  ].filter((f): f is string => f !== null);

  return (
    <div className="mt-2 space-y-2" data-testid="key-limits">
      {capped ? (
        <div className="max-w-sm">
          <p className="text-xs text-slate-600" data-testid="key-spend">
            {t("spentOf", { spent, cap: k.spendCap!, period: t(`period.${k.spendPeriod!}`) })}
          </p>
          <div
            role="meter"
            aria-label={t("spendMeter", { name: k.name })}
            aria-valuemin={0}
            aria-valuemax={k.spendCap!}
            aria-valuenow={spent}
            className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100"
          >
            <div className={`h-full ${tone}`} style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
        </div>
      ) : (
        <p className="text-xs text-slate-500">{t("noCap")}</p>
      )}
      {facts.length > 0 ? <p className="text-xs text-slate-500">{facts.join(" · ")}</p> : null}
      {editing ? (
        <KeyLimitsForm apiKey={k} onDone={() => setEditing(false)} />
      ) : (
        <button type="button" onClick={() => setEditing(true)} className="text-xs font-medium text-indigo-700 hover:underline">
          {t("edit")}
        </button>
      )}
    </div>
  );
}
