import type { Stock, StockVoice } from "../unified/presets";

/**
 * Hedra's voices for its hosted speech model (`GET /models/elevenlabs-multilingual-v2/voices`, Hedra OpenAPI 3.9.0
 * in hedra-labs/hedra-cli, checked 2026-12-05): id, name and labels {language, gender, accent}. The list is the
 * account's [U: Hedra publishes no fixed stock list; these are the entries the sandbox fake serves, and live the
 * adapter also matches a voice by name against Hedra's real list]. Hedra has no stock avatars: it animates the
 * portrait in input.image.
 */
export const HEDRA_STOCK_VOICES: Stock<StockVoice> = {
  stock: [
    { id: "voice_5f1c2a43-3c1e-4c3f-9a57-0f8e3b7d1a01", name: "Chloe", language: "en-US", gender: "female", traits: ["american", "young", "friendly", "calm"] },
    { id: "voice_8b2d6e10-7a4f-4e21-b5c9-2c7d9e4f3b02", name: "Marcus", language: "en-US", gender: "male", traits: ["american", "deep", "narration", "professional"] },
    { id: "voice_c3e4f5a6-1b2c-4d3e-8f9a-3d4e5f6a7b03", name: "Priya", language: "en-GB", gender: "female", traits: ["british", "professional", "clear"] },
  ],
  ownIds: /^voice_[0-9a-f-]{36}$/,
};
