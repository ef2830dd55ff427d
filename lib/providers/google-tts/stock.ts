import type { Stock, StockVoice } from "../unified/presets";

/**
 * A selection of Google Cloud TTS voices (the full list is `GET /v1/voices`, 380+). Names and ssmlGender as
 * Google lists them (en-US Neural2 A/D/I/J male, C/E/F/G/H female; en-GB Neural2 A/C female, B/D male; ru-RU
 * Wavenet A/C/E female, B/D male; checked 2026-12-05 with the code search against public clients of the voices
 * endpoint) [S]. Traits are our reading for preset matching. Any other valid voice name passes through.
 */
const v = (id: string, gender: StockVoice["gender"], traits: string[]): StockVoice => ({
  id,
  name: id,
  language: /^([a-z]{2,3}-[A-Z]{2})-/.exec(id)?.[1] ?? "en-US",
  gender,
  traits,
});

export const GOOGLE_TTS_STOCK_VOICES: Stock<StockVoice> = {
  stock: [
    v("en-US-Neural2-F", "female", ["calm", "young", "american", "narration", "soft"]),
    v("en-US-Neural2-C", "female", ["warm", "friendly", "american", "conversational"]),
    v("en-US-Neural2-E", "female", ["young", "energetic", "upbeat", "american"]),
    v("en-US-Neural2-G", "female", ["professional", "clear", "confident", "american"]),
    v("en-US-Neural2-H", "female", ["expressive", "american"]),
    v("en-US-Neural2-D", "male", ["deep", "narration", "warm", "american"]),
    v("en-US-Neural2-J", "male", ["friendly", "warm", "conversational", "american"]),
    v("en-US-Neural2-I", "male", ["professional", "clear", "confident", "american", "authoritative", "news"]),
    v("en-US-Neural2-A", "male", ["calm", "soft", "american"]),
    v("en-US-Wavenet-D", "male", ["american"]),
    v("en-US-Wavenet-F", "female", ["american"]),
    v("en-GB-Neural2-A", "female", ["british", "professional", "clear"]),
    v("en-GB-Neural2-C", "female", ["british", "calm"]),
    v("en-GB-Neural2-B", "male", ["british", "narration", "deep"]),
    v("en-GB-Neural2-D", "male", ["british", "professional"]),
    v("ru-RU-Wavenet-A", "female", ["calm", "narration"]),
    v("ru-RU-Wavenet-C", "female", ["professional", "clear"]),
    v("ru-RU-Wavenet-E", "female", ["friendly", "warm"]),
    v("ru-RU-Wavenet-B", "male", ["professional", "clear"]),
    v("ru-RU-Wavenet-D", "male", ["deep", "narration", "warm"]),
  ],
  // Any Google voice name: language-REGION-Family-Variant (en-US-Chirp3-HD-Charon, de-DE-Wavenet-B…).
  ownIds: /^[a-z]{2,3}-[A-Z]{2}-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/,
};
