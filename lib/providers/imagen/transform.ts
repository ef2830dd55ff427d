import { invalidInput } from "../../errors";
import type { GenerationJob, Options, Reconciled } from "../types";
import { imageModel, imageModelId, imageSize } from "./models";

/**
 * Google's image models through `generateContent`, in the shape `@google/genai` 3.1.0 writes for both APIs
 * (generateContentParametersToMldev / ToVertex): contents[{role, parts}], generationConfig {responseModalities,
 * seed, imageConfig {aspectRatio, imageSize}, thinkingConfig {thinkingLevel}}.
 */

/** Sizes and thinking levels a model lacks are adjusted (with a warning); an aspect ratio it lacks is refused. */
export function reconcileGeminiImage(options: Options): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const id = imageModelId(options);
  const model = imageModel(options);
  if (!model.aspectRatios.includes(String(options.aspectRatio))) {
    throw invalidInput("options.aspectRatio", `${id} makes ${model.aspectRatios.join(", ")}; not ${options.aspectRatio}`);
  }
  if (!model.sizes.includes(imageSize(options.resolution))) {
    applied.resolution = "1k";
    warnings.push(`resolution ${options.resolution} is not available on ${id} (it makes ${model.sizes.join(", ")}); using 1k`);
  }
  if (options.thinking !== undefined && !model.thinking.includes(String(options.thinking))) {
    if (model.thinking.length === 0) {
      delete applied.thinking;
      warnings.push(`thinking is ignored: ${id} sets its own thinking depth`);
    } else {
      applied.thinking = "high";
      warnings.push(`thinking ${options.thinking} is not offered by ${id} (it takes ${model.thinking.join(" or ")}); using high`);
    }
  }
  return { applied, warnings };
}

export interface InlineImage {
  mimeType: string;
  data: string;
}

export interface GeminiImageRequest {
  contents: [{ role: "user"; parts: ({ text: string } | { inlineData: InlineImage })[] }];
  generationConfig: {
    responseModalities: ["IMAGE"];
    seed?: number;
    imageConfig: { aspectRatio: string; imageSize: string };
    thinkingConfig?: { thinkingLevel: string };
  };
}

/** Our job (applied options) → `:generateContent`. A reference image, when given, follows the prompt. */
export function toGeminiImageRequest(job: GenerationJob, image?: InlineImage): GeminiImageRequest {
  const o = job.options;
  return {
    contents: [{ role: "user", parts: [{ text: job.text }, ...(image ? [{ inlineData: image }] : [])] }],
    generationConfig: {
      // Only the picture: without TEXT the model does not spend output tokens describing it.
      responseModalities: ["IMAGE"],
      ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
      imageConfig: { aspectRatio: String(o.aspectRatio ?? "1:1"), imageSize: imageSize(o.resolution) },
      ...(o.thinking !== undefined ? { thinkingConfig: { thinkingLevel: String(o.thinking).toUpperCase() } } : {}),
    },
  };
}

export interface GeminiPart {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
  /** Gemini 3 image models may return interim "thought" images before the final one. */
  thought?: boolean;
}

export interface GeminiImageResponse {
  candidates?: { content?: { parts?: GeminiPart[] }; finishReason?: string; finishMessage?: string }[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
}

/** Finish and block reasons that mean Google's safety systems removed the image (FinishReason, BlockedReason). */
const BLOCKED = new Set(["SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION", "MODEL_ARMOR"]);

export type GeminiImageOutcome =
  { kind: "image"; bytes: Buffer; mimeType: string } | { kind: "blocked"; code: string; reason: string } | { kind: "none"; code: string; reason: string };

/** The final image, or why there is none: a blocked prompt, a blocked image, or an answer without a picture. */
export function geminiImageOutcome(res: GeminiImageResponse): GeminiImageOutcome {
  const block = res.promptFeedback?.blockReason;
  if (block) return { kind: "blocked", code: block, reason: res.promptFeedback?.blockReasonMessage || `the prompt was blocked (${block})` };
  const candidate = res.candidates?.[0];
  const finish = candidate?.finishReason ?? "NO_CANDIDATE";
  const image = (candidate?.content?.parts ?? []).filter((p) => !p.thought && p.inlineData?.data && p.inlineData.mimeType?.startsWith("image/")).at(-1);
  if (image?.inlineData?.data) return { kind: "image", bytes: Buffer.from(image.inlineData.data, "base64"), mimeType: String(image.inlineData.mimeType) };
  const said =
    candidate?.finishMessage ||
    candidate?.content?.parts
      ?.map((p) => p.text)
      .filter(Boolean)
      .join(" ");
  if (BLOCKED.has(finish)) return { kind: "blocked", code: finish, reason: said || `the image was blocked (${finish})` };
  return { kind: "none", code: finish, reason: said || `no image was returned (${finish})` };
}
