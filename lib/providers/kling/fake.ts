import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { errors, jwtVerify } from "jose";
import sharp from "sharp";
import { FakeApp, type FakeReply, postCallback } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { KolorsRequest } from "./kolors-transform";
import type { KlingEndpoint, KlingStatus, KlingTask, KlingVideoRequest } from "./transform";

/** The fake's one account: the sandbox credentials every TEST generation uses (and a plain API key, which Kling also issues). */
export const KLING_FAKE_ACCOUNT = { accessKey: "sandbox-kling-access-key", secretKey: "sandbox-kling-secret-key", apiKey: "sandbox-kling-api-key" };

const STATUS: Record<string, KlingStatus> = { queued: "submitted", running: "processing", succeeded: "succeed", failed: "failed", cancelled: "failed" };
/** What Kling serves since it retired kling-v1-5, -v1-6, -v2-1, -v2-1-master (video) and kling-v2 (images) on 2026-09-15. */
const VIDEO_MODELS: Record<KlingEndpoint, readonly string[]> = {
  text2video: ["kling-v1", "kling-v2-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3"],
  image2video: ["kling-v1", "kling-v2-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3"],
};
const IMAGE_MODELS = ["kling-v1", "kling-v1-5", "kling-v2-new", "kling-v2-1"];
const VIDEO_RATIOS = ["16:9", "9:16", "1:1"];
const IMAGE_RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"];
const RESULT_TTL_MS = 30 * 24 * 3600_000; // Kling keeps results for 30 days

/**
 * Kling's API as its docs describe it: JWT bearer auth, `{code,message,request_id,data}` envelopes, tasks that go
 * submitted → processing → succeed|failed, unsigned callbacks of the task object on each change, and the error
 * table (401/1000–1004, 400/1201, 429/1302 with Retry-After, 503/5001). Serves Kolors images too.
 */
export function createKlingFake(): FakeApp {
  const app = new FakeApp("Kling");
  const tasks = new FakeTasks(app);
  const byExternalId = new Map<string, FakeTask>();
  const firstTime = new FirstTime();

  /** Refusals every submit shares: the scenario markers, as Kling would express them. */
  const refusal = (prompt: string | undefined): FakeReply | undefined => {
    const scenario = scenarioOf(prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(prompt ?? ""))) {
      return { ...error(429, 1302, "The API request is too fast, please reduce the frequency"), headers: { "retry-after": "1" } };
    }
    if (scenario === "outage") return error(503, 5001, "Server is temporarily unavailable, usually due to maintenance");
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return error(400, 1201, "Invalid request parameters: the prompt could not be parsed");
    return undefined;
  };

  const taskView = (task: FakeTask, origin: string): KlingTask => {
    const status = STATUS[task.phase];
    const external = task.data.external_task_id as string | undefined;
    const url = status === "succeed" ? task.resultUrl(origin, RESULT_TTL_MS) : undefined;
    return {
      task_id: task.id,
      task_status: status,
      task_status_msg: status === "failed" ? (task.moderated ? "Failure to pass the risk control system" : "Task failed, please try again later") : "",
      task_info: external ? { external_task_id: external } : {},
      created_at: task.createdAt,
      updated_at: Date.now(),
      ...(url
        ? task.data.kind === "image"
          ? { task_result: { images: Array.from({ length: Number(task.data.n) }, (_, index) => ({ index, url })) } }
          : { task_result: { videos: [{ id: randomUUID(), url, duration: String(task.preview.seconds) }] }, final_unit_deduction: String(task.data.units) }
        : {}),
    };
  };

  const create = (
    kind: KlingEndpoint | "image",
    preview: FakeTask["preview"],
    origin: string,
    extra: { callbackUrl?: string; externalId?: string; n?: number; units?: number },
  ) => {
    const task = tasks.create(preview, {
      id: randomBytes(16).toString("base64url"),
      data: { kind, external_task_id: extra.externalId, n: extra.n ?? 1, units: extra.units ?? 1 },
      // Kling POSTs the task object to callback_url on every status change, unsigned.
      onChange: extra.callbackUrl ? (t) => postCallback(extra.callbackUrl!, taskView(t, origin)).then(() => undefined) : undefined,
    });
    if (extra.externalId) byExternalId.set(extra.externalId, task);
    return task;
  };

  for (const endpoint of ["text2video", "image2video"] as const) {
    app.route("POST", `/v1/videos/${endpoint}`, async (req) => {
      const denied = await authFailure(req.headers);
      if (denied) return denied;
      const body = req.json<KlingVideoRequest>();
      const refused = refusal(body.prompt) ?? (await videoParamError(endpoint, body));
      if (refused) return refused;
      if (body.external_task_id && byExternalId.has(body.external_task_id)) return error(400, 1201, "external_task_id already exists");
      const shape = endpoint === "image2video" ? await imageShape(body.image ?? body.image_tail) : ratioShape(body.aspect_ratio ?? "16:9");
      const seconds = Number(body.duration ?? "5");
      const task = create(endpoint, { kind: "video", prompt: body.prompt ?? "", ...preview(shape), seconds }, req.origin, {
        callbackUrl: body.callback_url,
        externalId: body.external_task_id,
        units: (body.mode === "pro" ? 3.5 : 1) * (seconds / 5),
      });
      return ok({ task_id: task.id, task_status: "submitted", task_info: { external_task_id: body.external_task_id }, created_at: task.createdAt, updated_at: task.createdAt });
    });

    app.route("GET", `/v1/videos/${endpoint}/:id`, async (req) => {
      const denied = await authFailure(req.headers);
      if (denied) return denied;
      const task = tasks.get(req.params.id) ?? byExternalId.get(req.params.id);
      if (!task || task.data.kind !== endpoint) return error(404, 1203, "Task not found");
      return ok(taskView(task, req.origin));
    });

    // The task list, a page at a time (pageNum from 1, pageSize up to 500); it has no filter by external_task_id.
    app.route("GET", `/v1/videos/${endpoint}`, async (req) => {
      const denied = await authFailure(req.headers);
      if (denied) return denied;
      const pageNum = Math.max(1, Number(req.query.get("pageNum") ?? 1));
      const pageSize = Math.min(500, Math.max(1, Number(req.query.get("pageSize") ?? 30)));
      const all = tasks.filter((t) => t.data.kind === endpoint).reverse();
      return ok(all.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((t) => taskView(t, req.origin)));
    });
  }

  app.route("POST", "/v1/images/generations", async (req) => {
    const denied = await authFailure(req.headers);
    if (denied) return denied;
    const body = req.json<KolorsRequest>();
    const refused = refusal(body.prompt) ?? (await imageParamError(body));
    if (refused) return refused;
    const shape = body.image ? await imageShape(body.image) : ratioShape(body.aspect_ratio ?? "1:1");
    const task = create("image", { kind: "image", format: "png", prompt: body.prompt, ...preview(shape) }, req.origin, { callbackUrl: body.callback_url, n: body.n ?? 1 });
    return ok({ task_id: task.id, task_status: "submitted", created_at: task.createdAt, updated_at: task.createdAt });
  });

  app.route("GET", "/v1/images/generations/:id", async (req) => {
    const denied = await authFailure(req.headers);
    if (denied) return denied;
    const task = tasks.get(req.params.id);
    if (!task || task.data.kind !== "image") return error(404, 1203, "Task not found");
    return ok(taskView(task, req.origin));
  });

  return app;
}

