import { useTranslations } from "next-intl";
import type { AreaProvider } from "./product-areas";

type Props = Pick<AreaProvider, "available" | "unavailableReason" | "missingKeys">;

/**
 * Whether `generate` can use this provider on this server right now. A vendor without its keys is listed anyway:
 * the catalog is the product, the keys are the operator's job. The reason is in the tooltip and for screen readers.
 */
export function AvailabilityBadge({ available, unavailableReason, missingKeys }: Props) {
  const t = useTranslations("landing.availability");
  if (available) {
    return (
      <span className="inline-flex shrink-0 items-center gap-1.5 rounded-full bg-emerald-50 px-2.5 py-1 text-xs font-medium text-emerald-800 ring-1 ring-emerald-600/20 ring-inset">
        <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden="true" />
        {t("available")}
      </span>
    );
  }
  return (
    <span
      title={unavailableReason ?? undefined}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-full bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset"
    >
      <span className="size-1.5 rounded-full bg-amber-500" aria-hidden="true" />
      {missingKeys.length > 0 ? t("needsKeys") : t("comingSoon")}
      {unavailableReason ? <span className="sr-only">: {unavailableReason}</span> : null}
    </span>
  );
}

/** The local provider renders real files without a model; say so wherever it is listed. */
export function PreviewFlag() {
  const t = useTranslations("landing.availability");
  return (
    <span className="inline-flex items-center rounded-full bg-violet-50 px-2.5 py-1 text-xs font-medium text-violet-800 ring-1 ring-violet-600/20 ring-inset">{t("preview")}</span>
  );
}
