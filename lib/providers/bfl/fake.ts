import { FakeApp, type FakeReply, type FakeRequest } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { signBflWebhook } from "./client";
import type { BflRequest } from "./transform";

/** BFL result links (`result.sample`) are signed delivery URLs that live 10 minutes. */
const SAMPLE_TTL_MS = 10 * 60_000;
const SIZE_MODELS = new Set(["flux-dev", "flux-pro", "flux-pro-1.1"]);
const RATIO_MODELS: Record<string, [number, number]> = {
  // Allowed aspect_ratio range, as width/height: ultra 21:9…9:21, Kontext 3:7…7:3.
  "flux-pro-1.1-ultra": [9 / 21, 21 / 9],
  "flux-kontext-pro": [3 / 7, 7 / 3],
  "flux-kontext-max": [3 / 7, 7 / 3],
  "flux-kontext": [3 / 7, 7 / 3],
};

type Problem = { loc: string[]; msg: string; type: string; input?: unknown };

/**
 * Black Forest Labs' API as its docs and SDK show it: `x-key`, `POST /v1/<model>` → `{id, polling_url}`, the
 * polling_url answering `status` Pending → Ready with `result.sample` (a 10-minute link), moderation as a
 * status, FastAPI `{detail}` errors, and a webhook POSTed to `webhook_url` signed with `webhook_secret`.
 */
export function createBflFake(): FakeApp {
  const app = new FakeApp("Black Forest Labs");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  app.route("POST", "/v1/:model", (req): FakeReply => {
    if (!req.headers["x-key"]) return { status: 401, json: { detail: "Not authenticated - Invalid Authentication" } };
    const model = req.params.model;
    if (!SIZE_MODELS.has(model) && !RATIO_MODELS[model]) return { status: 404, json: { detail: "Not Found" } };
    const body = req.json<BflRequest>();
    const scenario = scenarioOf(body.prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(body.prompt ?? ""))) {
      const limit = model === "flux-kontext-max" ? 6 : 24;
      return { status: 429, json: { detail: `You have reached the limit of ${limit} active tasks. Please wait for a task to finish.` }, headers: { "retry-after": "1" } };
    }
    if (scenario === "outage") return { status: 503, json: { detail: "Service temporarily unavailable" } };
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };
    const problems = validate(model, body);
    if (scenario === "invalid") problems.push({ loc: ["body", "prompt"], msg: "Value error, prompt was rejected by the sandbox", type: "value_error" });
    if (problems.length > 0) return { status: 422, json: { detail: problems } };

    const { width, height } = previewSize(model, body);
    const task = tasks.create(
      { kind: "image", prompt: body.prompt, width, height, format: body.output_format === "png" ? "png" : "jpeg", seed: body.seed },
      { data: { seed: body.seed ?? 42, prompt: body.prompt }, onChange: body.webhook_url ? (t) => sendWebhook(t, req, body) : undefined },
    );
    return { json: { id: task.id, polling_url: `${req.origin}/v1/get_result?id=${task.id}` } };
  });

  app.route("GET", "/v1/get_result", (req) => {
    if (!req.headers["x-key"]) return { status: 401, json: { detail: "Not authenticated - Invalid Authentication" } };
    const id = req.query.get("id") ?? "";
    const task = tasks.get(id);
    if (!task) return { json: { id, status: "Task not found" } };
    return { json: resultOf(task, req.origin) };
  });

  async function sendWebhook(task: FakeTask, req: FakeRequest, body: BflRequest): Promise<void> {
    if (task.phase !== "succeeded" && task.phase !== "failed") return;
    const payload = JSON.stringify({ ...resultOf(task, req.origin), timestamp: new Date().toISOString() });
    // Sent by hand rather than with postCallback: the signature covers these exact bytes.
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (body.webhook_secret) headers["x-bfl-signature"] = signBflWebhook(payload, body.webhook_secret);
    await fetch(body.webhook_url as string, { method: "POST", headers, body: payload, signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer());
  }

  return app;
}

