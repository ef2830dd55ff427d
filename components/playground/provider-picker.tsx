"use client";

import { useTranslations } from "next-intl";
import type { PlaygroundProviderFragment as Provider, Priority } from "@/components/graphql/generated";
import { INPUT } from "./styles";

export const AUTO = "auto";
const PRIORITIES: Priority[] = ["BALANCED", "QUALITY", "SPEED", "COST"];

interface Props {
  providers: Provider[] | undefined;
  fetching: boolean;
  value: string;
  priority: Priority;
  error?: string;
  onChange: (id: string) => void;
  onPriority: (p: Priority) => void;
}

/**
 * Auto first (the API chooses by priority), then every provider of the type. Unavailable ones stay listed but
 * disabled, with the server's reason, so people see what the catalog offers and why it cannot run here.
 */
export function ProviderPicker({ providers, fetching, value, priority, error, onChange, onPriority }: Props) {
  const t = useTranslations("playground");
  const unavailable = providers?.filter((p) => !p.available) ?? [];
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
      <div>
        <label htmlFor="provider" className="text-sm font-medium text-slate-800">
          {t("provider")}
        </label>
        <select id="provider" value={value} onChange={(e) => onChange(e.target.value)} disabled={fetching && !providers} className={`mt-1.5 ${INPUT}`}>
          <option value={AUTO}>{t("auto")}</option>
          {providers?.map((p) => (
            <option key={p.id} value={p.id} disabled={!p.available} title={p.unavailableReason ?? p.description}>
              {p.name} · {p.vendor}
              {p.available ? (p.preview ? t("previewSuffix") : "") : t("unavailableSuffix")}
            </option>
          ))}
        </select>
        {error ? (
          <p role="alert" data-field-error="provider" className="mt-1 text-xs font-medium text-rose-700">
            {error}
          </p>
        ) : null}
        {unavailable.length > 0 ? (
          <details className="mt-1.5 text-xs text-slate-500">
            <summary className="cursor-pointer select-none hover:text-slate-700">{t("unavailableWhy", { count: unavailable.length, total: providers?.length ?? 0 })}</summary>
            <ul className="mt-1.5 space-y-1 pl-3">
              {unavailable.map((p) => (
                <li key={p.id} data-unavailable={p.id}>
                  <span className="font-medium text-slate-700">{p.name}:</span> {p.unavailableReason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      <div>
        <label htmlFor="priority" className={`text-sm font-medium ${value === AUTO ? "text-slate-800" : "text-slate-400"}`}>
          {t("priority")}
        </label>
        <select
          id="priority"
          value={priority}
          disabled={value !== AUTO}
          onChange={(e) => onPriority(e.target.value as Priority)}
          className={`mt-1.5 ${INPUT} disabled:bg-slate-50 disabled:text-slate-400`}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priorities.${p}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