const envelope = (code: number, message: string, data?: unknown) => ({ code, message, request_id: randomUUID(), ...(data !== undefined ? { data } : {}) });
const ok = (data: unknown): FakeReply => ({ json: envelope(0, "SUCCEED", data) });
const error = (status: number, code: number, message: string): FakeReply => ({ status, json: envelope(code, message) });

/** Kling's JWT check: HS256 over {iss, exp, nbf} with the account's secret key; each failure has its own code. */
async function authFailure(headers: IncomingHttpHeaders): Promise<FakeReply | undefined> {
  const header = String(headers.authorization ?? "");
  if (!header) return error(401, 1001, "Authorization is empty");
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  if (!token) return error(401, 1002, "Authorization is invalid");
  if (token === KLING_FAKE_ACCOUNT.apiKey) return undefined;
  try {
    await jwtVerify(token, new TextEncoder().encode(KLING_FAKE_ACCOUNT.secretKey), {
      algorithms: ["HS256"],
      issuer: KLING_FAKE_ACCOUNT.accessKey,
      requiredClaims: ["exp", "nbf"],
    });
    return undefined;
  } catch (e) {
    if (e instanceof errors.JWTExpired) return error(401, 1004, "Authorization has expired");
    if (e instanceof errors.JWTClaimValidationFailed && e.claim === "nbf") return error(401, 1003, "Authorization is not yet valid");
    return error(401, 1002, "Authorization is invalid");
  }
}

