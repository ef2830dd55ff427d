import type { GenerationJob, Options, Reconciled } from "../types";

/**
 * Our model names → ElevenLabs `model_id`, with each model's per-request character limit, language enforcement and
 * price (1 ElevenLabs credit per character, half on Turbo/Flash). Eleven v3 takes stability only as 0, 0.5 or 1
 * (Creative, Natural, Robust). Models overview (elevenlabs.io/docs/overview/models) and `@elevenlabs/elevenlabs-js`
 * 2.73.0, checked 2026-12-05; Turbo v2.5 is listed among the older models ElevenLabs keeps for compatibility, with
 * no end date announced.
 */
export const ELEVENLABS_MODELS = {
  "multilingual-v2": { id: "eleven_multilingual_v2", maxChars: 10_000, languageCode: false, creditsPerChar: 1, stabilitySteps: false },
  v3: { id: "eleven_v3", maxChars: 5_000, languageCode: false, creditsPerChar: 1, stabilitySteps: true },
  "turbo-v2.5": { id: "eleven_turbo_v2_5", maxChars: 40_000, languageCode: true, creditsPerChar: 0.5, stabilitySteps: false },
  "flash-v2.5": { id: "eleven_flash_v2_5", maxChars: 40_000, languageCode: true, creditsPerChar: 0.5, stabilitySteps: false },
} as const;
export type ElevenLabsModel = keyof typeof ELEVENLABS_MODELS;

/**
 * Well-known names → premade voice ids. The first group is today's default library; the second the classic
 * premade voices, which new accounts no longer list but the API still serves by id. "bella" is the classic id
 * (the voice ElevenLabs has since renamed Sarah). Anything else is passed on as a voice id.
 */
export const PREMADE_VOICES: Readonly<Record<string, string>> = {
  sarah: "EXAVITQu4vr4xnSDxMaL",
  roger: "CwhRBWXzGAHq8TQ4Fs17",
  laura: "FGY2WhTYpPnrIDTdsKH5",
  charlie: "IKne3meq5aSn9XLyUdCD",
  george: "JBFqnCBsd6RMkjVDRZzb",
  callum: "N2lVS1w4EtoT3dr4eOWO",
  river: "SAz9YHcvj6GT2YYXdXww",
  liam: "TX3LPaxmHKxFdv7VOQHJ",
  alice: "Xb7hH8MSUJpSbSDYk0k2",
  matilda: "XrExE9yKIg1WjnnlVkGX",
  will: "bIHbv24MWmeRgasZH58o",
  jessica: "cgSgspJ2msm6clMCkdW9",
  eric: "cjVigY5qzO86Huf0OWal",
  chris: "iP95p4xoKVk53GoZ742B",
  brian: "nPczCjzI2devNBz1zQrb",
  daniel: "onwK4e9ZLuTAKqWW03F9",
  lily: "pFZP5JQG7iQjIQuC4Bku",
  bill: "pqHfZKP75CvOlQylNhV4",
  adam: "pNInz6obpgDQGcFmaJgB",
  // classic premade voices
  rachel: "21m00Tcm4TlvDq8ikWAM",
  domi: "AZnzlk1XvdvUeBnXmlld",
  bella: "EXAVITQu4vr4xnSDxMaL",
  antoni: "ErXwobaYiN019PkySvjV",
  elli: "MF3mGyEYCl7XYWbV9V6O",
  josh: "TxGEqnHWrfWFTfGW9XjX",
  arnold: "VR6AewLTigWG4xSOukaG",
  sam: "yoZ06aMxZJJ28mfd3POQ",
};

/**
 * ElevenLabs has no emotion parameter: delivery comes from the voice settings. Lower stability lets the voice
 * vary more (livelier, less steady); `style` exaggerates the speaker's own manner. These are the nearest settings.
 */
export const EMOTION_SETTINGS: Readonly<Record<string, { stability: number; style: number }>> = {
  neutral: { stability: 0.5, style: 0 },
  calm: { stability: 0.8, style: 0 },
  excited: { stability: 0.3, style: 0.6 },
  sad: { stability: 0.6, style: 0.4 },
  angry: { stability: 0.25, style: 0.8 },
  friendly: { stability: 0.45, style: 0.3 },
  serious: { stability: 0.75, style: 0.1 },
};

