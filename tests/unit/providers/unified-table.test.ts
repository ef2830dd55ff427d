import { describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES } from "@/tests/helpers/first-prices";
import { toBflRequest, BFL_SIZES, type BflProviderId } from "@/lib/providers/bfl/transform";
import { CATALOG, findProvider } from "@/lib/providers/catalog";
import { toElevenLabsRequest } from "@/lib/providers/elevenlabs/transform";
import { toSynthesizeRequest } from "@/lib/providers/google-tts/transform";
import { toHedraAvatarSubmit, toHedraSpeechSubmit } from "@/lib/providers/hedra/transform";
import { toHeygenRequest } from "@/lib/providers/heygen/transform";
import { toGeminiImageRequest } from "@/lib/providers/imagen/transform";
import { toKolorsRequest } from "@/lib/providers/kling/kolors-transform";
import { toKlingVideoRequest } from "@/lib/providers/kling/transform";
import { toLumaRequest } from "@/lib/providers/luma/transform";
import { toMinimaxRequest } from "@/lib/providers/minimax/transform";
import { SPEED_MODES, toFluxFastRequest } from "@/lib/providers/replicate/transform";
import { toRunwayRequest } from "@/lib/providers/runway/transform";
import { toSeedanceRequest } from "@/lib/providers/seedance/transform";
import { toStabilityRequest } from "@/lib/providers/stability/transform";
import { toTopviewSubmit } from "@/lib/providers/topview/transform";
import type { GenerationJob, GenerationType, ModelSpec, OptionValue } from "@/lib/providers/types";
import { toVeoRequest } from "@/lib/providers/veo/transform";
import { viggleFields } from "@/lib/providers/viggle/transform";
import { promptWithApproximations, treatmentOf } from "@/lib/providers/unified/treatment";
import { UNIFIED_OPTIONS } from "@/lib/providers/unified/vocabulary";

/*
 * Issue 14's table: every provider × every unified option of its type, with what the vendor is actually sent.
 * native → the vendor's own request field and value (built by the adapter's own transform); approximated → the
 * words or settings that stand in for it, plus a warning; ignored → the warning. `strict: true` refuses everything
 * that is not native. A row missing here, or a treatment that differs from the catalog's, fails the coverage test.
 */

type Row =
  /** The field path in the vendor request and the value it must hold; `adjusted`: the nearest value, with a warning. */
  | { kind: "native"; value: OptionValue; field: string; equals: unknown; extra?: Record<string, OptionValue>; adjusted?: boolean }
  /** The field path that carries the approximation and the text it must contain (or the value it must equal). */
  | { kind: "approximated"; value: OptionValue; field: string; contains?: string; equals?: unknown }
  | { kind: "ignored"; value: OptionValue };

const N = (value: OptionValue, field: string, equals: unknown, more: { extra?: Record<string, OptionValue>; adjusted?: boolean } = {}): Row => ({
  kind: "native",
  value,
  field,
  equals,
  ...more,
});
const A = (value: OptionValue, field: string, expected: { contains?: string; equals?: unknown }): Row => ({ kind: "approximated", value, field, ...expected });
const I = (value: OptionValue): Row => ({ kind: "ignored", value });

const styleWords = (field: string) => A("anime", field, { contains: "anime style." });
const motionWords = (field: string) => A("high", field, { contains: "dynamic, energetic motion." });
const cameraWords = (field: string) => A("zoom_in", field, { contains: "Camera: zoom in." });

/** numOutputs on a vendor that makes one file per job: the same request sent once per output (seed, seed+1…), which
 * the integration test follows over HTTP (tests/integration/several-outputs.test.ts); here, the warning and strict. */
const SEVERAL_JOBS = A(2, "(one vendor request per output)", {});

const FLUX_COMMON = {
  numOutputs: SEVERAL_JOBS,
  aspectRatio: N("16:9", "width", BFL_SIZES["16:9"].width),
  resolution: I("2k"),
  seed: N(42, "seed", 42),
  negativePrompt: I("blurry"),
  style: styleWords("prompt"),
  format: N("png", "output_format", "png"),
};

