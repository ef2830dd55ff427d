"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Card, buttonClass } from "@/components/dashboard/ui/card";
import { RetentionSettingsDocument, SetRetentionDefaultDocument } from "@/components/graphql/generated";
import { useRetentionError } from "./use-retention-error";

/** The workspace's default retention: what applies now, the plan's ceiling, and a field to change it. */
export function RetentionCard() {
  const t = useTranslations("retention");
  const explain = useRetentionError();
  const [{ data }] = useQuery({ query: RetentionSettingsDocument, requestPolicy: "network-only" });
  const [{ fetching, error, data: saved }, save] = useMutation(SetRetentionDefaultDocument);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const settings = saved?.setRetentionDefault ?? data?.me.retention;
  const shown = (value: string) => (value === "forever" ? t("forever") : value);
  const value = draft ?? settings?.default ?? "";
  return (
    <Card title={t("retentionTitle")} data-testid="retention-settings">
      <p className="text-sm text-slate-600">{t("retentionHelp")}</p>
      {settings ? (
        <p className="mt-3 text-sm text-slate-800">
          {t("effective", { value: shown(settings.effective) })} {t("planMaximum", { value: shown(settings.planMaximum) })}
        </p>
      ) : null}
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void save({ retention: value.trim() === "" ? null : value.trim() }).then(() => setDraft(undefined));
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          {t("defaultLabel")}
          <input
            name="retention"
            value={value}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={t("defaultPlaceholder")}
            className="w-40 rounded-lg border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" disabled={fetching} className={buttonClass.primary}>
          {fetching ? t("saving") : t("save")}
        </button>
      </form>
      <p className="mt-2 text-xs text-slate-500">{t("defaultHint")}</p>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {explain(error)}
        </p>
      ) : saved && draft === undefined ? (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          {t("saved")}
        </p>
      ) : null}
    </Card>
  );
}
