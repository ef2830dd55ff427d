import { addGoogleTokenEndpoint, googleAuthFailure, googleErrorReply, refusalFor } from "../google/fake-google";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { withSoundtrack } from "./fake-soundtrack";
import { VEO_LINEUP, VEO_MODELS } from "./models";
import type { VeoImage, VeoRequest } from "./transform";

const SERVICE = "aiplatform.googleapis.com";
/** Google's served model ids → what each can do (retired ids are absent: Google answers 404 for them). */
const SERVED = new Map(VEO_LINEUP.models.filter((m) => m.status !== "RETIRED").map((m) => [m.vendorModelId, VEO_MODELS[m.id]]));
const FILTERED_REASON =
  "Unable to generate videos because the prompt or image violates Google's Responsible AI practices. You can try rephrasing the prompt. Support codes: 17301594";

/**
 * Veo on Vertex AI as Google serves it: OAuth bearer, `…/publishers/google/models/{model}:predictLongRunning`
 * answering an operation name, `:fetchPredictOperation` answering the operation (the video inline as base64 when
 * done, safety-filtered videos counted instead), Google's error shape and checks, and the OAuth token endpoint.
 * `@google/genai` 3.1.0 runs against this unchanged (tests/providers/conformance/google-genai.test.ts).
 */
export function createVeoFake(): FakeApp {
  const app = new FakeApp("Google Veo");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  addGoogleTokenEndpoint(app);

  app.route("POST", "/projects/:project/locations/:location/publishers/google/models/:call", async (req) => {
    const denied = googleAuthFailure(req, SERVICE, { bearer: true });
    if (denied) return denied;
    const [model, method] = req.params.call.split(":");
    const path = `projects/${req.params.project}/locations/${req.params.location}/publishers/google/models/${model}`;
    if (!SERVED.has(model))
      return googleErrorReply(
        404,
        "NOT_FOUND",
        `Publisher Model \`${path}\` was not found or your project does not have access to it. Please ensure you are using a valid model version.`,
      );
    if (method === "fetchPredictOperation") {
      const { operationName } = req.json<{ operationName?: string }>();
      const task = tasks.get(String(operationName).split("/").pop() ?? "");
      if (!task || task.data.name !== operationName) return googleErrorReply(404, "NOT_FOUND", `Operation ${operationName} not found.`);
      return { json: await operation(task) };
    }
    if (method !== "predictLongRunning") return googleErrorReply(400, "INVALID_ARGUMENT", `Method ${method} is not supported by ${model}.`);

    const body = req.json<VeoRequest>();
    const prompt = body.instances?.[0]?.prompt ?? "";
    const scenario = scenarioOf(prompt);
    const rateLimited = googleErrorReply(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for ${SERVICE}/online_prediction_requests_per_base_model with base model: ${model}. Please submit a quota increase request.`,
    );
    const refusal = refusalFor(scenario, firstTime.check(prompt), rateLimited) ?? invalidRequest(body, model);
    if (refusal) return refusal;
    const p = body.parameters;
    const landscape = p.aspectRatio !== "9:16";
    const task = tasks.create(
      { kind: "video", prompt, width: landscape ? 480 : 270, height: landscape ? 270 : 480, seconds: Number(p.durationSeconds), seed: p.seed },
      { data: { audio: p.generateAudio === true } },
    );
    task.data.name = `${path}/operations/${task.id}`;
    return { json: { name: task.data.name } };
  });

  return app;
}

/** The operation resource: not done while queued or running; done with the video, a filtered response, or an error. */
async function operation(task: FakeTask) {
  const name = task.data.name as string;
  switch (task.phase) {
    case "succeeded": {
      const video = await finalVideo(task);
      const videos = [{ bytesBase64Encoded: video.toString("base64"), mimeType: "video/mp4" }];
      return { name, done: true, response: { "@type": "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse", raiMediaFilteredCount: 0, videos } };
    }
    case "failed":
      if (!task.moderated) return { name, done: true, error: { code: 13, message: "Video generation failed due to an internal error. Please try again later." } };
      return {
        name,
        done: true,
        response: { "@type": "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse", raiMediaFilteredCount: 1, raiMediaFilteredReasons: [FILTERED_REASON] },
      };
    case "queued":
    case "running":
    case "cancelled":
      return { name };
  }
}

function finalVideo(task: FakeTask): Promise<Buffer> {
  const bytes = task.result!.bytes;
  task.data.final ??= task.data.audio ? withSoundtrack(bytes) : Promise.resolve(bytes);
  return task.data.final as Promise<Buffer>;
}

/** What Google validates before accepting a job, in its words. */
function invalidRequest(body: VeoRequest, modelId: string): FakeReply | undefined {
  const bad = (message: string) => googleErrorReply(400, "INVALID_ARGUMENT", message);
  const model = SERVED.get(modelId)!;
  const instance = body.instances?.[0];
  const p = body.parameters ?? ({} as VeoRequest["parameters"]);
  if (!instance || body.instances.length !== 1) return bad("Exactly one instance is required.");
  if (!instance.prompt && !instance.image) return bad("Either a prompt or an image is required.");
  const refs = instance.referenceImages ?? [];
  for (const [field, image] of [["image", instance.image], ["lastFrame", instance.lastFrame], ...refs.map((r, i) => [`referenceImages[${i}].image`, r.image] as const)] as const) {
    const problem = image && imageProblem(image);
    if (problem) return bad(`instances[0].${field}: ${problem}`);
  }
  if (instance.lastFrame && !instance.image) return bad("lastFrame must be used in combination with image.");
  if (instance.lastFrame && !model.lastFrame) return bad(`lastFrame isn't supported by ${modelId}.`);
  if (refs.length > 0 && !model.references) return bad(`referenceImages isn't supported by ${modelId}.`);
  if (refs.length > 3) return bad("At most 3 reference images are supported.");
  if (refs.some((r) => r.referenceType !== "asset" && r.referenceType !== "style")) return bad("referenceType must be asset or style.");
  const seconds = Number(p.durationSeconds);
  if (![4, 6, 8].includes(seconds)) return bad(`The duration of the video must be 4, 6 or 8 seconds for ${modelId}; got ${p.durationSeconds}.`);
  if (!["16:9", "9:16"].includes(p.aspectRatio)) return bad(`Unsupported aspect ratio: ${p.aspectRatio}. Supported: 16:9, 9:16.`);
  const resolution = p.resolution ?? "720p";
  if (!model.resolutions.includes(resolution)) return bad(`Unsupported resolution: ${resolution} for ${modelId}. Supported: ${model.resolutions.join(", ")}.`);
  if (resolution !== "720p" && seconds !== 8) return bad(`${resolution} is only supported for 8 second videos.`);
  if (refs.length > 0 && seconds !== 8) return bad("Reference images are only supported for 8 second videos.");
  if (p.sampleCount !== undefined && (p.sampleCount < 1 || p.sampleCount > 4)) return bad("sampleCount must be between 1 and 4.");
  if (p.seed !== undefined && (!Number.isInteger(p.seed) || p.seed < 0 || p.seed > 4_294_967_295)) return bad("seed must be an integer between 0 and 4294967295.");
  if (typeof p.generateAudio !== "boolean") return bad(`generateAudio is required for ${modelId}.`);
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