const TABLE: Record<string, Partial<Record<GenerationType, Record<string, Row>>>> = {
  minimax: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(10, "duration", 10),
      resolution: N("1080p", "resolution", "1080P"),
      aspectRatio: I("9:16"),
      seed: I(42),
      negativePrompt: I("blurry"),
      style: styleWords("prompt"),
      motionIntensity: motionWords("prompt"),
      cameraMotion: A("pan_left", "prompt", { contains: "[Pan left]" }),
      generateAudio: I(true),
    },
  },
  kling: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(10, "duration", "10"),
      resolution: N("1080p", "mode", "pro"),
      aspectRatio: N("9:16", "aspect_ratio", "9:16"),
      seed: I(42),
      negativePrompt: N("blurry", "negative_prompt", "blurry"),
      style: styleWords("prompt"),
      motionIntensity: motionWords("prompt"),
      cameraMotion: cameraWords("prompt"),
      generateAudio: I(true),
    },
  },
  runway: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(10, "duration", 10),
      resolution: I("1080p"),
      aspectRatio: N("9:16", "ratio", "720:1280"),
      seed: N(42, "seed", 42),
      negativePrompt: I("blurry"),
      style: styleWords("promptText"),
      motionIntensity: motionWords("promptText"),
      cameraMotion: cameraWords("promptText"),
      generateAudio: I(true),
    },
  },
  luma: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(9, "duration", "9s"),
      resolution: N("1080p", "resolution", "1080p"),
      aspectRatio: N("9:16", "aspect_ratio", "9:16"),
      seed: I(42),
      negativePrompt: I("blurry"),
      style: styleWords("prompt"),
      motionIntensity: motionWords("prompt"),
      cameraMotion: cameraWords("prompt"),
      generateAudio: I(true),
    },
  },
  seedance: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(10, "duration", 10),
      resolution: N("720p", "resolution", "720p"),
      aspectRatio: N("9:16", "ratio", "9:16"),
      seed: N(42, "seed", 42),
      negativePrompt: I("blurry"),
      style: styleWords("content.0.text"),
      motionIntensity: motionWords("content.0.text"),
      cameraMotion: A("static", "camera_fixed", { equals: true }),
      generateAudio: I(true),
    },
  },
  veo: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(6, "parameters.durationSeconds", 6),
      resolution: N("1080p", "parameters.resolution", "1080p"),
      aspectRatio: N("9:16", "parameters.aspectRatio", "9:16"),
      seed: N(42, "parameters.seed", 42),
      negativePrompt: N("blurry", "parameters.negativePrompt", "blurry"),
      style: styleWords("instances.0.prompt"),
      motionIntensity: motionWords("instances.0.prompt"),
      cameraMotion: cameraWords("instances.0.prompt"),
      generateAudio: N(false, "parameters.generateAudio", false),
    },
  },
  viggle: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      // Viggle is sent no length: the clip is the driving video's; the option prices it (see the catalog).
      duration: N(12, "options.duration", 12),
      resolution: I("1080p"),
      aspectRatio: I("9:16"),
      seed: I(42),
      negativePrompt: I("blurry"),
      style: I("anime"),
      motionIntensity: I("high"),
      cameraMotion: I("zoom_in"),
      generateAudio: I(true),
    },
  },
  topview: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(45, "videoLengthType", 3),
      resolution: I("1080p"),
      aspectRatio: N("16:9", "aspectRatio", "16:9"),
      seed: I(42),
      negativePrompt: I("blurry"),
      style: I("anime"),
      motionIntensity: I("high"),
      cameraMotion: I("zoom_in"),
      generateAudio: I(true),
    },
  },
  imagen: {
    IMAGE: {
      numOutputs: SEVERAL_JOBS,
      aspectRatio: N("16:9", "generationConfig.imageConfig.aspectRatio", "16:9"),
      resolution: N("2k", "generationConfig.imageConfig.imageSize", "2K"),
      seed: N(42, "generationConfig.seed", 42),
      negativePrompt: I("blurry"),
      style: styleWords("contents.0.parts.0.text"),
      quality: N("draft", "generationConfig.thinkingConfig.thinkingLevel", "MINIMAL"),
      format: I("png"),
    },
  },
  "flux-dev": { IMAGE: { ...FLUX_COMMON, quality: N("draft", "steps", 12) } },
  "flux-pro": { IMAGE: { ...FLUX_COMMON, quality: N("high", "steps", 40) } },
  "flux-1.1-pro": { IMAGE: { ...FLUX_COMMON, quality: I("high") } },
  "flux-ultra": { IMAGE: { ...FLUX_COMMON, aspectRatio: N("16:9", "aspect_ratio", "16:9"), quality: N("ultra", "raw", false) } },
  "flux-kontext": { IMAGE: { ...FLUX_COMMON, aspectRatio: N("16:9", "aspect_ratio", "16:9"), quality: I("high") } },
  "flux-fast": {
    IMAGE: {
      numOutputs: SEVERAL_JOBS,
      aspectRatio: N("16:9", "input.aspect_ratio", "16:9"),
      resolution: I("2k"),
      seed: N(42, "input.seed", 42),
      negativePrompt: I("blurry"),
      style: styleWords("input.prompt"),
      quality: N("draft", "input.speed_mode", SPEED_MODES.instant),
      format: N("webp", "input.output_format", "webp"),
    },
  },
  kolors: {
    IMAGE: {
      numOutputs: N(4, "n", 4), // one Kling task with n images
      aspectRatio: N("16:9", "aspect_ratio", "16:9"),
      resolution: N("2k", "resolution", "2k"),
      seed: I(42),
      negativePrompt: N("blurry", "negative_prompt", "blurry"),
      style: styleWords("prompt"),
      quality: I("high"),
      format: I("png"),
    },
  },
  "stable-diffusion": {
    IMAGE: {
      numOutputs: SEVERAL_JOBS,
      aspectRatio: N("16:9", "aspect_ratio", "16:9"),
      resolution: I("2k"),
      seed: N(42, "seed", "42"),
      negativePrompt: N("blurry", "negative_prompt", "blurry"),
      style: N("anime", "style_preset", "anime"),
      quality: I("high"),
      format: N("webp", "output_format", "webp"),
    },
  },
  elevenlabs: {
    AUDIO: {
      voice: N("rachel", "voiceId", "21m00Tcm4TlvDq8ikWAM"),
      speed: N(1.1, "body.voice_settings.speed", 1.1),
      emotion: A("excited", "body.voice_settings.stability", { equals: 0.3 }),
      // ElevenLabs enforces a language on Turbo and Flash v2.5 only (Multilingual v2 reads it from the text).
      language: N("ru", "body.language_code", "ru", { extra: { model: "flash-v2.5" } }),
      format: N("wav", "query.output_format", "pcm_24000"),
    },
  },
  "google-tts": {
    AUDIO: {
      voice: N("en-US-Neural2-F", "voice.name", "en-US-Neural2-F"),
      speed: N(1.5, "audioConfig.speakingRate", 1.5),
      emotion: A("excited", "input.ssml", { contains: '<prosody rate="112%" pitch="+2st" volume="+2dB">' }),
      language: A("ru", "voice.languageCode", { equals: "ru-RU" }),
      format: N("ogg", "audioConfig.audioEncoding", "OGG_OPUS"),
    },
  },
  heygen: {
    AVATAR: {
      avatarId: N("kate", "avatar_id", "Daisy-inskirt-20220818"),
      voice: N("Sofia", "voice_id", "1bd001e7e50f421d891986aad5158bc8"),
      background: N("#1e293b", "background.value", "#1e293b"),
      gesture: I("friendly"),
      emotion: I("excited"),
      aspectRatio: N("9:16", "aspect_ratio", "9:16"),
      resolution: N("1080p", "resolution", "1080p"),
    },
  },
  hedra: {
    AVATAR: {
      avatarId: I("kate"),
      voice: N("Marcus", "speech.input.voice_id", "voice_8b2d6e10-7a4f-4e21-b5c9-2c7d9e4f3b02"),
      background: I("modern_office"),
      gesture: A("friendly", "avatar.input.prompt", { contains: "with friendly body language" }),
      emotion: A("excited", "avatar.input.prompt", { contains: "looking excited" }),
      aspectRatio: N("9:16", "avatar.input.aspect_ratio", "9:16"),
      resolution: N("1080p", "avatar.input.resolution", "1080p"),
    },
  },
  // The preview renders from its options: they are its "request".
  local: {
    VIDEO: {
      numOutputs: SEVERAL_JOBS,
      duration: N(10, "options.duration", 10),
      resolution: N("1080p", "options.resolution", "1080p"),
      aspectRatio: N("9:16", "options.aspectRatio", "9:16"),
      seed: N(42, "options.seed", 42),
      negativePrompt: I("blurry"),
      style: N("anime", "options.style", "anime"),
      motionIntensity: I("high"),
      cameraMotion: I("zoom_in"),
      generateAudio: I(true),
    },
    IMAGE: {
      numOutputs: SEVERAL_JOBS,
      aspectRatio: N("16:9", "options.aspectRatio", "16:9"),
      resolution: N("1k", "options.resolution", "1080p", { adjusted: true }),
      seed: N(42, "options.seed", 42),
      negativePrompt: I("blurry"),
      style: N("anime", "options.style", "anime"),
      quality: I("high"),
      format: N("jpeg", "options.format", "jpeg"),
    },
    AUDIO: {
      voice: N("rachel", "options.voice", "rachel"),
      speed: N(1.5, "options.speed", 1.5),
      emotion: I("excited"),
      language: I("ru"),
      format: N("wav", "options.format", "wav"),
    },
    AVATAR: {
      avatarId: N("kate", "options.avatarId", "kate"),
      voice: N("rachel", "options.voice", "rachel"),
      background: I("modern_office"),
      gesture: I("friendly"),
      emotion: I("excited"),
      aspectRatio: N("9:16", "options.aspectRatio", "9:16"),
      resolution: N("1080p", "options.resolution", "1080p"),
    },
  },
};

