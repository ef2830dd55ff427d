"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { keySnippets, type SnippetId } from "./key-snippets";

/** The new key in a first call with each SDK and the CLI, one tab each, pointed at this server. */
export function KeySnippetTabs({ secret }: { secret: string }) {
  const t = useTranslations("dashboard.keys");
  const [active, setActive] = useState<SnippetId>("typescript");
  // Rendered only after a key was created in the browser, so the page's own origin is known.
  const snippets = keySnippets(secret, window.location.origin);
  const current = snippets.find((s) => s.id === active) ?? snippets[0];
  return (
    <div className="mt-4" data-testid="key-snippets">
      <div role="tablist" aria-label={t("snippetsLabel")} className="flex gap-1">
        {snippets.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`snippet-tab-${s.id}`}
            aria-selected={s.id === active}
            aria-controls="snippet-panel"
            onClick={() => setActive(s.id)}
            className={`rounded-t-lg px-3 py-1.5 text-sm font-semibold ${s.id === active ? "bg-slate-900 text-white" : "text-emerald-900 hover:bg-emerald-100"}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div id="snippet-panel" role="tabpanel" aria-labelledby={`snippet-tab-${current.id}`} className="relative rounded-b-lg rounded-tr-lg bg-slate-900">
        <pre data-testid={`snippet-${current.id}`} className="overflow-x-auto p-4 pr-24 font-mono text-xs leading-relaxed text-slate-100">
          {current.code}
        </pre>
        <div className="absolute top-2 right-2">
          <CopyButton
            text={current.code}
            label={t("copySnippet")}
            srLabel={t("snippetSr", { label: current.label })}
            className="inline-flex items-center gap-1.5 rounded-md bg-white/10 px-2.5 py-1.5 text-xs font-semibold text-white transition hover:bg-white/20"
          />
        </div>
      </div>
    </div>
  );
}
