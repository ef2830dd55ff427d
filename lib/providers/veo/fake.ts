import { addGoogleTokenEndpoint, googleAuthFailure, googleErrorReply, refusalFor } from "../google/fake-google";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply, type FakeRequest } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { VeoBackend } from "./client";
import { withSoundtrack } from "./fake-soundtrack";
import type { VeoImage, VeoRequest } from "./transform";

const MODELS = ["veo-3.0-generate-001", "veo-3.0-fast-generate-001"];
const GEMINI_SERVICE = "generativelanguage.googleapis.com";
const VERTEX_SERVICE = "aiplatform.googleapis.com";
/** Gemini keeps generated files for two days. */
const FILE_TTL_MS = 48 * 3600_000;
const FILTERED_REASON =
  "Unable to generate videos because the prompt or image violates Google's Responsible AI practices. You can try rephrasing the prompt. Support codes: 17301594";

/**
 * Veo as both of Google's APIs serve it, under one root: the Gemini API (`x-goog-api-key`, `GET /{operation}`,
 * a result URI that needs the key and redirects to a signed link) and Vertex AI (OAuth bearer,
 * `:fetchPredictOperation`, the video inline as base64), plus Google's OAuth token endpoint.
 */
export function createVeoFake(): FakeApp {
  const app = new FakeApp("Google Veo");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  addGoogleTokenEndpoint(app);

  const submit = (req: FakeRequest, backend: VeoBackend, model: string, opName: (id: string) => string): FakeReply => {
    const body = req.json<VeoRequest>();
    const prompt = body.instances?.[0]?.prompt ?? "";
    const scenario = scenarioOf(prompt);
    const rateLimited =
      backend === "gemini"
        ? googleErrorReply(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", [
            { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaMetric: `${GEMINI_SERVICE}/predict_long_running_requests`, quotaId: "PredictLongRunningRequestsPerMinutePerProjectPerModel" }] },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1s" },
          ])
        : googleErrorReply(429, "RESOURCE_EXHAUSTED", `Quota exceeded for ${VERTEX_SERVICE}/online_prediction_requests_per_base_model with base model: ${model}. Please submit a quota increase request.`);
    const refusal = refusalFor(scenario, firstTime.check(prompt), rateLimited) ?? invalidRequest(body, backend, model);
    if (refusal) return refusal;
    const p = body.parameters;
    const landscape = p.aspectRatio !== "9:16";
    const task = tasks.create(
      { kind: "video", prompt, width: landscape ? 480 : 270, height: landscape ? 270 : 480, seconds: Number(p.durationSeconds), seed: p.seed },
      // Veo 3 always adds sound on the Gemini API; Vertex AI only when asked.
      { data: { backend, audio: backend === "gemini" || p.generateAudio === true } },
    );
    task.data.name = opName(task.id);
    return { json: { name: task.data.name } };
  };

  app.route("POST", "/models/:call", (req) => {
    const [model, method] = req.params.call.split(":");
    const denied = googleAuthFailure(req, GEMINI_SERVICE, { apiKey: true });
    if (denied) return denied;
    if (method !== "predictLongRunning" || !MODELS.includes(model)) {
      return googleErrorReply(404, "NOT_FOUND", `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`);
    }
    return submit(req, "gemini", model, (id) => `models/${model}/operations/${id}`);
  });

  app.route("GET", "/models/:model/operations/:op", async (req) => {
    const denied = googleAuthFailure(req, GEMINI_SERVICE, { apiKey: true });
    if (denied) return denied;
    const task = tasks.get(req.params.op);
    if (!task || task.data.backend !== "gemini") return googleErrorReply(404, "NOT_FOUND", `Operation models/${req.params.model}/operations/${req.params.op} not found.`);
    return { json: operation(task, (t) => ({ generateVideoResponse: { generatedSamples: [{ video: { uri: `${req.origin}/files/${t.id}:download?alt=media` } }] } })) };
  });

  // The Gemini file download: the key is checked, then Google redirects to a short-lived signed link.
  app.route("GET", "/files/:file", async (req) => {
    const denied = googleAuthFailure(req, GEMINI_SERVICE, { apiKey: true });
    if (denied) return denied;
    const task = tasks.get(req.params.file.replace(/:download$/, ""));
    if (!task?.result || req.query.get("alt") !== "media") return googleErrorReply(404, "NOT_FOUND", `File ${req.params.file} not found.`);
    task.data.link ??= app.publish(req.origin, await finalVideo(task), "video/mp4", task.scenario === "expired_url" ? -1 : FILE_TTL_MS);
    return { status: 302, headers: { location: String(task.data.link) } };
  });

  app.route("POST", "/projects/:project/locations/:location/publishers/google/models/:call", async (req) => {
    const denied = googleAuthFailure(req, VERTEX_SERVICE, { bearer: true });
    if (denied) return denied;
    const [model, method] = req.params.call.split(":");
    const path = `projects/${req.params.project}/locations/${req.params.location}/publishers/google/models/${model}`;
    if (!MODELS.includes(model)) return googleErrorReply(404, "NOT_FOUND", `Publisher Model \`${path}\` not found.`);
    if (method === "predictLongRunning") return submit(req, "vertex", model, (id) => `${path}/operations/${id}`);
    if (method !== "fetchPredictOperation") return googleErrorReply(400, "INVALID_ARGUMENT", `Method ${method} is not supported by ${model}.`);
    const { operationName } = req.json<{ operationName?: string }>();
    const task = tasks.get(String(operationName).split("/").pop() ?? "");
    if (!task || task.data.name !== operationName) return googleErrorReply(404, "NOT_FOUND", `Operation ${operationName} not found.`);
    const videos = task.result ? [{ bytesBase64Encoded: (await finalVideo(task)).toString("base64"), mimeType: "video/mp4" }] : [];
    return { json: operation(task, () => ({ "@type": "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse", raiMediaFilteredCount: 0, videos })) };
  });

  return app;
}

