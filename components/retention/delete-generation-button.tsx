"use client";

import { useTranslations } from "next-intl";
import { useMutation } from "urql";
import { buttonClass } from "@/components/dashboard/ui/card";
import { DeleteGenerationDocument, type GenerationDetailFragment } from "@/components/graphql/generated";
import { useRetentionError } from "./use-retention-error";

/** Deletes a finished generation's media and prompt at once (after a confirm); the page refetches through `onDone`. */
export function DeleteGenerationButton({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useTranslations("retention");
  const explain = useRetentionError();
  const [{ fetching, error }, remove] = useMutation(DeleteGenerationDocument);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={fetching}
        onClick={() => {
          if (window.confirm(t("deleteGenerationConfirm"))) void remove({ id }).then(onDone);
        }}
        className={buttonClass.ghostDanger}
      >
        {fetching ? t("deletingGeneration") : t("deleteGeneration")}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {explain(error)}
        </p>
      ) : null}
    </div>
  );
}

/** Why a generation has no media any more, or until when it keeps it. */
export function MediaRetentionNotice({ generation: g, formatDate }: { generation: RetentionFields; formatDate: (iso: string) => string }) {
  const t = useTranslations("retention");
  const text = g.deletedAt
    ? t("deletedNotice", { date: formatDate(g.deletedAt) })
    : g.mediaExpiredAt
      ? t("expiredNotice", { date: formatDate(g.mediaExpiredAt) })
      : g.mediaExpiresAt
        ? t("expiresNotice", { date: formatDate(g.mediaExpiresAt), value: g.retention })
        : undefined;
  if (!text) return null;
  return (
    <p
      className={`rounded-xl border px-4 py-3 text-sm ${g.deletedAt || g.mediaExpiredAt ? "border-amber-200 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-600"}`}
      data-testid="media-retention"
    >
      {text}
    </p>
  );
}

type RetentionFields = Pick<GenerationDetailFragment, "retention" | "mediaExpiresAt" | "mediaExpiredAt" | "deletedAt">;
