import { invalidInput } from "../../errors";
import { checkValue, parseValue, resolveOptions } from "../resolve-options";
import type { GenerationType, ModelSpec, OptionSpec, Options } from "../types";
import { asText, messagesOf, type Warning } from "../warnings";
import { nearestValue } from "./nearest";
import { treatmentOf } from "./treatment";
import { unifiedOption } from "./vocabulary";

export interface ResolvedOptions {
  /** What the client asked for, validated, with the model's defaults: unified values as given. */
  asked: Options;
  /** What goes on to reconcile and the vendor: the model's own options, native values mapped, approximated kept. */
  applied: Options;
  /** One sentence per unified option that was mapped to a neighbour, approximated or ignored. */
  warnings: string[];
  /** The same warnings as data (code, field, provider, values): lib/providers/warnings.ts. */
  warningDetails: Warning[];
  /** Unified options this model does not take as asked (approximated, ignored or adjusted): what `strict` refuses. */
  notNative: string[];
}

interface Request {
  type: GenerationType;
  providerId: string;
  providerName: string;
  /** `options` as sent: unified names and, as before, the provider's own names. */
  options: unknown;
  /** `providerOptions[providerId]`: this provider's own options only. */
  providerOptions?: unknown;
}

/**
 * One request, one vocabulary: unified options are valid on every provider of the type (see vocabulary.ts) and
 * each model treats them natively, approximately or not at all (treatment.ts) — a valid portable value is never an
 * error. The model's own option names keep working at the top level, and `providerOptions` carries them without
 * touching other providers. Unknown names stay INVALID_INPUT, with the field.
 */
export function resolveRequestOptions(model: ModelSpec, req: Request): ResolvedOptions {
  const given = asObject(req.options, "options");
  const vendorOnly = asObject(req.providerOptions, `providerOptions.${req.providerId}`);
  const own = new Map(model.options.map((o) => [o.name, o]));
  const ownRaw: Record<string, unknown> = {};
  const askedUnified: Options = {};
  const approximated: Options = {};
  const warnings: Warning[] = [];
  const provider = req.providerName;
  const notNative: string[] = [];

  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || value === null) continue;
    // One output is what every provider makes anyway: nothing to map, approximate or warn about.
    if (name === "numOutputs" && Number(value) === 1) {
      askedUnified.numOutputs = 1;
      continue;
    }
    const portable = unifiedOption(req.type, name);
    if (!portable) {
      ownRaw[name] = value; // the model's own option, or unknown: resolveOptions names it
      continue;
    }
    const treatment = treatmentOf(model, req.type, name);
    const target = treatment.kind === "native" ? own.get(treatment.option ?? name) : undefined;
    // A value the model's own option takes as it is (including vendor-specific values such as MiniMax's 768p).
    const exact = target ? parseValue(target, value) : undefined;
    if (target && exact?.ok) {
      ownRaw[target.name] = exact.value;
      askedUnified[name] = exact.value;
      continue;
    }
    const parsed = checkValue(portable, value, "every provider", `options.${name}`);
    askedUnified[name] = parsed;
    switch (treatment.kind) {
      case "native": {
        const spec = target as OptionSpec;
        const translated = treatment.map?.(parsed);
        if (translated !== undefined) {
          ownRaw[spec.name] = translated; // the vendor's name for the same value: native, nothing to say
          break;
        }
        const mapped = treatment.nearest?.(parsed) ?? nearestValue(spec, parsed) ?? spec.default;
        if (mapped === undefined) {
          warnings.push({
            code: "VALUE_UNAVAILABLE",
            message: `${name} ${JSON.stringify(parsed)} is not available on ${provider}; it was left out`,
            field: name,
            provider,
            value: asText(parsed),
          });
        } else {
          ownRaw[spec.name] = mapped;
          const message = `${name} ${JSON.stringify(parsed)} is not available on ${provider}; using ${JSON.stringify(mapped)}`;
          warnings.push({ code: "VALUE_UNAVAILABLE", message, field: name, provider, value: asText(parsed), used: asText(mapped) });
        }
        notNative.push(name);
        break;
      }
      case "approximated":
        approximated[name] = parsed;
        warnings.push({ code: "OPTION_APPROXIMATED", message: `${name} is approximated on ${provider}: ${treatment.note}`, field: name, provider });
        notNative.push(name);
        break;
      case "ignored":
        warnings.push({
          code: "OPTION_IGNORED",
          message: `${name} is not supported by ${provider}; it was ignored${treatment.note ? ` (${treatment.note})` : ""}`,
          field: name,
          provider,
        });
        notNative.push(name);
        break;
    }
  }

  // The provider's own options: strictly, as always. providerOptions win over top-level names.
  for (const name of Object.keys(vendorOnly)) {
    if (!own.has(name)) {
      const names = [...own.keys()].join(", ") || "none";
      throw invalidInput(`providerOptions.${req.providerId}.${name}`, `Unknown option "${name}" for ${req.providerId}; its own options: ${names}`);
    }
  }
  const resolved = resolveOptions(model, req.providerId, { ...ownRaw, ...vendorOnly });
  return { asked: { ...resolved, ...askedUnified }, applied: { ...resolved, ...approximated }, warnings: messagesOf(warnings), warningDetails: warnings, notNative };
}

function asObject(raw: unknown, field: string): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw invalidInput(field, `${field} must be an object of option names to values`);
  return raw as Record<string, unknown>;
}