/** The operation resource: not done while queued or running; done with a response, a filtered response, or an error. */
function operation(task: FakeTask, success: (task: FakeTask) => Record<string, unknown>) {
  const name = task.data.name as string;
  switch (task.phase) {
    case "succeeded":
      return { name, done: true, response: success(task) };
    case "failed":
      if (!task.moderated) return { name, done: true, error: { code: 13, message: "Video generation failed due to an internal error. Please try again later." } };
      return task.data.backend === "gemini"
        ? { name, done: true, response: { generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: [FILTERED_REASON] } } }
        : { name, done: true, response: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: [FILTERED_REASON] } };
    default:
      return { name };
  }
}

function finalVideo(task: FakeTask): Promise<Buffer> {
  const bytes = task.result!.bytes;
  task.data.final ??= task.data.audio ? withSoundtrack(bytes) : Promise.resolve(bytes);
  return task.data.final as Promise<Buffer>;
}

/** What Google validates before accepting a job (both APIs), in its words. */
function invalidRequest(body: VeoRequest, backend: VeoBackend, model: string): FakeReply | undefined {
  const bad = (message: string) => googleErrorReply(400, "INVALID_ARGUMENT", message);
  const instance = body.instances?.[0];
  const p = body.parameters ?? ({} as VeoRequest["parameters"]);
  if (!instance || body.instances.length !== 1) return bad("Exactly one instance is required.");
  if (!instance.prompt && !instance.image) return bad("Either a prompt or an image is required.");
  for (const [field, image] of [["image", instance.image], ["lastFrame", instance.lastFrame]] as const) {
    const problem = image && imageProblem(image);
    if (problem) return bad(`instances[0].${field}: ${problem}`);
  }
  if (instance.lastFrame && !instance.image) return bad("lastFrame must be used in combination with image.");
  if (![4, 6, 8].includes(Number(p.durationSeconds))) return bad(`The duration of the video must be 4, 6 or 8 seconds for ${model}; got ${p.durationSeconds}.`);
  if (!["16:9", "9:16"].includes(p.aspectRatio)) return bad(`Unsupported aspect ratio: ${p.aspectRatio}. Supported: 16:9, 9:16.`);
  if (!["720p", "1080p"].includes(p.resolution ?? "720p")) return bad(`Unsupported resolution: ${p.resolution}.`);
  if (backend === "gemini" && p.resolution === "1080p" && p.aspectRatio !== "16:9") return bad("1080p is only supported for the 16:9 aspect ratio.");
  if (p.sampleCount !== undefined && (p.sampleCount < 1 || p.sampleCount > 4)) return bad("sampleCount must be between 1 and 4.");
  if (backend === "gemini" && p.generateAudio !== undefined) return bad("generateAudio isn't supported by this model.");
  if (backend === "vertex" && typeof p.generateAudio !== "boolean") return bad(`generateAudio is required for ${model}.`);
  return undefined;
}

function imageProblem(image: VeoImage & { uri?: string; gcsUri?: string }): string | undefined {
  if (image.uri) return "Input image must be provided as bytesBase64Encoded or gcsUri; URLs are not supported.";
  if (image.gcsUri) return undefined;
  if (!image.bytesBase64Encoded) return "bytesBase64Encoded is required.";
  if (!["image/png", "image/jpeg", "image/webp"].includes(image.mimeType)) return `Unsupported MIME type: ${image.mimeType}.`;
  if (sniff(Buffer.from(image.bytesBase64Encoded, "base64")) !== image.mimeType) return "The image bytes do not match the MIME type or are not a valid image.";
  return undefined;
}
