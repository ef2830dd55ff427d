import { randomBytes } from "node:crypto";
import { addGoogleTokenEndpoint, googleAuthFailure, googleErrorReply, refusalFor } from "../google/fake-google";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply, type FakeRequest } from "../sandbox/fake-app";
import { renderPreview } from "../sandbox/preview-media";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { ImageBackend } from "./client";
import { type GeminiImageModel, IMAGE_LINEUP, IMAGE_MODELS } from "./models";

const SERVICES: Record<ImageBackend, string> = { gemini: "generativelanguage.googleapis.com", vertex: "aiplatform.googleapis.com" };
/** Google's served image model ids → what each takes. Retired Imagen ids are absent: Google answers 404 for them. */
const SERVED = new Map(IMAGE_LINEUP.models.filter((m) => m.status !== "RETIRED").map((m) => [m.vendorModelId, IMAGE_MODELS[m.id]]));
const IMAGE_CONFIG_FIELDS: Record<ImageBackend, string[]> = {
  gemini: ["aspectRatio", "imageSize"],
  vertex: ["aspectRatio", "imageSize", "personGeneration", "imageOutputOptions", "prominentPeople"],
};
const BLOCKED_MESSAGE =
  "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt.";

interface Body {
  contents?: { role?: string; parts?: { text?: string; inlineData?: { mimeType?: string; data?: string } }[] }[];
  generationConfig?: {
    responseModalities?: string[];
    seed?: number;
    imageConfig?: Record<string, unknown> & { aspectRatio?: string; imageSize?: string };
    thinkingConfig?: { thinkingLevel?: string };
  };
}

/**
 * Google's image models on both APIs: the Gemini API (`x-goog-api-key`, `POST /models/{model}:generateContent`)
 * and Vertex AI (OAuth bearer, `…/publishers/google/models/{model}:generateContent`), answering synchronously with
 * the image inline in candidates[0].content.parts; Google's checks and error shape, a safety block as finishReason
 * IMAGE_SAFETY with no image, 404 for the retired Imagen models, and the OAuth token endpoint. `@google/genai`
 * 3.1.0 runs against it unchanged in both modes (tests/providers/conformance/google-genai.test.ts).
 */