const URL_IMAGE = "https://example.com/start.png";
/** Inputs the vendor needs besides the prompt (Viggle a character and a dance, Topview a product photo, Hedra a portrait). */
const INPUTS: Record<string, GenerationJob["input"]> = {
  viggle: { image: URL_IMAGE, video: "https://example.com/dance.mp4" },
  topview: { image: URL_IMAGE },
  hedra: { image: "https://example.com/face.png" },
};

/** The vendor request the provider's own transform builds for a planned job (what goes on the wire). */
function vendorRequest(providerId: string, job: GenerationJob): unknown {
  switch (providerId) {
    case "minimax":
      return toMinimaxRequest(job, {});
    case "kling":
      return toKlingVideoRequest(job, {}).body;
    case "kolors":
      return toKolorsRequest(job, undefined);
    case "runway":
      return toRunwayRequest(job).body;
    case "luma":
      return toLumaRequest(job);
    case "seedance":
      return toSeedanceRequest(job);
    case "veo":
      return toVeoRequest(job, {});
    case "viggle":
      return { fields: viggleFields(job.options), options: job.options };
    case "topview":
      return toTopviewSubmit(job, ["file_1"]);
    case "imagen":
      return toGeminiImageRequest(job);
    case "flux-fast":
      return toFluxFastRequest(job);
    case "stable-diffusion":
      return toStabilityRequest(job).fields;
    case "elevenlabs":
      return toElevenLabsRequest(job);
    case "google-tts":
      return toSynthesizeRequest(job);
    case "heygen":
      return toHeygenRequest(job);
    case "hedra": {
      const media = { image: { source: "url" as const, url: "https://hedra.example/face" }, audio: { source: "url" as const, url: "https://hedra.example/speech" }, spoken: true };
      return { avatar: toHedraAvatarSubmit(job, media), speech: toHedraSpeechSubmit(job, String(job.options.voice)) };
    }
    case "local":
      return { options: job.options };
    default:
      if (providerId.startsWith("flux-")) return toBflRequest(providerId as BflProviderId, job);
      throw new Error(`no transform for ${providerId} in the table test`);
  }
}

