import { invalidInput } from "../../errors";

/**
 * Portable voices, avatars and backgrounds (issue 14): the product page's `rachel`, `professional_female`,
 * `kate`, `modern_office`… work on every provider of the type. Each vendor lists its stock voices and avatars with
 * a few traits (gender, manner, accent) taken from the vendor's own library labels; a portable name resolves to the
 * vendor's stock entry of that name, else to the entry whose traits fit the preset best. The vendor's own ids
 * still work as they are.
 */

export type Gender = "female" | "male" | "neutral";

export interface StockVoice {
  id: string;
  name: string;
  /** BCP 47 (en-US, ru-RU); the first language the vendor lists for it. */
  language: string;
  gender: Gender;
  /** Manner and accent, in the words of PRESET traits: calm, professional, narration, british, young… */
  traits: readonly string[];
  previewUrl?: string;
}

export interface StockAvatar {
  id: string;
  name: string;
  gender: Gender;
  traits: readonly string[];
  previewUrl?: string;
}

/** A vendor's stock, and what its own ids look like (ids from the account's own library pass through). */
export interface Stock<T> {
  stock: readonly T[];
  ownIds?: RegExp;
}

interface Preset {
  gender?: Gender;
  traits: readonly string[];
  description: string;
}

export const VOICE_PRESETS: Readonly<Record<string, Preset>> = {
  rachel: { gender: "female", traits: ["calm", "young", "american", "narration"], description: "Calm young American woman (the product page's example)" },
  professional_female: { gender: "female", traits: ["professional", "clear", "confident"], description: "Clear, confident woman for business content" },
  professional_male: { gender: "male", traits: ["professional", "clear", "confident"], description: "Clear, confident man for business content" },
  narrator: { gender: "male", traits: ["narration", "deep", "warm"], description: "Warm, deep storytelling voice" },
  friendly_female: { gender: "female", traits: ["friendly", "warm", "conversational"], description: "Warm, conversational woman" },
  friendly_male: { gender: "male", traits: ["friendly", "warm", "conversational"], description: "Warm, conversational man" },
  calm: { traits: ["calm", "soft", "narration"], description: "Soft, calm voice of either gender" },
  calm_female: { gender: "female", traits: ["calm", "soft"], description: "Soft, calm woman" },
  calm_male: { gender: "male", traits: ["calm", "soft"], description: "Soft, calm man" },
  energetic_female: { gender: "female", traits: ["energetic", "upbeat", "young"], description: "Upbeat young woman" },
  energetic_male: { gender: "male", traits: ["energetic", "upbeat", "young"], description: "Upbeat young man" },
  news_anchor: { gender: "male", traits: ["news", "authoritative", "professional"], description: "Authoritative news delivery" },
};

export const AVATAR_PRESETS: Readonly<Record<string, Preset>> = {
  kate: { gender: "female", traits: ["professional", "young", "business"], description: "Young businesswoman (the product page's example)" },
  professional_female: { gender: "female", traits: ["professional", "business"], description: "Woman in business dress" },
  professional_male: { gender: "male", traits: ["professional", "business"], description: "Man in business dress" },
  casual_female: { gender: "female", traits: ["casual", "young"], description: "Woman in casual clothes" },
  casual_male: { gender: "male", traits: ["casual", "young"], description: "Man in casual clothes" },
  presenter: { gender: "female", traits: ["presenter", "professional"], description: "Studio presenter" },
};

/** Portable backgrounds as colours every avatar vendor can show (a vendor with real scenes maps them natively). */
export const BACKGROUND_PRESETS: Readonly<Record<string, string>> = {
  modern_office: "#cfd8e3",
  studio: "#1f2937",
  living_room: "#e6d5bf",
  outdoor: "#a7c7a0",
  plain: "#ffffff",
};

export type Resolution<T> = { kind: "stock"; entry: T; via: "id" | "name" | "preset" } | { kind: "own"; id: string } | { kind: "unknown"; suggestions: string[] };

/** A voice or avatar by the vendor's id, its name, a portable preset, or an id of the account's own library. */
export function resolveStock<T extends StockVoice | StockAvatar>(wanted: string, vendor: Stock<T>, presets: Readonly<Record<string, Preset>>, language?: string): Resolution<T> {
  const key = wanted.trim();
  const byId = vendor.stock.find((s) => s.id === key);
  if (byId) return { kind: "stock", entry: byId, via: "id" };
  const lower = key.toLowerCase();
  const byName = vendor.stock.find((s) => s.name.toLowerCase() === lower);
  if (byName) return { kind: "stock", entry: byName, via: "name" };
  const preset = presets[lower];
  if (preset && vendor.stock.length > 0) return { kind: "stock", entry: bestFit(vendor.stock, preset, language), via: "preset" };
  if (vendor.ownIds?.test(key)) return { kind: "own", id: key };
  return { kind: "unknown", suggestions: closeMatches(lower, [...Object.keys(presets), ...vendor.stock.map((s) => s.name.toLowerCase())]) };
}

/** The stock entry that fits a preset best: gender first, then language, then shared traits; ties keep list order. */
function bestFit<T extends StockVoice | StockAvatar>(stock: readonly T[], preset: Preset, language?: string): T {
  const score = (s: T) => {
    let points = 0;
    if (preset.gender) points += s.gender === preset.gender ? 8 : s.gender === "neutral" ? 0 : -8;
    if (language && "language" in s) points += s.language.toLowerCase().startsWith(language.toLowerCase()) ? 16 : -16;
    return points + preset.traits.filter((t) => s.traits.includes(t)).length;
  };
  return stock.reduce((best, s) => (score(s) > score(best) ? s : best));
}

/** Up to five names within a small edit distance (or sharing a prefix), closest first. */
export function closeMatches(wanted: string, names: readonly string[]): string[] {
  const unique = [...new Set(names)];
  return unique
    .map((name) => ({ name, d: name.startsWith(wanted) || wanted.startsWith(name) ? 0 : distance(wanted, name) }))
    .filter(({ name, d }) => d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, 5)
    .map(({ name }) => name);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** INVALID_INPUT for a name no vendor list, preset or id pattern knows, with what is close. */
export function unknownName(field: string, what: string, wanted: string, providerName: string, suggestions: string[]): Error {
  const close = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : "";
  return invalidInput(field, `Unknown ${what} "${wanted}" for ${providerName}.${close} See the ${what}s query for the full list.`);
}
