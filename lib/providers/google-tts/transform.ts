import { invalidInput } from "../../errors";
import { rate } from "../rates";
import type { GenerationJob, Options, Rates, Reconciled } from "../types";

/** Cloud TTS refuses `input.text` / `input.ssml` over this many bytes (UTF-8), whatever the quota. */
export const MAX_INPUT_BYTES = 5_000;

/** Voice names carry their language: `en-US-Wavenet-D` → `en-US`, `cmn-CN-Wavenet-A` → `cmn-CN`. */
const VOICE_NAME = /^([a-z]{2,3}-[A-Z]{2})-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

/** Emotion is not a Cloud TTS parameter; it is approximated with SSML <prosody> (rate, pitch, loudness). */
export const EMOTION_PROSODY: Record<string, { rate: string; pitch: string; volume: string } | undefined> = {
  neutral: undefined,
  excited: { rate: "112%", pitch: "+2st", volume: "+2dB" },
  calm: { rate: "90%", pitch: "-1st", volume: "-2dB" },
  sad: { rate: "85%", pitch: "-2st", volume: "-3dB" },
  angry: { rate: "106%", pitch: "+1st", volume: "+4dB" },
  friendly: { rate: "104%", pitch: "+1st", volume: "+1dB" },
  serious: { rate: "95%", pitch: "-1st", volume: "+0dB" },
};

export const FORMATS = {
  mp3: { audioEncoding: "MP3", ext: "mp3" },
  wav: { audioEncoding: "LINEAR16", ext: "wav" }, // LINEAR16 comes back with a WAV header
  ogg: { audioEncoding: "OGG_OPUS", ext: "ogg" },
} as const;

export const isSsml = (text: string) => /^\s*<speak[\s>]/.test(text);

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);

/**
 * The voice: the `voice` option, where planning put the client's input.voice (or options.voice) resolved from a
 * portable name to a Google voice name; input.voice only for a job planned without that option.
 */
export const voiceName = (options: Options, input?: GenerationJob["input"]) => String(options.voice ?? input?.voice);

/** Text that starts with <speak> goes as SSML; an emotion wraps the content in <prosody>, escaping plain text. */
export function synthesisInput(text: string, options: Options): { text: string } | { ssml: string } {
  const prosody = EMOTION_PROSODY[String(options.emotion ?? "neutral")];
  if (!prosody) return isSsml(text) ? { ssml: text } : { text };
  const open = `<prosody rate="${prosody.rate}" pitch="${prosody.pitch}" volume="${prosody.volume}">`;
  if (!isSsml(text)) return { ssml: `<speak>${open}${escapeXml(text)}</prosody></speak>` };
  return { ssml: text.replace(/^\s*<speak(\s[^>]*)?>/, (tag) => `${tag}${open}`).replace(/<\/speak>\s*$/, "</prosody></speak>") };
}

export const inputBytes = (input: { text: string } | { ssml: string }) => Buffer.byteLength("ssml" in input ? input.ssml : input.text, "utf8");

/**
 * Runs before anything is spent: the voice name must carry a language, and the text (as it will be sent, SSML
 * included) must fit Cloud TTS's 5,000-byte limit — both are hard errors, since there is nothing to adjust. The
 * client's input.voice becomes the applied `voice`, so the price follows the voice actually used. Chirp 3 HD and
 * Journey voices take no pitch.
 */
export function reconcileGoogleTts(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied: Options = { ...options, voice: voiceName(options, input) };
  const warnings: string[] = [];
  if (!VOICE_NAME.test(String(applied.voice))) {
    const field = input.voice !== undefined ? "input.voice" : "options.voice";
    throw invalidInput(field, `"${applied.voice}" is not a Google voice name; names look like en-US-Wavenet-D (language-REGION-Type-Variant)`);
  }
  if (/Chirp|Journey/.test(String(applied.voice)) && Number(options.pitch ?? 0) !== 0) {
    applied.pitch = 0;
    warnings.push(`pitch is ignored: ${applied.voice} does not support pitch changes`);
  }
  // The planner hands over the client's input including its text (GenerationJob["input"] omits it from the type).
  const text = (input as { text?: unknown }).text;
  if (typeof text === "string") {
    const bytes = inputBytes(synthesisInput(text, applied));
    if (bytes > MAX_INPUT_BYTES) {
      throw invalidInput("input.text", `Google Text-to-Speech takes at most ${MAX_INPUT_BYTES} bytes of text or SSML per request; this one is ${bytes} bytes as sent`);
    }
  }
  return { applied, warnings };
}

export interface SynthesizeRequest {
  input: { text: string } | { ssml: string };
  voice: { languageCode: string; name: string };
  audioConfig: { audioEncoding: string; speakingRate: number; pitch: number; volumeGainDb: number };
}

/** Our job → `POST /v1/text:synthesize`. */
export function toSynthesizeRequest(job: GenerationJob): SynthesizeRequest {
  const o = job.options;
  const name = voiceName(o, job.input);
  return {
    input: synthesisInput(job.text, o),
    voice: { languageCode: VOICE_NAME.exec(name)?.[1] ?? "en-US", name },
    audioConfig: {
      audioEncoding: FORMATS[formatOf(o)].audioEncoding,
      speakingRate: Number(o.speed ?? 1),
      pitch: Number(o.pitch ?? 0),
      volumeGainDb: Number(o.volume ?? 0),
    },
  };
}

export const formatOf = (o: Options): keyof typeof FORMATS => (String(o.format) in FORMATS ? (String(o.format) as keyof typeof FORMATS) : "mp3");

/**
 * Google bills per million characters by voice family (SSML tags count); the price list holds US cents per 1,000
 * characters, `<family>.per1000Chars` (first list: studio 16 = $160 / 1M, chirp 3 = Chirp 3 HD $30 / 1M, neural2 1.6
 * = $16 / 1M, standard 0.4 = Standard and WaveNet $4 / 1M).
 */
export function voiceFamily(voice: string): "studio" | "chirp" | "neural2" | "standard" {
  if (/Studio/.test(voice)) return "studio";
  if (/Chirp/.test(voice)) return "chirp";
  if (/Neural2|Polyglot|News|Casual|Journey/.test(voice)) return "neural2";
  return "standard";
}

export function googleTtsCost(rates: Rates, options: Options, text: string): number {
  const input = synthesisInput(text, options);
  const chars = [...("ssml" in input ? input.ssml : input.text)].length;
  return Math.max(1, Math.ceil((chars / 1000) * rate(rates, `${voiceFamily(String(options.voice))}.per1000Chars`)));
}
