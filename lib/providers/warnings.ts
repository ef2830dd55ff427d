/**
 * A warning as data. The API has always answered `warnings: [String!]!`, one English sentence each, and still does;
 * `warningDetails` carries the same list with a machine code and the facts the sentence names, so a client (the
 * dashboard, in two languages) can word it itself instead of parsing English. `message` is that English sentence.
 */
export type WarningCode =
  /** A unified option the provider cannot do: the request ran without it. field, provider. */
  | "OPTION_IGNORED"
  /** A unified option the provider does only approximately. field, provider. */
  | "OPTION_APPROXIMATED"
  /** A value the provider does not offer: `used` was sent instead, or nothing when `used` is absent. field, provider, value. */
  | "VALUE_UNAVAILABLE"
  /** A portable voice or avatar name resolved to the provider's closest stock entry. field, provider, value, used. */
  | "PRESET_MATCHED"
  /** A language alone picked a stock voice that speaks it. field (language), provider, value, used (the voice). */
  | "VOICE_FOR_LANGUAGE"
  /** A preset background sent as a colour. field (background), provider, value, used (the colour). */
  | "BACKGROUND_AS_COLOUR"
  /** One of the model's own rules changed an option (the message says which and why). provider, field when known. */
  | "OPTION_ADJUSTED"
  /** The model still runs but is deprecated. provider, value (the model), params.sunsetAt, params.successor. */
  | "MODEL_DEPRECATED"
  /** Fewer outputs than asked were made. params.made, params.asked, params.charged, params.released. */
  | "PARTIAL_OUTPUTS"
  /** A sentence with no code: generations stored before codes existed. Shown as written. */
  | "NOTICE";

export interface Warning {
  code: WarningCode;
  /** The English sentence, exactly as in `warnings`. */
  message: string;
  /** The option or input it is about: "aspectRatio", "input.endImage". */
  field?: string;
  /** The provider's display name ("Kling"), as the sentence says it. */
  provider?: string;
  /** The value asked for, as text (JSON for non-strings). */
  value?: string;
  /** What was used instead, as text. */
  used?: string;
  /** Further facts some codes carry (counts, dates). */
  params?: Record<string, string | number>;
}

export const messagesOf = (warnings: readonly Warning[]): string[] => warnings.map((w) => w.message);

/** A value as the sentence shows it: strings bare, anything else as JSON. */
export const asText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * The structured list stored with a generation, or — for a generation stored before codes existed — its plain
 * sentences as NOTICE, so every generation answers `warningDetails` in step with `warnings`.
 */
export function readWarningDetails(details: unknown, warnings: unknown): Warning[] {
  const sentences = Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === "string") : [];
  const stored = Array.isArray(details) ? (details as Warning[]).filter((d) => d && typeof d.code === "string" && typeof d.message === "string") : [];
  if (stored.length === sentences.length) return stored;
  // Out of step (a sentence appended by code that predates details): keep the coded ones, the rest as NOTICE.
  const byMessage = new Map(stored.map((d) => [d.message, d]));
  return sentences.map((message) => byMessage.get(message) ?? { code: "NOTICE", message });
}

/**
 * A model's own reconcile rule (lib/providers/<vendor>/transform.ts) states its change as a sentence that starts
 * with the option or input it changed ("aspectRatio 4:3 is not offered…", "input.endImage is ignored: …"). The
 * option is named when that first word is one the request or the model has; the sentence stays the message.
 */
export function adjustment(message: string, provider: string, known: ReadonlySet<string>): Warning {
  const first = /^([A-Za-z][\w.]*)/.exec(message)?.[1];
  const field = first && (known.has(first) || first.startsWith("input.")) ? first : undefined;
  return { code: "OPTION_ADJUSTED", message, provider, ...(field ? { field } : {}) };
}
