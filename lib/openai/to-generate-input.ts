import type { z } from "zod";
import { invalidInput } from "../errors";
import type { GenerationType } from "../generated/prisma/client";
import { mapSize } from "./map-size";
import { resolveModel } from "./resolve-model";
import type { imageEditRequest, imageGenerationRequest, speechRequest, videoCreateRequest } from "./schemas";

type ImageRequest = z.infer<typeof imageGenerationRequest> & { image?: z.infer<typeof imageEditRequest>["image"] };
type SpeechRequest = z.infer<typeof speechRequest>;
type VideoRequest = z.infer<typeof videoCreateRequest>;
type Extras = Pick<ImageRequest, "priority" | "strict" | "options" | "max_cost" | "webhook_url">;

/** A /v1 request as `generate` input, with the notes on what was adjusted before `generate` adds its own. */
export interface Translated {
  input: Record<string, unknown>;
  warnings: string[];
}

/** OpenAI's qualities onto the unified ones (draft < standard < high < ultra); `auto` leaves the default. */
const QUALITY: Record<string, string | undefined> = { low: "draft", medium: "standard", standard: "standard", high: "high", hd: "high", xhigh: "ultra", max: "ultra" };
/** OpenAI's two styles onto the nearest unified ones; a unified style name passes through. */
const STYLE: Record<string, string> = { vivid: "cinematic", natural: "photorealistic" };
/**
 * OpenAI's own voice names (openai@7.60.0 SpeechCreateParams.voice). No provider here has them, and portable
 * presets do not yet resolve the same way on every speech provider (ElevenLabs reads input.voice as its own id,
 * Google refuses names that are not its own), so they mean "the provider's default voice", with a warning.
 */
const OPENAI_VOICES = new Set(["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"]);
/** What we make of OpenAI's speech formats: Opus comes in an Ogg file, as OpenAI's does; aac, flac and pcm we cannot make. */
const SPEECH_FORMAT: Record<string, string | undefined> = { mp3: "mp3", wav: "wav", opus: "ogg" };

export function imageInput(req: ImageRequest, headers: Headers): Translated {
  const size = mapSize("IMAGE", req.size, req.strict ?? false);
  const options = defined({
    ...size.options,
    quality: req.quality ? QUALITY[req.quality] : undefined,
    style: req.style ? (STYLE[req.style] ?? req.style) : undefined,
    format: req.output_format ?? undefined,
    // n goes to the unified numOutputs; n=1 is the default and is not sent, so providers without it still work.
    numOutputs: req.n && req.n > 1 ? req.n : undefined,
  });
  return build("IMAGE", req.model, req, headers, { text: req.prompt, ...(req.image ? { image: req.image } : {}) }, options, size.warnings);
}

export function speechInput(req: SpeechRequest, headers: Headers): Translated {
  const format = req.response_format ? SPEECH_FORMAT[req.response_format] : undefined;
  if (req.response_format && !format) throw invalidInput("response_format", `response_format ${req.response_format} is not made here: use mp3, wav or opus`);
  const voice = typeof req.voice === "string" ? req.voice : req.voice.id;
  const warnings = req.instructions ? ["instructions are not supported by the unified speech options and were ignored (use options.emotion)"] : [];
  const options = defined({ speed: req.speed, format });
  // Any other name — a portable voice or the vendor's own id — goes where GraphQL clients put it, input.voice.
  if (OPENAI_VOICES.has(voice.toLowerCase())) {
    return build("AUDIO", req.model, req, headers, { text: req.input }, options, [
      ...warnings,
      `voice "${voice}" is OpenAI's; the provider's default voice was used (send a portable voice such as rachel, or the vendor's voice id)`,
    ]);
  }
  return build("AUDIO", req.model, req, headers, { text: req.input, voice }, options, warnings);
}

export function videoInput(req: VideoRequest, headers: Headers): Translated {
  const size = mapSize("VIDEO", req.size, req.strict ?? false);
  const seconds = req.seconds === undefined ? undefined : Number(req.seconds);
  if (seconds !== undefined && !Number.isFinite(seconds)) throw invalidInput("seconds", 'seconds must be a number of seconds, such as "8"');
  const reference = req.input_reference;
  if (reference && typeof reference === "object" && !reference.image_url)
    throw invalidInput("input_reference", "Send input_reference as a file or as { image_url }: file ids are not stored here");
  const image = typeof reference === "string" ? reference : reference?.image_url;
  const options = defined({ ...size.options, duration: seconds });
  return build("VIDEO", req.model, req, headers, { text: req.prompt, ...(image ? { image } : {}) }, options, size.warnings);
}

function build(
  type: GenerationType,
  model: string | null | undefined,
  extras: Extras,
  headers: Headers,
  input: Record<string, string>,
  mapped: Record<string, unknown>,
  warnings: string[],
): Translated {
  const resolved = resolveModel(type, model);
  const priority = extras.priority ?? headers.get("x-doitong-priority")?.toUpperCase();
  return {
    warnings,
    input: defined({
      type,
      provider: resolved.provider,
      input,
      // What the client named in OpenAI's fields wins over the same name in `options`.
      options: { ...extras.options, ...resolved.options, ...mapped },
      priority,
      strict: extras.strict,
      maxCost: extras.max_cost,
      webhookUrl: extras.webhook_url,
    }),
  };
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** Our field paths as these requests name them, for the error's `param`. */
export const IMAGE_PARAMS = {
  "input.text": "prompt",
  "input.image": "image",
  provider: "model",
  "options.aspectRatio": "size",
  "options.resolution": "size",
  "options.quality": "quality",
  "options.style": "style",
  "options.format": "output_format",
  "options.numOutputs": "n",
  maxCost: "max_cost",
  webhookUrl: "webhook_url",
} as const;
export const SPEECH_PARAMS = {
  "input.text": "input",
  provider: "model",
  "input.voice": "voice",
  "options.voice": "voice",
  "options.speed": "speed",
  "options.format": "response_format",
  maxCost: "max_cost",
  webhookUrl: "webhook_url",
} as const;
export const VIDEO_PARAMS = {
  "input.text": "prompt",
  "input.image": "input_reference",
  provider: "model",
  "options.aspectRatio": "size",
  "options.resolution": "size",
  "options.duration": "seconds",
  maxCost: "max_cost",
  webhookUrl: "webhook_url",
} as const;