/**
 * mp3 → MP3 at 44.1 kHz/128 kbps (every plan). wav → `pcm_24000`: ElevenLabs sends raw 16-bit little-endian mono
 * samples with no header (44.1 kHz PCM needs the Pro plan; 24 kHz is every plan's and plenty for speech), which the
 * adapter wraps in a WAV header so the stored file plays anywhere.
 */
export const OUTPUT_FORMATS = { mp3: "mp3_44100_128", wav: "pcm_24000" } as const;
export const PCM_SAMPLE_RATE = 24_000;

/** ISO 639-1 codes Turbo/Flash v2.5 accept as `language_code` (ElevenLabs uses "fil" for Filipino). */
export const LANGUAGES = [
  "en",
  "ja",
  "zh",
  "de",
  "hi",
  "fr",
  "ko",
  "pt",
  "it",
  "es",
  "id",
  "nl",
  "tr",
  "fil",
  "pl",
  "sv",
  "bg",
  "ro",
  "ar",
  "cs",
  "el",
  "fi",
  "hr",
  "ms",
  "sk",
  "da",
  "ta",
  "uk",
  "ru",
  "hu",
  "no",
  "vi",
] as const;

export const elevenLabsModel = (o: Options): ElevenLabsModel => (String(o.model) in ELEVENLABS_MODELS ? (String(o.model) as ElevenLabsModel) : "multilingual-v2");

/** A voice name (any case) or an ElevenLabs voice id. */
export function elevenLabsVoiceId(job: Pick<GenerationJob, "input" | "options">): string {
  // Planning put the client's input.voice (or options.voice), resolved to a premade id, into options.voice.
  const voice = String(job.options.voice ?? job.input.voice ?? "rachel").trim();
  return PREMADE_VOICES[voice.toLowerCase()] ?? voice;
}

/** Multilingual v2 detects the language itself and refuses `language_code`; only Turbo/Flash v2.5 enforce one. */
export function reconcileElevenLabs(options: Options): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const model = ELEVENLABS_MODELS[elevenLabsModel(options)];
  if (options.language !== undefined && !model.languageCode) {
    delete applied.language;
    warnings.push(`language is ignored: ElevenLabs ${options.model} detects the language from the text (turbo-v2.5 and flash-v2.5 can enforce one)`);
  }
  return { applied, warnings };
}

/** Characters over the model's per-request limit, or 0. Checked before anything is sent, so nothing is spent. */
export function charactersOverLimit(text: string, options: Options): number {
  return Math.max(0, text.length - ELEVENLABS_MODELS[elevenLabsModel(options)].maxChars);
}

export interface ElevenLabsSpeechRequest {
  voiceId: string;
  query: { output_format: string };
  body: {
    text: string;
    model_id: string;
    language_code?: string;
    voice_settings: { stability: number; similarity_boost: number; style: number; use_speaker_boost: boolean; speed: number };
    seed?: number;
  };
}

/** Our job → `POST /v1/text-to-speech/{voice_id}?output_format=…`. */
export function toElevenLabsRequest(job: GenerationJob): ElevenLabsSpeechRequest {
  const o = job.options;
  const model = ELEVENLABS_MODELS[elevenLabsModel(o)];
  const preset = EMOTION_SETTINGS[String(o.emotion ?? "neutral")] ?? EMOTION_SETTINGS.neutral;
  // Eleven v3 refuses any stability but its three presets: the nearest one keeps the delivery's direction.
  const emotion = model.stabilitySteps ? { ...preset, stability: Math.round(preset.stability * 2) / 2 } : preset;
  return {
    voiceId: elevenLabsVoiceId(job),
    query: { output_format: o.format === "wav" ? OUTPUT_FORMATS.wav : OUTPUT_FORMATS.mp3 },
    body: {
      text: job.text,
      model_id: model.id,
      ...(o.language !== undefined && model.languageCode ? { language_code: String(o.language) } : {}),
      voice_settings: { ...emotion, similarity_boost: 0.75, use_speaker_boost: true, speed: Number(o.speed ?? 1) },
      ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
    },
  };
}

/** A 44-byte RIFF/WAVE header in front of raw 16-bit little-endian PCM, so the bytes are a playable .wav file. */
export function pcmToWav(pcm: Buffer, sampleRate = PCM_SAMPLE_RATE, channels = 1): Buffer {
  const header = Buffer.alloc(44);
  const blockAlign = channels * 2;
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}
