"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

const DEFAULT_LOOK = "inline-flex shrink-0 items-center gap-1.5 rounded-lg bg-slate-900 px-3 py-2 text-sm font-semibold text-white transition hover:bg-slate-700";

/**
 * Copies text (the landing page's code samples, the dashboard's one-time API key). navigator.clipboard only exists in secure contexts (https or localhost); a self-hosted server on
 * plain http falls back to a hidden textarea and execCommand, which browsers still honour on a click.
 */
export function CopyButton({
  text,
  label,
  srLabel,
  className = DEFAULT_LOOK,
}: {
  text: string;
  label?: string;
  /** Extra words for screen readers, e.g. which sample this copies. */
  srLabel?: string;
  className?: string;
}) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1_500);
  }

  return (
    <button type="button" onClick={() => void copy()} className={className}>
      <span aria-live="polite">{copied ? t("copied") : (label ?? t("copy"))}</span>
      {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
    </button>
  );
}
