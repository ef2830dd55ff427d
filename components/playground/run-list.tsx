"use client";

import { type Generation, TYPES } from "./api";
import { formatCredits } from "./format";
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
  if (runs.length === 0) {
    return (
      <p className="rounded-2xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
        Your runs from this session will appear here.
      </p>
    );
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
  const type = TYPES.find((t) => t.id === g.type)?.label ?? g.type;
  return (
    <li data-run={g.id}>
      <button
        type="button"
        onClick={() => onSelect(g.id)}
        aria-current={selected ? "true" : undefined}
        className={`flex w-full items-center gap-3 px-4 py-3 text-left text-sm transition hover:bg-slate-50 ${selected ? "bg-indigo-50/60" : ""}`}
      >
        <span className="w-14 shrink-0 text-xs font-medium text-slate-500">{type}</span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-slate-900">{g.prompt}</span>
          <span className="block text-xs text-slate-500">
            {providerName(g.provider)} · {formatCredits(g.creditCost)} · {new Date(g.createdAt).toLocaleTimeString()}
          </span>
        </span>
        <StatusBadge status={g.status} />
      </button>
    </li>
  );
}
