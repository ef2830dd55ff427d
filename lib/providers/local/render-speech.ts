import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runProcess, throwIfAborted } from "@/lib/media/run-process";

/**
 * Friendly voice names → espeak-ng voice ids ("language+variant"). Every id here was checked
 * against espeak-ng 1.51 to produce audio distinct from its base voice. Note: "en-gb+<variant>"
 * silently ignores the variant in 1.51, so British variants use the equivalent "en+<variant>".
 */
export const LOCAL_VOICES = {
  "en-us": "en-us",
  "en-gb": "en-gb",
  rachel: "en-us+f3",
  bella: "en-us+f2",
  adam: "en-us+m3",
  josh: "en-us+m1",
  professional_female: "en-us+f4",
  professional_male: "en+m2",
  narrator: "en-gb-x-rp+m3",
  de: "de",
  fr: "fr",
  es: "es",
  it: "it",
  pt: "pt",
  nl: "nl",
  pl: "pl",
  ru: "ru",
  tr: "tr",
  ar: "ar",
  hi: "hi",
  ja: "ja",
  ko: "ko",
  zh: "cmn",
} as const satisfies Readonly<Record<string, string>>;

export type LocalVoice = keyof typeof LOCAL_VOICES;

export interface RenderSpeechOptions {
  text: string;
  /** A key of LOCAL_VOICES (case-insensitive). */
  voice: string;
  /** 0.5–2.0; 1 = espeak-ng's normal 175 words per minute. */
  speed: number;
  format: "mp3" | "wav";
  outFile: string;
  signal?: AbortSignal;
}

const NORMAL_WPM = 175;
const MAX_TEXT_CHARS = 20_000; // ~25 minutes of speech; beyond that a preview makes no sense

export function resolveVoice(voice: string): string {
  const key = voice.trim().toLowerCase();
  if (Object.hasOwn(LOCAL_VOICES, key)) return LOCAL_VOICES[key as LocalVoice];
  throw new RangeError(`unknown local voice "${voice}"; expected one of: ${Object.keys(LOCAL_VOICES).join(", ")}`);
}

/** Sibling path for writing, renamed into place on success so readers never see half a file. */
export function partialPath(outFile: string): string {
  return `${outFile}.${process.pid}-${randomBytes(4).toString("hex")}.partial`;
}

/**
 * Synthesize `text` with espeak-ng. The text goes to espeak-ng's stdin (`--stdin`), never
 * argv or a shell, so leading dashes, quotes or `$(...)` are just spoken text.
 */
export async function renderSpeech(opts: RenderSpeechOptions): Promise<void> {
  const { text, voice, speed, format, outFile, signal } = opts;
  if (!text.trim()) throw new RangeError("text must not be empty");
  if (text.length > MAX_TEXT_CHARS) throw new RangeError(`text exceeds ${MAX_TEXT_CHARS} characters`);
  if (!Number.isFinite(speed) || speed < 0.5 || speed > 2) throw new RangeError(`speed must be within 0.5–2.0, got ${speed}`);
  const voiceId = resolveVoice(voice);
  const wpm = String(Math.round(NORMAL_WPM * speed));
  throwIfAborted(signal, "speech");

  const tmp = await mkdtemp(path.join(tmpdir(), "doitong-speech-"));
  const partial = partialPath(outFile);
  try {
    const wav = path.join(tmp, "speech.wav");
    await runProcess("espeak-ng", ["-v", voiceId, "-s", wpm, "-w", wav, "--stdin"], {
      input: text,
      signal,
      timeoutMs: 120_000,
    });
    if (format === "wav") {
      // tmpdir may be on another filesystem (EXDEV), where only a copy works
      await rename(wav, partial).catch(() => copyFile(wav, partial));
    } else {
      // 44.1 kHz mono CBR: plays everywhere and keeps duration estimates exact. bitexact drops
      // the encoder-version tag so identical input gives identical bytes.
      await runProcess(
        "ffmpeg",
        [
          "-nostdin",
          "-hide_banner",
          "-v",
          "error",
          "-y",
          "-i",
          wav,
          "-map_metadata",
          "-1",
          "-fflags",
          "+bitexact",
          "-flags:a",
          "+bitexact",
          "-ac",
          "1",
          "-ar",
          "44100",
          "-c:a",
          "libmp3lame",
          "-b:a",
          "64k",
          "-f",
          "mp3",
          partial,
        ],
        { signal, timeoutMs: 120_000 },
      );
    }
    await rename(partial, outFile);
  } finally {
    await rm(partial, { force: true });
    await rm(tmp, { recursive: true, force: true });
  }
}
