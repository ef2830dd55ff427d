import type { Stock, StockAvatar, StockVoice } from "../unified/presets";
import { LOCAL_VOICES } from "./render-speech";

/**
 * The preview's stock: espeak-ng voices (named after the presets they imitate, so `rachel` and
 * `professional_female` are exact here) and a few drawn faces. Language-only voices are neutral in gender.
 */
const NAMED: Record<string, Omit<StockVoice, "id" | "name">> = {
  "en-us": { language: "en-US", gender: "male", traits: ["american"] },
  "en-gb": { language: "en-GB", gender: "male", traits: ["british"] },
  rachel: { language: "en-US", gender: "female", traits: ["calm", "young", "american", "narration"] },
  bella: { language: "en-US", gender: "female", traits: ["soft", "young", "american"] },
  adam: { language: "en-US", gender: "male", traits: ["deep", "narration", "american"] },
  josh: { language: "en-US", gender: "male", traits: ["young", "deep", "american"] },
  professional_female: { language: "en-US", gender: "female", traits: ["professional", "clear", "confident"] },
  professional_male: { language: "en-GB", gender: "male", traits: ["professional", "clear", "confident"] },
  narrator: { language: "en-GB", gender: "male", traits: ["narration", "deep", "warm", "british"] },
};

export const LOCAL_STOCK_VOICES: Stock<StockVoice> = {
  stock: Object.keys(LOCAL_VOICES).map((id) => ({
    id,
    name: id,
    ...(NAMED[id] ?? { language: id === "zh" ? "zh-CN" : id, gender: "neutral" as const, traits: [] }),
  })),
};

/** Drawn faces: each id seeds its own face, so the same avatar looks the same in every clip. */
export const LOCAL_STOCK_AVATARS: Stock<StockAvatar> = {
  stock: [
    { id: "kate", name: "Kate", gender: "female", traits: ["professional", "young", "business"] },
    { id: "anna", name: "Anna", gender: "female", traits: ["casual", "young"] },
    { id: "maria", name: "Maria", gender: "female", traits: ["presenter", "professional"] },
    { id: "james", name: "James", gender: "male", traits: ["professional", "business"] },
    { id: "leo", name: "Leo", gender: "male", traits: ["casual", "young"] },
  ],
};
