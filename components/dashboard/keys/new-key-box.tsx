import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/ui/copy-button";
import { KeySnippetTabs } from "./key-snippet-tabs";

/**
 * The full key, shown exactly once: the server keeps only a hash, so after this box is dismissed (or the page is
 * left) nobody can show it again.
 */
export function NewKeyBox({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useTranslations("dashboard.keys");
  return (
    <section data-testid="new-key" aria-labelledby="new-key-title" className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 shadow-sm">
      <h2 id="new-key-title" className="text-sm font-semibold text-emerald-900">
        {t("ready", { name })}
      </h2>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          data-testid="new-key-value"
          className="min-w-0 flex-1 rounded-lg border border-emerald-200 bg-white px-3 py-2.5 font-mono text-sm break-all text-slate-900 select-all"
        >
          {secret}
        </code>
        <CopyButton text={secret} label={t("copyKey")} />
      </div>
      <p className="mt-3 flex items-start gap-2 text-sm text-amber-900">
        <svg viewBox="0 0 24 24" className="mt-0.5 size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
          <path d="M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
        </svg>
        {t("onlyOnce")}
      </p>
      <KeySnippetTabs secret={secret} />
      <button type="button" onClick={onDone} className="mt-4 text-sm font-semibold text-emerald-800 hover:text-emerald-700">
        {t("saved")}
      </button>
    </section>
  );
}
