import type { GenerationType, ModelSpec, ProviderSpec } from "../types";
import { messagesOf, type Warning } from "../warnings";
import { treatmentOf } from "./treatment";
import { AVATAR_PRESETS, BACKGROUND_PRESETS, resolveStock, type Stock, type StockAvatar, type StockVoice, unknownName, VOICE_PRESETS } from "./presets";

interface Request {
  type: GenerationType;
  input: { voice?: string };
  /** `options` as the client sent them. */
  options: Record<string, unknown> | undefined;
}

export interface Translated {
  /** The client's options with portable names replaced by the vendor's ids (then validated as usual). */
  options: Record<string, unknown>;
  /** What the client called them, to show as asked. */
  asked: Record<string, string>;
  warnings: string[];
  /** The same warnings as data: lib/providers/warnings.ts. */
  warningDetails: Warning[];
}

/**
 * Portable names → the chosen vendor's own ids, before validation: the voice (input.voice wins over
 * options.voice, as on every provider), the avatar and a preset background. The resolved voice goes to
 * options.voice, which adapters read. A preset resolved by likeness says which stock entry it chose; a name that
 * is neither a stock entry, a preset nor the vendor's id pattern is INVALID_INPUT with close matches.
 */
export function translatePresets(provider: ProviderSpec, model: ModelSpec, req: Request): Translated {
  const options = { ...req.options };
  const asked: Record<string, string> = {};
  const warnings: Warning[] = [];
  const takes = (name: string) => model.options.some((o) => o.name === name);
  if ((req.type === "AUDIO" || req.type === "AVATAR") && provider.voices && takes("voice")) {
    const fromInput = req.input.voice !== undefined;
    const wanted = fromInput ? req.input.voice : typeof options.voice === "string" ? options.voice : undefined;
    if (wanted !== undefined) {
      const language = typeof options.language === "string" ? options.language : undefined;
      options.voice = resolved(wanted, provider.voices, VOICE_PRESETS, "voice", fromInput ? "input.voice" : "options.voice", provider.name, warnings, language);
      asked.voice = wanted;
    } else if (typeof options.language === "string" && treatmentOf(model, req.type, "language").kind === "approximated") {
      // A vendor whose language comes with the voice (Google): a language alone picks a stock voice speaking it.
      const lang = options.language.toLowerCase();
      const voice = provider.voices.stock.find((v) => v.language.toLowerCase().startsWith(lang));
      if (voice) {
        options.voice = voice.id;
        const message = `language "${options.language}" is spoken by ${provider.name}'s ${voice.name}`;
        warnings.push({ code: "VOICE_FOR_LANGUAGE", message, field: "language", provider: provider.name, value: options.language, used: voice.name });
      }
    }
  }
  if (req.type === "AVATAR") {
    // Only where the model takes an avatar id natively (Hedra animates input.image instead).
    if (typeof options.avatarId === "string" && provider.avatars && takes("avatarId")) {
      asked.avatarId = options.avatarId;
      options.avatarId = resolved(options.avatarId, provider.avatars, AVATAR_PRESETS, "avatar", "options.avatarId", provider.name, warnings);
    }
    const background = typeof options.background === "string" ? options.background.toLowerCase() : undefined;
    if (background && Object.hasOwn(BACKGROUND_PRESETS, background) && takes("background")) {
      asked.background = background;
      options.background = BACKGROUND_PRESETS[background];
      const message = `background "${background}" is shown as the colour ${BACKGROUND_PRESETS[background]} on ${provider.name}`;
      warnings.push({ code: "BACKGROUND_AS_COLOUR", message, field: "background", provider: provider.name, value: background, used: BACKGROUND_PRESETS[background] });
    }
  }
  return { options, asked, warnings: messagesOf(warnings), warningDetails: warnings };
}

function resolved<T extends StockVoice | StockAvatar>(
  wanted: string,
  vendor: Stock<T>,
  presets: Parameters<typeof resolveStock>[2],
  what: "voice" | "avatar",
  field: string,
  providerName: string,
  warnings: Warning[],
  language?: string,
): string {
  const result = resolveStock(wanted, vendor, presets, language);
  switch (result.kind) {
    case "stock":
      if (result.via === "preset") {
        const message = `${what} "${wanted}" is ${providerName}'s ${result.entry.name} (${result.entry.id}), its closest stock ${what}`;
        warnings.push({ code: "PRESET_MATCHED", message, field: what === "voice" ? "voice" : "avatarId", provider: providerName, value: wanted, used: result.entry.name });
      }
      return result.entry.id;
    case "own":
      return result.id;
    case "unknown":
      throw unknownName(field, what, wanted, providerName, result.suggestions);
  }
}