export function createGeminiImageFake(): FakeApp {
  const app = new FakeApp("Google Gemini Image");
  const firstTime = new FirstTime();
  addGoogleTokenEndpoint(app);

  app.route("POST", "/models/:call", (req) => {
    const denied = googleAuthFailure(req, SERVICES.gemini, { apiKey: true });
    if (denied) return denied;
    const [model, method] = req.params.call.split(":");
    if (!SERVED.has(model) || method !== "generateContent") {
      return googleErrorReply(
        404,
        "NOT_FOUND",
        `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
      );
    }
    return generate(req, "gemini", model, firstTime);
  });

  app.route("POST", "/projects/:project/locations/:location/publishers/google/models/:call", (req) => {
    const denied = googleAuthFailure(req, SERVICES.vertex, { bearer: true });
    if (denied) return denied;
    const [model, method] = req.params.call.split(":");
    const path = `projects/${req.params.project}/locations/${req.params.location}/publishers/google/models/${model}`;
    if (!SERVED.has(model))
      return googleErrorReply(
        404,
        "NOT_FOUND",
        `Publisher Model \`${path}\` was not found or your project does not have access to it. Please ensure you are using a valid model version.`,
      );
    if (method !== "generateContent") return googleErrorReply(400, "INVALID_ARGUMENT", `Method ${method} is not supported by ${model}.`);
    return generate(req, "vertex", model, firstTime);
  });

  return app;
}

async function generate(req: FakeRequest, backend: ImageBackend, model: string, firstTime: FirstTime): Promise<FakeReply> {
  const body = req.json<Body>();
  const prompt = (body.contents ?? [])
    .flatMap((c) => c.parts ?? [])
    .map((p) => p.text ?? "")
    .join(" ");
  const scenario = scenarioOf(prompt);
  const rateLimited =
    backend === "gemini"
      ? googleErrorReply(
          429,
          "RESOURCE_EXHAUSTED",
          "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
          [
            {
              "@type": "type.googleapis.com/google.rpc.QuotaFailure",
              violations: [{ quotaMetric: `${SERVICES.gemini}/generate_content_paid_tier_requests`, quotaId: "GenerateRequestsPerMinutePerProjectPerModel" }],
            },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1s" },
          ],
        )
      : googleErrorReply(
          429,
          "RESOURCE_EXHAUSTED",
          `Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.`,
        );
  const refusal = refusalFor(scenario, firstTime.check(prompt), rateLimited) ?? invalidRequest(body, backend, model);
  if (refusal) return refusal;
  if (scenario === "fail")
    return googleErrorReply(500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
  if (scenario === "timeout") return googleErrorReply(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
  const meta = { modelVersion: model, responseId: randomBytes(12).toString("base64url"), ...(backend === "vertex" ? { createTime: new Date().toISOString() } : {}) };
  if (scenario === "moderation") {
    return {
      json: { candidates: [{ finishReason: "IMAGE_SAFETY", finishMessage: BLOCKED_MESSAGE, index: 0 }], usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 }, ...meta },
    };
  }
  const config = body.generationConfig?.imageConfig ?? {};
  const [w, h] = String(config.aspectRatio ?? "1:1")
    .split(":")
    .map(Number);
  const scale = 480 / Math.max(w, h); // previews are small; Google's are 512 px to 4K
  const jpeg = backend === "vertex" && (config.imageOutputOptions as { mimeType?: string } | undefined)?.mimeType === "image/jpeg";
  const image = await renderPreview({ kind: "image", prompt, width: w * scale, height: h * scale, format: jpeg ? "jpeg" : "png", seed: body.generationConfig?.seed });
  const part = { inlineData: { mimeType: image.contentType, data: image.bytes.toString("base64") }, thoughtSignature: randomBytes(24).toString("base64") };
  return {
    json: {
      candidates: [{ content: { parts: [part], role: "model" }, finishReason: "STOP", index: 0 }],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 1120, totalTokenCount: 1132 },
      ...meta,
    },
  };
}

/** Google's checks before generating, in its words. */
function invalidRequest(body: Body, backend: ImageBackend, modelId: string): FakeReply | undefined {
  const bad = (message: string) => googleErrorReply(400, "INVALID_ARGUMENT", message);
  const model = SERVED.get(modelId) as GeminiImageModel;
  const parts = (body.contents ?? []).flatMap((c) => c.parts ?? []);
  if (parts.length === 0) return bad("* GenerateContentRequest.contents: contents is not specified");
  for (const [i, p] of parts.entries()) {
    if (!p.inlineData) continue;
    const bytes = Buffer.from(p.inlineData.data ?? "", "base64");
    if (!["image/png", "image/jpeg", "image/webp"].includes(String(p.inlineData.mimeType)) || sniff(bytes) !== p.inlineData.mimeType) {
      return bad(`Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting (part ${i})`);
    }
  }
  const g = body.generationConfig ?? {};
  if (g.responseModalities && !g.responseModalities.includes("IMAGE"))
    return bad(`The requested combination of response modalities (${g.responseModalities.join(", ")}) is not supported by the model.`);
  const config = g.imageConfig ?? {};
  const unknown = Object.keys(config).find((k) => !IMAGE_CONFIG_FIELDS[backend].includes(k));
  if (unknown) return bad(`Invalid JSON payload received. Unknown name "${unknown}" at 'generation_config.image_config': Cannot find field.`);
  if (config.aspectRatio !== undefined && !model.aspectRatios.includes(config.aspectRatio))
    return bad(`Unsupported aspect ratio: ${config.aspectRatio}. Supported: ${model.aspectRatios.join(", ")}.`);
  if (config.imageSize !== undefined && !model.sizes.includes(config.imageSize)) return bad(`Unsupported image size: ${config.imageSize}. Supported: ${model.sizes.join(", ")}.`);
  const level = g.thinkingConfig?.thinkingLevel;
  if (level !== undefined && !model.thinking.map((t) => t.toUpperCase()).includes(level)) return bad(`Thinking level ${level} is not supported for ${modelId}.`);
  if (g.seed !== undefined && !Number.isInteger(g.seed)) return bad(`Invalid value at 'generation_config.seed' (TYPE_INT32), ${g.seed}`);
  return undefined;
}