/** The documented constraints of the video endpoints, so an adapter that breaks them fails here as it would there. */
async function videoParamError(endpoint: KlingEndpoint, body: KlingVideoRequest): Promise<FakeReply | undefined> {
  const bad = (message: string) => error(400, 1201, message);
  if (!VIDEO_MODELS[endpoint].includes(body.model_name)) return bad(`model_name ${body.model_name} is not supported for ${endpoint}`);
  if (endpoint === "text2video" && !body.prompt) return bad("prompt is required");
  if ((body.prompt?.length ?? 0) > 2500 || (body.negative_prompt?.length ?? 0) > 2500) return bad("prompt must be at most 2500 characters");
  if (body.duration !== "5" && body.duration !== "10") return bad(`duration must be the string "5" or "10", got ${JSON.stringify(body.duration)}`);
  if (body.mode !== undefined && body.mode !== "std" && body.mode !== "pro") return bad(`mode must be std or pro, got ${JSON.stringify(body.mode)}`);
  if (body.cfg_scale !== undefined && (body.model_name.startsWith("kling-v2") || body.cfg_scale < 0 || body.cfg_scale > 1)) {
    return bad(`cfg_scale is not supported for ${body.model_name} (v1.x only, 0 to 1)`);
  }
  if (endpoint === "text2video" && body.aspect_ratio !== undefined && !VIDEO_RATIOS.includes(body.aspect_ratio)) return bad(`aspect_ratio ${body.aspect_ratio} is not supported`);
  if (endpoint === "image2video") {
    if (!body.image && !body.image_tail) return bad("image is required");
    for (const field of ["image", "image_tail"] as const) {
      const value = body[field];
      if (value !== undefined && !(await isKlingImage(value))) return bad(`${field} must be an image URL or Base64 (jpg, jpeg or png) without a data: prefix`);
    }
    if (body.image_tail && body.mode !== "pro") return bad("image_tail is only supported in pro mode");
  }
  if (body.callback_url !== undefined && !/^https?:\/\//.test(body.callback_url)) return bad("callback_url must be an http(s) URL");
  return undefined;
}

async function imageParamError(body: KolorsRequest): Promise<FakeReply | undefined> {
  const bad = (message: string) => error(400, 1201, message);
  if (!IMAGE_MODELS.includes(body.model_name)) return bad(`model_name ${body.model_name} is not supported`);
  if (!body.prompt || body.prompt.length > 2500) return bad("prompt is required (at most 2500 characters)");
  if (body.resolution !== undefined && body.resolution !== "1k" && body.resolution !== "2k") return bad("resolution must be 1k or 2k");
  if (body.n !== undefined && (!Number.isInteger(body.n) || body.n < 1 || body.n > 9)) return bad("n must be an integer from 1 to 9");
  if (body.aspect_ratio !== undefined && !IMAGE_RATIOS.includes(body.aspect_ratio)) return bad(`aspect_ratio ${body.aspect_ratio} is not supported`);
  if (body.image !== undefined) {
    if (!(await isKlingImage(body.image))) return bad("image must be an image URL or Base64 (jpg, jpeg or png) without a data: prefix");
    if (body.negative_prompt) return bad("negative_prompt is not supported when image is provided");
    if (body.model_name === "kling-v1-5" && body.image_reference !== "subject" && body.image_reference !== "face") {
      return bad("image_reference (subject or face) is required for kling-v1-5 with an image");
    }
  }
  if (body.image_reference !== undefined && body.model_name !== "kling-v1-5") return bad("image_reference is only supported by kling-v1-5");
  if (body.image_fidelity !== undefined && (body.image_fidelity < 0 || body.image_fidelity > 1)) return bad("image_fidelity must be between 0 and 1");
  return undefined;
}

/** Kling takes a URL, or Base64 (no `data:` prefix) of a JPG/JPEG/PNG image: WebP and the rest are refused. */
async function isKlingImage(value: string): Promise<boolean> {
  if (/^https?:\/\//.test(value)) return true;
  if (value.startsWith("data:")) return false;
  return (await decodedShape(value)) !== undefined;
}

async function decodedShape(base64: string): Promise<{ w: number; h: number } | undefined> {
  try {
    const meta = await sharp(Buffer.from(base64, "base64")).metadata();
    if (meta.format !== "jpeg" && meta.format !== "png") return undefined;
    return meta.width && meta.height ? { w: meta.width, h: meta.height } : undefined;
  } catch {
    return undefined;
  }
}

/** From an image, the video keeps the image's shape; a URL is not fetched (the fake is self-contained): 16:9. */
async function imageShape(image: string | undefined): Promise<{ w: number; h: number }> {
  return (image && !/^https?:\/\//.test(image) ? await decodedShape(image) : undefined) ?? { w: 16, h: 9 };
}

function ratioShape(ratio: string): { w: number; h: number } {
  const [w, h] = ratio.split(":").map(Number);
  return { w: w || 16, h: h || 9 };
}

/** Previews are small (longest side 480); Kling's own are 720p (std) or 1080p (pro). */
function preview(shape: { w: number; h: number }): { width: number; height: number } {
  const scale = 480 / Math.max(shape.w, shape.h);
  return { width: shape.w * scale, height: shape.h * scale };
}
