import { invalidInput } from "../errors";
import { findProvider } from "./catalog";
import type { ProviderSpec } from "./types";
import { AVATAR_PRESETS, resolveStock, type Stock, type StockAvatar, type StockVoice, VOICE_PRESETS } from "./unified/presets";

export type VoiceListing = StockVoice & { presets: string[] };
export type AvatarListing = StockAvatar & { presets: string[] };

/** A provider's stock voices (optionally one language, e.g. "en" or "ru-RU"), with the portable names that pick each. */
export function listVoices(providerId: string, language?: string): VoiceListing[] {
  const provider = stockProvider(providerId, "voices");
  const voices = provider.voices as Stock<StockVoice>;
  const wanted = language?.toLowerCase();
  return withPresets(voices, VOICE_PRESETS).filter((v) => !wanted || v.language.toLowerCase().startsWith(wanted));
}

/** A provider's stock avatars, with the portable names that pick each. */
export function listAvatars(providerId: string): AvatarListing[] {
  return withPresets(stockProvider(providerId, "avatars").avatars as Stock<StockAvatar>, AVATAR_PRESETS);
}

function withPresets<T extends StockVoice | StockAvatar>(vendor: Stock<T>, presets: Parameters<typeof resolveStock>[2]): (T & { presets: string[] })[] {
  const picks = new Map<string, string[]>();
  for (const name of Object.keys(presets)) {
    const result = resolveStock(name, vendor, presets);
    if (result.kind === "stock") picks.set(result.entry.id, [...(picks.get(result.entry.id) ?? []), name]);
  }
  return vendor.stock.map((s) => ({ ...s, presets: picks.get(s.id) ?? [] }));
}

function stockProvider(id: string, what: "voices" | "avatars"): ProviderSpec {
  const provider = findProvider(id);
  if (!provider) throw invalidInput("provider", `Unknown provider "${id}"`);
  if (!provider[what]) throw invalidInput("provider", `${provider.name} has no stock ${what}`);
  return provider;
}
