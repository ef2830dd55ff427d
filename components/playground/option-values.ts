import type { ProviderOptionFieldsFragment as ProviderOption } from "@/components/graphql/generated";

/** A value of the options form, as sent in GenerateInput.options (JSON in the schema). */
export type OptionValue = string | number | boolean;

/** An option's default (a JSON value in the schema) as the form shows it: strings as they are, the rest as JSON. */
export const valueText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** What the form holds: text as typed (so "0" or "" can be shown and sent as is), booleans as booleans. */
export type DraftValues = Record<string, string | boolean>;

/**
 * Draft → the `options` argument. Empty fields are left out so the server applies its default (or picks a seed);
 * numbers that do not parse are sent as typed, so the server's INVALID_INPUT message names the field rather than
 * the form silently dropping it.
 */
export function toOptions(options: ProviderOption[], draft: DraftValues): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const o of options) {
    const value = draft[o.name];
    if (value === undefined) continue;
    if (typeof value === "boolean") {
      out[o.name] = value;
      continue;
    }
    if (value.trim() === "") continue;
    if (o.type === "BOOLEAN") {
      out[o.name] = value === "true";
      continue;
    }
    if (o.type === "INT" || o.type === "FLOAT") {
      const n = Number(value);
      out[o.name] = Number.isFinite(n) ? n : value;
    } else out[o.name] = value;
  }
  return out;
}

/** A spinner step that suits the range: 0.05 for 0–1 scales, 0.1 for speeds, 0.5 for seconds and semitones. */
export function stepFor(o: ProviderOption): number {
  if (o.type === "INT") return 1;
  const range = o.min !== null && o.max !== null ? o.max - o.min : 10;
  return range <= 1 ? 0.05 : range <= 5 ? 0.1 : 0.5;
}

/** "1–20", "≥ 0", "5, 10". */
export function rangeText(o: ProviderOption): string | null {
  if (o.allowedValues) return o.allowedValues.join(", ");
  if (o.type === "BOOLEAN") return "true, false";
  if (o.min !== null && o.max !== null) return `${o.min}–${o.max.toLocaleString("en-US")}`;
  if (o.min !== null) return `≥ ${o.min}`;
  if (o.max !== null) return `≤ ${o.max}`;
  return null;
}
