import type { Stock, StockAvatar, StockVoice } from "../unified/presets";

/**
 * HeyGen's public (stock) avatars and voices by the ids HeyGen's own examples and public clients of `GET
 * /v2/avatars` and `GET /v2/voices` use (checked 2026-12-05 with the code search) [S]. Daisy and 2d5b0e6c… are the
 * pair of HeyGen's quick-start. Gender follows the avatar's look; a voice's gender is as clients list it
 * [U: HeyGen's own label for 2d5b0e6c… is not in the sources found, so it is kept neutral]. Ids from the account's
 * own lists (custom avatars, talking photos, cloned voices) pass through.
 */
export const HEYGEN_STOCK_AVATARS: Stock<StockAvatar> = {
  stock: [
    { id: "Daisy-inskirt-20220818", name: "Daisy", gender: "female", traits: ["professional", "young", "business"] },
    { id: "Anna_public_3_20240108", name: "Anna", gender: "female", traits: ["casual", "young"] },
    { id: "Kristin_public_2_20240108", name: "Kristin", gender: "female", traits: ["presenter", "professional"] },
    { id: "Kayla-incasualsuit-20220818", name: "Kayla", gender: "female", traits: ["casual", "young"] },
    { id: "Angela-inblackskirt-20220820", name: "Angela", gender: "female", traits: ["business", "professional"] },
    { id: "Tyler-incasualsuit-20220721", name: "Tyler", gender: "male", traits: ["casual", "young"] },
    { id: "Joshua_public_pro2_20230809", name: "Joshua", gender: "male", traits: ["professional", "business"] },
    { id: "josh_lite3_20230714", name: "Josh", gender: "male", traits: ["presenter", "young"] },
  ],
  ownIds: /^[A-Za-z0-9_-]{8,64}$/,
};

export const HEYGEN_STOCK_VOICES: Stock<StockVoice> = {
  stock: [
    { id: "1bd001e7e50f421d891986aad5158bc8", name: "Sofia", language: "en-US", gender: "female", traits: ["professional", "clear", "american", "confident"] },
    { id: "a0e99841e95046769c291cca2a6ce2b5", name: "Kristin", language: "en-US", gender: "female", traits: ["warm", "calm", "american", "friendly"] },
    { id: "131a436c47064f708210df6628ef8f32", name: "Josh", language: "en-US", gender: "male", traits: ["friendly", "american", "conversational"] },
    { id: "077ab11b14f04ce0b49b5f0f3ccb1573", name: "Ryan", language: "en-US", gender: "male", traits: ["professional", "clear", "american"] },
    { id: "2d5b0e6cf36f460aa7fc47e3eee4ba54", name: "HeyGen default", language: "en-US", gender: "neutral", traits: ["american"] },
  ],
  // HeyGen voice ids are 32 hex digits.
  ownIds: /^[0-9a-f]{32}$/,
};
