import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { invalidInput } from "../errors";
import { PRIORITIES } from "../routing/rank-candidates";

/**
 * The /v1 requests and answers as zod schemas: they validate what arrives, and lib/openai/openapi.ts generates
 * /v1/openapi.json from these same objects. Shapes follow OpenAI's API reference as the official `openai` npm
 * package types it (openai@7.60.0: resources/images.d.ts ImageGenerateParamsBase, ImageEditParamsBase,
 * ImagesResponse; resources/audio/speech.d.ts SpeechCreateParams; resources/videos.d.ts Video,
 * VideoCreateParams, VideoDeleteResponse; checked Dec 2026). Fields OpenAI has and we cannot honour are accepted
 * and ignored (background, moderation, output_compression…), as zod drops unknown keys: a drop-in client must not
 * break on them. Our own extras (priority, strict, options…) ride in the body, which is where `extra_body` puts them.
 */
extendZodWithOpenApi(z);

const doitongExtras = {
  priority: z.enum(PRIORITIES).optional().openapi({ description: "Doitong: how `auto` chooses (also the X-Doitong-Priority header)" }),
  strict: z.boolean().optional().openapi({ description: "Doitong: refuse instead of adjusting options the provider cannot honour exactly" }),
  options: z.record(z.string(), z.unknown()).optional().openapi({ description: "Doitong: further unified options (GET /v1/models lists them per type)" }),
  max_cost: z.number().int().min(0).optional().openapi({ description: "Doitong: refuse when the cost would be above this many credits" }),
  webhook_url: z.string().optional().openapi({ description: "Doitong: a URL told when the generation finishes" }),
};

const model = z.string().nullish().openapi({ description: "A Doitong provider id or model id (GET /v1/models), or `auto`. OpenAI's own model names mean `auto`." });
const responseFormat = z.enum(["url", "b64_json"]).nullish().openapi({ description: "`url`: a signed link valid for an hour; `b64_json`: the file inline" });
const imageQuality = z.enum(["auto", "low", "medium", "high", "standard", "hd", "xhigh", "max"]).nullish();

export const imageGenerationRequest = z
  .object({
    prompt: z.string(),
    model,
    n: z.number().int().min(1).max(10).nullish().openapi({ description: "How many images (the unified option numOutputs)" }),
    size: z.string().nullish().openapi({ description: "`WIDTHxHEIGHT` or `auto`: becomes the nearest aspectRatio and resolution", example: "1024x1024" }),
    quality: imageQuality,
    style: z.string().nullish().openapi({ description: "`vivid` → cinematic, `natural` → photorealistic, or a unified style" }),
    output_format: z.enum(["png", "jpeg", "webp"]).nullish(),
    response_format: responseFormat,
    user: z.string().optional(),
    ...doitongExtras,
  })
  .openapi("ImageGenerationRequest");

/** A multipart form's fields, after files became data: URIs (to-generate-input.ts reads the form). */
export const imageEditRequest = imageGenerationRequest
  .extend({
    image: z.string().openapi({ type: "string", format: "binary", description: "The input image (a file, or an http(s) URL)" }),
    n: z.coerce.number().int().min(1).max(10).nullish(),
    max_cost: z.coerce.number().int().min(0).optional(),
  })
  .openapi("ImageEditRequest");

export const speechRequest = z
  .object({
    model,
    input: z.string(),
    voice: z
      .union([z.string(), z.object({ id: z.string() })])
      .openapi({ description: "OpenAI's voice names mean the provider's default voice; portable names (rachel…) and vendor voice ids are used as given" }),
    response_format: z.enum(["mp3", "opus", "aac", "flac", "wav", "pcm"]).optional().openapi({ description: "mp3, wav and opus (in Ogg) are made; the rest are refused" }),
    speed: z.number().optional(),
    instructions: z.string().optional(),
    ...doitongExtras,
  })
  .openapi("SpeechRequest");

export const videoCreateRequest = z
  .object({
    prompt: z.string(),
    model,
    seconds: z.union([z.string(), z.number()]).optional().openapi({ description: "Clip length; the nearest length the model makes is used" }),
    size: z.string().optional().openapi({ example: "1280x720" }),
    input_reference: z
      .union([z.string(), z.object({ image_url: z.string().optional(), file_id: z.string().optional() })])
      .optional()
      .openapi({ description: "A first-frame image: a file (multipart), or { image_url }" }),
    ...doitongExtras,
    max_cost: z.coerce.number().int().min(0).optional(),
  })
  .openapi("VideoCreateRequest");

export const imagesResponse = z
  .object({
    created: z.number().int(),
    data: z.array(z.object({ url: z.string().optional(), b64_json: z.string().optional(), revised_prompt: z.string().optional() })),
    output_format: z.string().optional(),
    size: z.string().optional(),
    generation_id: z.string().openapi({ description: "Doitong: the generation (GraphQL `generation(id)`)" }),
    warnings: z.array(z.string()).openapi({ description: "Doitong: how options were adjusted to the provider" }),
  })
  .openapi("ImagesResponse");

export const videoObject = z
  .object({
    id: z.string(),
    object: z.literal("video"),
    model: z.string(),
    status: z.enum(["queued", "in_progress", "completed", "failed"]),
    progress: z.number().int(),
    created_at: z.number().int(),
    completed_at: z.number().int().nullable(),
    expires_at: z.number().int().nullable(),
    prompt: z.string().nullable(),
    seconds: z.string(),
    size: z.string(),
    remixed_from_video_id: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    warnings: z.array(z.string()),
  })
  .openapi("Video");

export const videoList = z
  .object({ object: z.literal("list"), data: z.array(videoObject), first_id: z.string().nullable(), last_id: z.string().nullable(), has_more: z.boolean() })
  .openapi("VideoList");

export const videoDeleted = z.object({ id: z.string(), object: z.literal("video.deleted"), deleted: z.boolean() }).openapi("VideoDeleteResponse");

export const modelObject = z
  .object({
    id: z.string(),
    object: z.literal("model"),
    created: z.number().int(),
    owned_by: z.string(),
    type: z.enum(["image", "video", "audio", "avatar", "any"]),
    types: z.array(z.string()),
    provider: z.string().nullable(),
  })
  .openapi("Model");

export const modelList = z.object({ object: z.literal("list"), data: z.array(modelObject) }).openapi("ModelList");

export const errorBody = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      code: z.string().openapi({ description: "Doitong's error code (the error table on the landing page)" }),
      param: z.string().nullable(),
      generation_id: z.string().optional(),
    }),
  })
  .openapi("Error");

/** Parses a request body, naming the first offending field the way the client wrote it. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join(".") || "body";
  throw invalidInput(field, issue.code === "invalid_type" && issue.input === undefined ? `${field} is required` : `${field}: ${issue.message}`);
}
