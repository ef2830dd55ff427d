import { addGoogleTokenEndpoint, googleAuthFailure, googleErrorReply, refusalFor } from "../google/fake-google";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { renderPreview } from "../sandbox/preview-media";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { IMAGEN_MODELS, type ImagenRequest } from "./transform";

const SERVICE = "aiplatform.googleapis.com";
const MODELS = Object.values(IMAGEN_MODELS);
/** Imagen 4's 1K sizes per aspect ratio; previews are these scaled to 480 px on the long side. */
const SIZES: Record<string, [number, number]> = { "1:1": [1024, 1024], "3:4": [896, 1280], "4:3": [1280, 896], "9:16": [768, 1408], "16:9": [1408, 768] };
const PERSON = ["dont_allow", "allow_adult", "allow_all"];
const SAFETY = ["block_low_and_above", "block_medium_and_above", "block_only_high", "block_none"];
const FILTERED_REASON =
  "58061214: The image was filtered out because it violates Vertex AI's usage guidelines. You will not be charged for blocked images. Try rephrasing the prompt. If you think this was an error, send feedback.";

/**
 * Imagen on Vertex AI: OAuth bearer, `…/publishers/google/models/{model}:predict` answered synchronously with
 * base64 images, Google's error shape, safety-filtered images dropped from `predictions` (with
 * `raiFilteredReason` when asked), and the OAuth token endpoint for service-account keys.
 */
export function createImagenFake(): FakeApp {
  const app = new FakeApp("Google Imagen");
  const firstTime = new FirstTime();
  addGoogleTokenEndpoint(app);

  app.route("POST", "/projects/:project/locations/:location/publishers/google/models/:call", async (req) => {
    const denied = googleAuthFailure(req, SERVICE, { bearer: true });
    if (denied) return denied;
    const [model, method] = req.params.call.split(":");
    const path = `projects/${req.params.project}/locations/${req.params.location}/publishers/google/models/${model}`;
    if (!MODELS.includes(model)) return googleErrorReply(404, "NOT_FOUND", `Publisher Model \`${path}\` not found.`);
    if (method !== "predict") return googleErrorReply(400, "INVALID_ARGUMENT", `Method ${method} is not supported by ${model}.`);
    const body = req.json<ImagenRequest & { parameters: { negativePrompt?: string } }>();
    const prompt = body.instances?.[0]?.prompt ?? "";
    const scenario = scenarioOf(prompt);
    const rateLimited = googleErrorReply(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for ${SERVICE}/online_prediction_requests_per_base_model with base model: ${model.replace(/-\d+$/, "")}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.`,
    );
    const refusal = refusalFor(scenario, firstTime.check(prompt), rateLimited) ?? invalidRequest(body, model);
    if (refusal) return refusal;
    if (scenario === "fail") return googleErrorReply(500, "INTERNAL", "Internal error encountered.");
    if (scenario === "timeout") return googleErrorReply(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
    const p = body.parameters;
    if (scenario === "moderation") return { json: p.includeRaiReason ? { predictions: [{ raiFilteredReason: FILTERED_REASON }] } : {} };
    const [w, h] = SIZES[p.aspectRatio ?? "1:1"];
    const scale = 480 / Math.max(w, h); // previews are small; Imagen's are 1K or 2K
    const jpeg = p.outputOptions?.mimeType === "image/jpeg";
    const image = await renderPreview({ kind: "image", prompt, width: w * scale, height: h * scale, format: jpeg ? "jpeg" : "png", seed: p.seed });
    const rewritten = p.enhancePrompt !== false && prompt.split(/\s+/).length < 30 ? { prompt: `${prompt}, detailed, natural light` } : {};
    return { json: { predictions: [{ mimeType: image.contentType, bytesBase64Encoded: image.bytes.toString("base64"), ...rewritten }] } };
  });

  return app;
}

/** Vertex AI's checks before generating, in its words. */
function invalidRequest(body: ImagenRequest & { parameters: { negativePrompt?: string } }, model: string): FakeReply | undefined {
  const bad = (message: string) => googleErrorReply(400, "INVALID_ARGUMENT", message);
  const p = body.parameters ?? ({} as ImagenRequest["parameters"]);
  if (body.instances?.length !== 1 || typeof body.instances[0].prompt !== "string" || !body.instances[0].prompt.trim()) return bad("Prompt is required.");
  if (p.sampleCount !== undefined && (p.sampleCount < 1 || p.sampleCount > 4)) return bad("sampleCount must be between 1 and 4.");
  if (!SIZES[p.aspectRatio ?? "1:1"]) return bad(`Unsupported aspect ratio: ${p.aspectRatio}. Supported ratios: ${Object.keys(SIZES).join(", ")}.`);
  if (p.sampleImageSize !== undefined) {
    if (!["1K", "2K"].includes(String(p.sampleImageSize).toUpperCase())) return bad(`Unsupported sampleImageSize: ${p.sampleImageSize}.`);
    if (model === IMAGEN_MODELS["imagen-4-fast"]) return bad(`sampleImageSize isn't supported by ${model}.`);
  }
  if (p.negativePrompt !== undefined) return bad("Negative prompt is not supported in your use case.");
  if (p.seed !== undefined && p.addWatermark !== false) return bad("Seed is not supported when watermark is enabled.");
  if (p.personGeneration !== undefined && !PERSON.includes(p.personGeneration)) return bad(`Unsupported personGeneration: ${p.personGeneration}.`);
  if (p.safetySetting !== undefined && !SAFETY.includes(p.safetySetting)) return bad(`Unsupported safetySetting: ${p.safetySetting}.`);
  if (p.safetySetting === "block_none") return bad("block_none is a restricted safety setting; contact your Google Cloud account team to use it.");
  const mime = p.outputOptions?.mimeType;
  if (mime !== undefined && mime !== "image/png" && mime !== "image/jpeg") return bad(`Unsupported output mimeType: ${mime}.`);
  return undefined;
}