function resultOf(task: FakeTask, origin: string): Record<string, unknown> {
  switch (task.phase) {
    case "succeeded":
      return {
        id: task.id,
        status: "Ready",
        result: { sample: task.resultUrl(origin, SAMPLE_TTL_MS), prompt: task.data.prompt, seed: task.data.seed },
        progress: null,
        details: null,
      };
    case "failed":
      return task.moderated
        ? { id: task.id, status: "Content Moderated", result: null, progress: null, details: { "Moderation Reasons": ["Content policy"] } }
        : { id: task.id, status: "Error", result: null, progress: null, details: { error: "Generation failed on the worker" } };
    case "queued":
    case "running":
    case "cancelled":
      return { id: task.id, status: "Pending", result: null, progress: Number(task.progress.toFixed(2)), details: null };
  }
}

/** Field checks as BFL's FastAPI models do them; the fake accepts every variant the sources disagree on. */
function validate(model: string, body: BflRequest): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, msg: string, input?: unknown) => problems.push({ loc: ["body", field], msg, type: "value_error", input });
  if (typeof body.prompt !== "string") bad("prompt", "Field required");
  if (SIZE_MODELS.has(model)) {
    for (const field of ["width", "height"] as const) {
      const v = body[field];
      if (v === undefined) continue;
      if (!Number.isInteger(v) || v < 256 || v > 1440 || v % 16 !== 0) bad(field, `Value error, ${field} must be a multiple of 32 between 256 and 1440`, v);
    }
    if (body.steps !== undefined && (!Number.isInteger(body.steps) || body.steps < 1 || body.steps > 50)) bad("steps", "Input should be between 1 and 50", body.steps);
    if (body.guidance !== undefined && (body.guidance < 1.5 || body.guidance > 5)) bad("guidance", "Input should be between 1.5 and 5", body.guidance);
  } else if (body.aspect_ratio !== undefined) {
    const [w, h] = String(body.aspect_ratio).split(":").map(Number);
    const [min, max] = RATIO_MODELS[model];
    if (!(w > 0 && h > 0) || w / h < min - 1e-9 || w / h > max + 1e-9) bad("aspect_ratio", "Value error, aspect ratio out of range", body.aspect_ratio);
  }
  if (body.raw !== undefined && typeof body.raw !== "boolean") bad("raw", "Input should be a valid boolean", body.raw);
  if (body.seed !== undefined && !Number.isInteger(body.seed)) bad("seed", "Input should be a valid integer", body.seed);
  if (body.safety_tolerance !== undefined && (!Number.isInteger(body.safety_tolerance) || body.safety_tolerance < 0 || body.safety_tolerance > 6)) {
    bad("safety_tolerance", "Input should be less than or equal to 6", body.safety_tolerance);
  }
  if (model.startsWith("flux-kontext") && body.input_image && (body.safety_tolerance ?? 2) > 2) {
    bad("safety_tolerance", "Value error, safety_tolerance is limited to 2 for image-to-image", body.safety_tolerance);
  }
  if (body.output_format !== undefined && body.output_format !== "jpeg" && body.output_format !== "png")
    bad("output_format", "Input should be 'jpeg' or 'png'", body.output_format);
  for (const field of ["input_image", "image_prompt"] as const) {
    const v = body[field];
    if (v !== undefined && !(typeof v === "string" && (/^https?:\/\//.test(v) || /^[A-Za-z0-9+/]+=*$/.test(v)))) bad(field, "Value error, expected a base64 encoded image or URL");
  }
  if (body.webhook_url !== undefined && !/^https?:\/\//.test(String(body.webhook_url))) bad("webhook_url", "Input should be a valid URL", body.webhook_url);
  return problems;
}

/** The size BFL would make, scaled down for the preview (longest side 480). */
function previewSize(model: string, body: BflRequest): { width: number; height: number } {
  let w = body.width ?? 1024;
  let h = body.height ?? 768;
  if (!SIZE_MODELS.has(model)) {
    const [rw, rh] = String(body.aspect_ratio ?? (model.startsWith("flux-kontext") ? "1:1" : "16:9"))
      .split(":")
      .map(Number);
    w = rw;
    h = rh;
  }
  const scale = 480 / Math.max(w, h);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}
