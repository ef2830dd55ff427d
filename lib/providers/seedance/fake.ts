import { randomBytes } from "node:crypto";
import { FakeApp, type FakeReply, type FakeRequest, postCallback } from "../sandbox/fake-app";
import { type FakePhase, type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { SEEDANCE_MODEL_IDS, SEEDANCE_RATIOS, SEEDANCE_RESOLUTIONS, type SeedanceContent, type SeedanceCreateTask, type SeedanceStatus, seedanceFrame } from "./transform";

const STATUS: Record<FakePhase, SeedanceStatus> = { queued: "queued", running: "running", succeeded: "succeeded", failed: "failed", cancelled: "cancelled" };
/** Ark keeps task records and their video links for 24 hours. */
const RESULT_TTL_MS = 24 * 3600_000;
const FPS = 24;

interface Params {
  model: string;
  prompt: string;
  first?: string;
  last?: string;
  resolution: string;
  ratio: string;
  duration: number;
  seed: number;
  cameraFixed: boolean;
  watermark: boolean;
}

/**
 * BytePlus ModelArk's content-generation tasks: bearer key, `{error:{code,message,param,type}}` errors, `cgt-…`
 * ids, queued → running → succeeded|failed, DELETE cancels only while queued, unsigned callbacks with the task.
 * Parameters are read from top-level fields or, as older clients send them, `--rs 1080p --dur 5` flags in the text.
 */
export function createSeedanceFake(): FakeApp {
  const app = new FakeApp("Seedance");
  const tasks = new FakeTasks(app);
  const deleted = new Set<string>();
  const firstTime = new FirstTime();

  const view = (task: FakeTask, origin: string) => {
    const p = task.data.params as Params;
    const status = STATUS[task.phase];
    const [w, h] = seedanceFrame(p.resolution, p.ratio);
    const tokens = Math.round((w * h * FPS * p.duration) / 1024);
    return {
      id: task.id,
      model: p.model,
      status,
      ...(status === "succeeded" ? { content: { video_url: task.resultUrl(origin, RESULT_TTL_MS) }, usage: { completion_tokens: tokens, total_tokens: tokens } } : {}),
      error:
        status !== "failed"
          ? null
          : task.moderated
            ? { code: "OutputVideoSensitiveContentDetected", message: "The request failed because the output video may contain sensitive information." }
            : { code: "InternalServiceError", message: "The service encountered an unexpected internal error." },
      created_at: task.data.createdAt,
      updated_at: Math.floor(Date.now() / 1000),
      seed: p.seed,
      resolution: p.resolution,
      ratio: p.ratio,
      duration: p.duration,
      framespersecond: FPS,
    };
  };

  app.route("POST", "/contents/generations/tasks", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const body = req.json<SeedanceCreateTask>();
    const params = readParams(body);
    if (typeof params === "string") return arkError(400, "InvalidParameter", params, "BadRequest");
    const scenario = scenarioOf(params.prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(params.prompt))) {
      const message = "The request has exceeded the RPM limit of this endpoint. Please try again later.";
      return { ...arkError(429, "RateLimitExceeded.EndpointRPMExceeded", message, "TooManyRequests"), headers: { "retry-after": "1" } };
    }
    if (scenario === "outage") return arkError(500, "InternalServiceError", "The service encountered an unexpected internal error.", "InternalServerError");
    if (scenario === "malformed") return { status: 200, body: "<html><body>504 Gateway Time-out</body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return arkError(400, "InvalidParameter", "The parameter `ratio` specified in the request is not valid.", "BadRequest");

    const [w, h] = seedanceFrame(params.resolution, params.ratio);
    const scale = Math.min(1, 480 / Math.max(w, h)); // previews are small; Seedance's are full size
    const id = `cgt-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}-${randomBytes(3).toString("hex").slice(0, 5)}`;
    const callbackUrl = body.callback_url;
    tasks.create(
      { kind: "video", prompt: params.prompt, width: w * scale, height: h * scale, seconds: params.duration, seed: Math.max(0, params.seed) },
      {
        id,
        data: { params, createdAt: Math.floor(Date.now() / 1000) },
        onChange: callbackUrl ? (t) => (deleted.has(t.id) ? undefined : postCallback(callbackUrl, view(t, req.origin)).then(() => undefined)) : undefined,
      },
    );
    return { json: { id } };
  });

  app.route("GET", "/contents/generations/tasks/:id", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const task = deleted.has(req.params.id) ? undefined : tasks.get(req.params.id);
    if (!task) return arkError(404, "ResourceNotFound", `The specified task ${req.params.id} is not found.`, "NotFound");
    return { json: view(task, req.origin) };
  });

  // Queued: cancelled. Finished: the record is deleted. Running: refused, as Ark does.
  app.route("DELETE", "/contents/generations/tasks/:id", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const task = deleted.has(req.params.id) ? undefined : tasks.get(req.params.id);
    if (!task) return arkError(404, "ResourceNotFound", `The specified task ${req.params.id} is not found.`, "NotFound");
    if (task.phase === "running") return arkError(409, "OperationDenied.InvalidState", "A task in running status cannot be cancelled or deleted.", "Conflict");
    if (task.phase === "queued") task.cancelled = true;
    else deleted.add(task.id);
    return { json: {} };
  });

  return app;
}

