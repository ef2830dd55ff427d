import { invalidInput } from "../errors";
import type { ModelSpec, OptionSpec, OptionValue, Options } from "./types";

/**
 * Checks client options against a model's option list and fills in defaults. Every problem names its field
 * (`options.duration`) and what would have been accepted; nothing unknown passes silently.
 */
export function resolveOptions(model: ModelSpec, providerId: string, raw: unknown): Options {
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    throw invalidInput("options", "options must be an object of option names to values");
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  const known = new Map(model.options.map((o) => [o.name, o]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const names = [...known.keys()].join(", ") || "none";
      throw invalidInput(`options.${name}`, `Unknown option "${name}" for ${providerId}; accepted options: ${names}`);
    }
  }
  const out: Options = {};
  for (const spec of model.options) {
    const value = given[spec.name];
    if (value === undefined || value === null) {
      if (spec.required) throw invalidInput(`options.${spec.name}`, `Option "${spec.name}" is required for ${providerId}`);
      if (spec.default !== undefined) out[spec.name] = spec.default;
      continue;
    }
    out[spec.name] = checkValue(spec, value, providerId);
  }
  return out;
}

/** A value checked against one option: the parsed value, or why it does not fit (outcomes as data). */
export type ParsedValue = { ok: true; value: OptionValue } | { ok: false; why: string };

export function parseValue(spec: OptionSpec, value: unknown): ParsedValue {
  const fail = (why: string): ParsedValue => ({ ok: false, why });
  let parsed: OptionValue;
  switch (spec.type) {
    case "STRING":
      if (typeof value !== "string") return fail(`must be a string, got ${describe(value)}`);
      if (value.length > 1_000) return fail("is longer than 1000 characters");
      parsed = value;
      break;
    case "BOOLEAN":
      if (typeof value !== "boolean") return fail(`must be true or false, got ${describe(value)}`);
      parsed = value;
      break;
    case "INT":
    case "FLOAT": {
      // Numbers may arrive as numeric strings from form posts ("10"); anything else is a type error.
      const num = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof num !== "number" || !Number.isFinite(num)) return fail(`must be a number, got ${describe(value)}`);
      if (spec.type === "INT" && !Number.isInteger(num)) return fail(`must be a whole number, got ${num}`);
      if (spec.min !== undefined && num < spec.min) return fail(`must be at least ${spec.min}, got ${num}`);
      if (spec.max !== undefined && num > spec.max) return fail(`must be at most ${spec.max}, got ${num}`);
      parsed = num;
      break;
    }
  }
  if (spec.allowedValues && !spec.allowedValues.includes(String(parsed))) {
    return fail(`must be one of ${spec.allowedValues.join(", ")}; got ${JSON.stringify(parsed)}`);
  }
  return { ok: true, value: parsed };
}

/** The parsed value, or INVALID_INPUT on `field` saying what `spec` accepts for `owner`. */
export function checkValue(spec: OptionSpec, value: unknown, owner: string, field = `options.${spec.name}`): OptionValue {
  const result = parseValue(spec, value);
  if (!result.ok) throw invalidInput(field, `Option "${spec.name}" for ${owner} ${result.why}`);
  return result.value;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "a list" : value === null ? "null" : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** A model's options at their defaults (catalog pricing, ranking). */
export function defaultOptions(model: ModelSpec): Options {
  return Object.fromEntries(model.options.flatMap((o) => (o.default === undefined ? [] : [[o.name, o.default]])));
}
