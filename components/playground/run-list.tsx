"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import type { PlaygroundGenerationFragment as Generation } from "@/components/graphql/generated";
import { StatusBadge } from "./status-badge";
import { useGeneration } from "./use-generation";

interface Props {
  runs: Generation[];
  selectedId: string | null;
  providerName: (id: string) => string;
  onSelect: (id: string) => void;
}

/** This session's runs, newest first; each row follows its own status (shared polling with the result card). */
export function RunList({ runs, selectedId, providerName, onSelect }: Props) {
  const t = useTranslations("playground");
  if (runs.length === 0) {
    return <p className="rounded-2xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">{t("sessionEmpty")}</p>;
  }
  return (
    <ul data-testid="run-list" className="divide-y divide-slate-100 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} selected={run.id === selectedId} providerName={providerName} onSelect={onSelect} />
      ))}
    </ul>
  );
}

function RunRow({ run, selected, providerName, onSelect }: { run: Generation; selected: boolean } & Pick<Props, "providerName" | "onSelect">) {
  const { data: g = run } = useGeneration(run);
  const t = useTranslations("playground");
  const format = useFormat();
  const type = t(`types.${g.type}`);
  return (
    <li data-run={g.id}>
      <button
        type="button"
        onClick={() => onSelect(g.id)}
        aria-current={selected ? "true" : undefined}
        className={`flex w-full items-center gap-3 px-4 py-3 text-left text-sm transition hover:bg-slate-50 ${selected ? "bg-indigo-50/60" : ""}`}
      >
        <span className="w-24 shrink-0 truncate text-xs font-medium text-slate-500">{type}</span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-slate-900">{g.prompt}</span>
          <span className="block text-xs text-slate-500">
            {providerName(g.provider)} · {format.credits(g.creditCost)} · {format.time(g.createdAt)}
          </span>
        </span>
        <StatusBadge status={g.status} />
      </button>
    </li>
  );
}