function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);
}

/** Plans like `generate` does, then builds the job as attempt-provider's toJob does (approximations in the prompt). */
function planned(providerId: string, type: GenerationType, options: Record<string, OptionValue>, strict = false) {
  const input = { text: "A lighthouse at dawn", ...INPUTS[providerId] };
  const plan = planForProvider({ type, provider: providerId, input, options, strict }, providerId, FIRST_PRICES);
  const model = findProvider(providerId)?.models[type] as ModelSpec;
  const job: GenerationJob = {
    generationId: "gen_table",
    type,
    text: promptWithApproximations(model, type, input.text, plan.appliedOptions),
    input,
    options: plan.appliedOptions,
    mode: "TEST",
  };
  return { plan, request: vendorRequest(providerId, job) };
}

const rows = Object.entries(TABLE).flatMap(([provider, types]) =>
  Object.entries(types).flatMap(([type, options]) => Object.entries(options ?? {}).map(([name, row]) => ({ provider, type: type as GenerationType, name, row }))),
);

describe("every provider × every unified option of its type", () => {
  it("the table covers the catalog, and each row's treatment is the one the catalog declares", () => {
    const expected = CATALOG.flatMap((p) => (Object.keys(p.models) as GenerationType[]).flatMap((type) => UNIFIED_OPTIONS[type].map((o) => `${p.id} ${type} ${o.name}`)));
    expect(rows.map((r) => `${r.provider} ${r.type} ${r.name}`).sort()).toEqual(expected.sort());
    for (const r of rows) {
      const model = findProvider(r.provider)?.models[r.type] as ModelSpec;
      expect(treatmentOf(model, r.type, r.name).kind, `${r.provider} ${r.name}`).toBe(r.row.kind);
    }
  });

  it.each(rows.map((r) => [`${r.provider} ${r.type} ${r.name}=${JSON.stringify(r.row.value)} → ${r.row.kind}`, r] as const))("%s", (_, { provider, type, name, row }) => {
    const extra = row.kind === "native" ? (row.extra ?? {}) : {};
    const { plan, request } = planned(provider, type, { ...extra, [name]: row.value });
    const warnings = plan.warnings.join(" | ");
    switch (row.kind) {
      case "native":
        expect(at(request, row.field), JSON.stringify(request)).toEqual(row.equals);
        if (row.adjusted) expect(warnings).toContain(`${name} ${JSON.stringify(row.value)} is not available`);
        else expect(warnings).not.toMatch(new RegExp(`\\b${name} (is|"|${JSON.stringify(row.value)})`));
        break;
      case "approximated": {
        const carried = at(request, row.field);
        if (row.contains !== undefined) expect(String(carried), JSON.stringify(request)).toContain(row.contains);
        if (row.equals !== undefined) expect(carried, JSON.stringify(request)).toEqual(row.equals);
        expect(warnings).toContain(`${name} is approximated on ${findProvider(provider)?.name}`);
        break;
      }
      case "ignored":
        expect(warnings).toContain(`${name} is not supported by ${findProvider(provider)?.name}; it was ignored`);
        // Nothing of it reaches the vendor's prompt.
        expect(JSON.stringify(request)).not.toContain(`${String(row.value).replace(/_/g, " ")} style`);
        break;
    }
    // What the client asked is what `options` shows, whatever the vendor was sent.
    expect(plan.options[name]).toEqual(row.value);
  });

  it.each(rows.map((r) => [`strict: ${r.provider} ${r.type} ${r.name} (${r.row.kind})`, r] as const))("%s", (_, { provider, type, name, row }) => {
    const extra = row.kind === "native" ? (row.extra ?? {}) : {};
    const attempt = () => planned(provider, type, { ...extra, [name]: row.value }, true);
    if (row.kind === "native" && !row.adjusted) {
      expect(attempt).not.toThrow();
    } else {
      expect(attempt).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: expect.objectContaining({ field: `options.${name}` }) }));
    }
  });
});