function arkError(status: number, code: string, message: string, type: string): FakeReply {
  return { status, json: { error: { code, message, param: "", type } } };
}

function authFailure(req: FakeRequest): FakeReply | undefined {
  if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ""))) {
    return arkError(401, "AuthenticationError", "The API key in the request is missing or invalid.", "Unauthorized");
  }
  return undefined;
}

const FLAGS: Record<string, keyof Params> = {
  rs: "resolution",
  resolution: "resolution",
  rt: "ratio",
  ratio: "ratio",
  dur: "duration",
  duration: "duration",
  seed: "seed",
  cf: "cameraFixed",
  camerafixed: "cameraFixed",
  wm: "watermark",
  watermark: "watermark",
};

/** The request as Ark reads it, or the reason it is refused (400 InvalidParameter). */
function readParams(body: SeedanceCreateTask): Params | string {
  const models = Object.values(SEEDANCE_MODEL_IDS) as string[];
  if (!models.includes(body.model)) return `The model or endpoint ${body.model} does not exist or you do not have access to it.`;
  if (!Array.isArray(body.content)) return "The parameter `content` specified in the request is not valid.";
  const text = body.content.find((c): c is Extract<SeedanceContent, { type: "text" }> => c.type === "text")?.text ?? "";
  const images = body.content.filter((c): c is Extract<SeedanceContent, { type: "image_url" }> => c.type === "image_url");
  const flags: Record<string, string> = {};
  const prompt = text
    .replace(/--(\w+)\s+(\S+)/g, (whole, name: string, value: string) => {
      if (!(name.toLowerCase() in FLAGS)) return whole;
      flags[FLAGS[name.toLowerCase()]] = value;
      return "";
    })
    .trim();
  const pick = <T>(field: T | undefined, flag: keyof Params, parse: (v: string) => T, fallback: T): T =>
    field !== undefined ? field : flags[flag] !== undefined ? parse(flags[flag]) : fallback;
  const p: Params = {
    model: body.model,
    prompt,
    first: images.find((i) => (i.role ?? "first_frame") === "first_frame")?.image_url?.url,
    last: images.find((i) => i.role === "last_frame")?.image_url?.url,
    resolution: pick(body.resolution, "resolution", String, body.model.includes("lite") ? "720p" : "1080p"),
    ratio: pick(body.ratio, "ratio", String, images.length > 0 ? "adaptive" : "16:9"),
    duration: pick(body.duration, "duration", Number, 5),
    seed: pick(body.seed, "seed", Number, -1),
    cameraFixed: pick(body.camera_fixed, "cameraFixed", (v) => v === "true", false),
    watermark: pick(body.watermark, "watermark", (v) => v === "true", false),
  };
  if (!prompt && !p.first) return "The parameter `content` must include a text prompt or a first frame image.";
  if (!(SEEDANCE_RESOLUTIONS as readonly string[]).includes(p.resolution)) return "The parameter `resolution` specified in the request is not valid.";
  if (!(SEEDANCE_RATIOS as readonly string[]).includes(p.ratio)) return "The parameter `ratio` specified in the request is not valid.";
  if (p.ratio === "adaptive" && !p.first) return "The parameter `ratio` adaptive requires a first frame image.";
  if (!Number.isInteger(p.duration) || p.duration < 2 || p.duration > 12) return "The parameter `duration` specified in the request is not valid.";
  if (!Number.isInteger(p.seed) || p.seed < -1 || p.seed > 4294967295) return "The parameter `seed` specified in the request is not valid.";
  for (const url of [p.first, p.last]) {
    if (url !== undefined && !/^(https?:\/\/|data:image\/[\w.+-]+;base64,)/.test(url)) return "The parameter `image_url.url` specified in the request is not valid.";
  }
  if (p.last && !p.first) return "A last_frame image requires a first_frame image.";
  if (images.length > 0 && body.model === SEEDANCE_MODEL_IDS["lite-t2v"]) return `The model ${body.model} does not support image input.`;
  if (!images.length && body.model === SEEDANCE_MODEL_IDS["lite-i2v"]) return `The model ${body.model} requires a first frame image.`;
  if (p.last && body.model === SEEDANCE_MODEL_IDS["pro-fast"]) return `The model ${body.model} does not support last_frame.`;
  return p;
}
