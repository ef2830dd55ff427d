"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Card, buttonClass } from "@/components/dashboard/ui/card";
import { DeleteWorkspaceDocument } from "@/components/graphql/generated";
import { useRetentionError } from "./use-retention-error";

/** The workspace as one JSON file (GET /api/workspace/export, a download). */
export function ExportCard() {
  const t = useTranslations("retention");
  return (
    <Card title={t("exportTitle")} data-testid="workspace-export">
      <p className="text-sm text-slate-600">{t("exportHelp")}</p>
      <a href="/api/workspace/export" download className={`${buttonClass.secondary} mt-4`}>
        {t("export")}
      </a>
    </Card>
  );
}

/** Deleting the workspace, confirmed by typing its email; the session ends with it. */
export function DeleteWorkspaceCard() {
  const t = useTranslations("retention");
  const explain = useRetentionError();
  const [email, setEmail] = useState("");
  const [{ fetching, error }, remove] = useMutation(DeleteWorkspaceDocument);
  return (
    <Card title={t("deleteTitle")} className="border-rose-200" data-testid="workspace-delete">
      <p className="text-sm text-slate-600">{t("deleteHelp")}</p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void remove({ confirmEmail: email }).then(async (result) => {
            if (!result.data?.deleteWorkspace) return;
            await signOut({ redirect: false });
            window.location.assign("/");
          });
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          {t("confirmLabel")}
          <input
            name="confirmEmail"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className="w-72 rounded-lg border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" disabled={fetching || email.trim() === ""} className={buttonClass.danger}>
          {fetching ? t("deleting") : t("deleteWorkspace")}
        </button>
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {explain(error)}
        </p>
      ) : null}
    </Card>
  );
}
