import type { Stock, StockVoice } from "../unified/presets";
import { PREMADE_VOICES } from "./transform";

/**
 * ElevenLabs' premade voices with the labels `GET /v1/voices` returns for them (gender, age, accent, description,
 * use_case), as echoed by public clients of that endpoint (checked 2026-12-05 with the code search: e.g. Rachel
 * {american, calm, young, female, narration}, Adam {american, deep, middle aged, male, narration}) [S]. Ids are
 * PREMADE_VOICES (the same ids the sandbox fake serves). Every premade voice speaks every language of the
 * multilingual models; `language` is the accent's. Any other id (cloned, library voices) passes through.
 */
const LABELS: Record<string, Omit<StockVoice, "id" | "name">> = {
  rachel: { language: "en-US", gender: "female", traits: ["calm", "young", "american", "narration"] },
  sarah: { language: "en-US", gender: "female", traits: ["soft", "young", "american", "news", "professional", "clear"] },
  laura: { language: "en-US", gender: "female", traits: ["upbeat", "young", "american", "energetic"] },
  alice: { language: "en-GB", gender: "female", traits: ["confident", "british", "news", "professional", "clear"] },
  matilda: { language: "en-US", gender: "female", traits: ["friendly", "warm", "american", "narration"] },
  jessica: { language: "en-US", gender: "female", traits: ["expressive", "young", "american", "conversational", "friendly"] },
  lily: { language: "en-GB", gender: "female", traits: ["warm", "british", "narration", "soft"] },
  domi: { language: "en-US", gender: "female", traits: ["strong", "young", "american", "confident"] },
  elli: { language: "en-US", gender: "female", traits: ["emotional", "young", "american", "energetic"] },
  roger: { language: "en-US", gender: "male", traits: ["confident", "american", "conversational"] },
  charlie: { language: "en-AU", gender: "male", traits: ["natural", "conversational", "casual", "friendly"] },
  george: { language: "en-GB", gender: "male", traits: ["warm", "british", "narration", "deep"] },
  callum: { language: "en-US", gender: "male", traits: ["intense", "characters"] },
  liam: { language: "en-US", gender: "male", traits: ["articulate", "young", "american", "narration", "energetic", "upbeat"] },
  will: { language: "en-US", gender: "male", traits: ["friendly", "young", "american", "conversational"] },
  eric: { language: "en-US", gender: "male", traits: ["friendly", "american", "conversational", "warm"] },
  chris: { language: "en-US", gender: "male", traits: ["casual", "american", "conversational"] },
  brian: { language: "en-US", gender: "male", traits: ["deep", "american", "narration"] },
  daniel: { language: "en-GB", gender: "male", traits: ["authoritative", "british", "news", "professional", "clear", "confident"] },
  bill: { language: "en-US", gender: "male", traits: ["trustworthy", "american", "narration", "calm"] },
  adam: { language: "en-US", gender: "male", traits: ["deep", "american", "narration", "warm"] },
  antoni: { language: "en-US", gender: "male", traits: ["well-rounded", "young", "american", "calm", "soft"] },
  josh: { language: "en-US", gender: "male", traits: ["deep", "young", "american"] },
  arnold: { language: "en-US", gender: "male", traits: ["crisp", "american"] },
  sam: { language: "en-US", gender: "male", traits: ["raspy", "young", "american"] },
  river: { language: "en-US", gender: "neutral", traits: ["confident", "american", "calm"] },
};

const titled = (name: string) => name[0].toUpperCase() + name.slice(1);

export const ELEVENLABS_STOCK_VOICES: Stock<StockVoice> = {
  // "bella" is the classic name of Sarah's id: listed once, under Sarah.
  stock: Object.entries(PREMADE_VOICES)
    .filter(([name]) => name !== "bella" && LABELS[name])
    .map(([name, id]) => ({ id, name: titled(name), ...LABELS[name] })),
  // ElevenLabs voice ids are 20 characters of [A-Za-z0-9].
  ownIds: /^[A-Za-z0-9]{20}$/,
};
