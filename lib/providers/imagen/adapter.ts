import { writeResult } from "../http/follow-task";
import { loadInput, toBase64 } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { GEMINI_API, IMAGE_VENDOR, imageEndpoint } from "./client";
import { createGeminiImageFake } from "./fake";
import { imageVendorModelId } from "./models";
import { type GeminiImageResponse, geminiImageOutcome, toGeminiImageRequest } from "./transform";

/** Pro at 4K can take over a minute; a synchronous call needs room at peak. */
const GENERATE_TIMEOUT_MS = 180_000;
const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * Google's current image models (the Gemini "Nano Banana" family) through `generateContent`: Gemini API v1beta
 * (`POST /v1beta/models/{model}:generateContent`, x-goog-api-key) or Vertex AI v1 (`POST /v1/projects/{p}/locations/
 * {l}/publishers/google/models/{model}:generateContent`, OAuth). Synchronous: the image comes back inline as base64
 * in candidates[0].content.parts[].inlineData. Follows `@google/genai` 3.1.0 (Models.generateContent, both modes),
 * checked 2026-12-05; tests/providers/conformance/google-genai.test.ts runs that SDK against our fake. The Imagen
 * `:predict` API this provider used to call was shut down on 2026-08-17.
 */
export const imagenAdapter: ProviderAdapter = {
  id: "imagen",
  defaultBaseUrl: GEMINI_API,
  baseUrlEnv: "IMAGEN_BASE_URL",

  async submit(job, ctx) {
    const reference = job.input.image ? await loadInput(job.input.image, "image", "input.image", ctx.signal) : undefined;
    const { client, path } = imageEndpoint(ctx.vendor, imageVendorModelId(job.options), ctx.signal);
    const json = toGeminiImageRequest(job, reference && { mimeType: reference.mimeType, data: toBase64(reference) });
    const res = await vendorRequest(client, { path, json, signal: ctx.signal, timeoutMs: GENERATE_TIMEOUT_MS });
    const outcome = geminiImageOutcome(res.json<GeminiImageResponse>());
    switch (outcome.kind) {
      case "image":
        return { kind: "done", value: { file: await writeResult(ctx, `image.${EXTENSIONS[outcome.mimeType] ?? "png"}`, outcome.bytes) } };
      case "blocked":
        throw new ProviderError("GENERATION_FAILED", `Google's safety filter blocked this image: ${outcome.reason}`, { ...IMAGE_VENDOR, vendorCode: outcome.code, accepted: true });
      case "none":
        throw new ProviderError("GENERATION_FAILED", `Google's image model answered without an image: ${outcome.reason}`, {
          ...IMAGE_VENDOR,
          vendorCode: outcome.code,
          accepted: true,
        });
      default:
        return outcome satisfies never;
    }
  },

  createFake: createGeminiImageFake,
};
