"use client";

import { useTranslations } from "next-intl";
import { useMutation } from "urql";
import { buttonClass } from "../ui/card";
import { useApiError } from "@/components/i18n/api-error";
import { CancelGenerationDocument } from "@/components/graphql/generated";

/**
 * Stops a queued or running generation; its reserved credits are released. The mutation answers a Boolean (no
 * Generation to update the cache with), so the page refetches through `onDone`.
 */
export function CancelButton({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useTranslations("dashboard.history");
  const readableError = useApiError();
  const [{ fetching, error }, cancel] = useMutation(CancelGenerationDocument);
  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" disabled={fetching} onClick={() => void cancel({ id }).then(onDone)} className={buttonClass.secondary}>
        {fetching ? t("cancelling") : t("cancel")}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {t("cancelFailed", { message: readableError(error) ?? "" })}
        </p>
      ) : null}
    </div>
  );
}
