import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeMedia } from "../../media/probe";
import { FakeApp, type FakeReply, type FakeRequest } from "../sandbox/fake-app";
import { type FakePhase, type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, SANDBOX_SCENARIOS, type Scenario } from "../sandbox/scenarios";
import { VIGGLE_MODELS, type ViggleStatus } from "./transform";

const STATUS: Record<FakePhase, ViggleStatus> = { queued: "queued", running: "processing", succeeded: "complete", failed: "failed", cancelled: "cancelled" };
const CDN_TTL_MS = 7 * 24 * 3600_000;
/** What the fake assumes for a driving video it is only given a URL for (it fetches nothing). */
const URL_VIDEO = { seconds: 5, width: 272, height: 480 };

/**
 * Viggle's render API: multipart `POST /api/render` with bearer auth, `{detail:{error_code,message,action}}`
 * errors, jobs polled without auth through queued → processing → complete|failed, DELETE to cancel and refund.
 * Documented codes (CS-ORAU-001/002, CS-ORIV-001/002/004, CS-ORCR-001) are used as documented; the rate-limit,
 * job-state and render-failure codes below are not public and are marked [U].
 */
export function createViggleFake(): FakeApp {
  const app = new FakeApp("Viggle");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  const view = (task: FakeTask, origin: string) => {
    const status = STATUS[task.phase];
    const progress = Math.round(task.progress * 100);
    const transparent = task.data.backgroundMode === "transparent";
    const cdn = status === "complete" ? task.resultUrl(origin, CDN_TTL_MS) : null;
    return {
      job_id: task.id,
      status,
      mode: task.data.mode,
      checkpoint: status === "processing" ? (progress < 25 ? "ref_done" : progress < 50 ? "dri_done" : progress < 75 ? "bg_done" : "render_done") : null,
      progress_pct: status === "complete" ? 100 : progress,
      cdn_url: cdn,
      // The alpha matte is its own video at Viggle; the fake hands back the same file.
      mask_cdn_url: cdn && transparent ? cdn : null,
      ...(status === "failed"
        ? task.moderated
          ? { error: "Content moderation", error_code: "CS-UORC01-002", error_message: "The reference image was rejected by content moderation. Credits were refunded." } // [U] code
          : { error: "Render failed", error_code: "CS-UORC01-009", error_message: "Rendering failed unexpectedly. Credits were refunded." } // [U] code
        : { error: null, error_code: null, error_message: null }),
      chunks: [],
      created_at: task.data.createdAt,
      completed_at: status === "complete" || status === "failed" ? new Date().toISOString() : null,
    };
  };

  app.route("POST", "/api/render", async (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const scenario = scenarioFrom(req);
    const form = await req.form();
    const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
    const file = (name: string) => (form.get(name) instanceof Blob ? (form.get(name) as Blob) : undefined);
    const inputs = `${text("ref_image_url") ?? file("ref_image")?.size}:${text("driving_video_url") ?? file("driving_video")?.size}`;
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(inputs))) {
      return { ...viggleError(429, "CS-ORRL-001", "Too many requests", "Wait and retry"), headers: { "retry-after": "1" } }; // [U] code
    }
    if (scenario === "outage") return { status: 503, body: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "malformed") return { status: 200, body: "<html>upstream error</html>", headers: { "content-type": "text/html" } };
    const schema = schemaProblems(text);
    if (schema.length > 0) return { status: 422, json: { detail: schema } };
    const fast = text("fast") === "true";
    if (!file("ref_image") && !text("ref_image_url") && !text("character_id"))
      return viggleError(400, "CS-ORIV-001", "Reference image is required", "Upload a ref_image (PNG/JPG)");
    const drivingFile = file("driving_video");
    if (!drivingFile && !text("driving_video_url") && !text("scene_id"))
      return viggleError(400, "CS-ORIV-002", "Driving video is required", "Upload driving_video or provide scene_id");
    if (fast && !drivingFile && !text("scene_id")) return viggleError(400, "CS-ORIV-002", "Fast mode requires a driving_video upload or a scene_id", "Upload driving_video");
    const video = drivingFile ? await measure(drivingFile) : URL_VIDEO;
    if (!video) return viggleError(400, "CS-ORIV-002", "Driving video could not be decoded", "Upload an MP4 video");
    if (scenario === "invalid" || video.seconds > 300) return viggleError(400, "CS-ORIV-004", "Video too long", "Keep under 5 minutes");

    const scale = Math.min(1, 480 / Math.max(video.width, video.height));
    const mode = text("scene_id") ? "preprocessed" : fast ? "fast" : "full_pipeline";
    const task = tasks.create(
      { kind: "video", prompt: `${scenario === "ok" ? "" : `[sandbox:${scenario}] `}dance`, width: video.width * scale, height: video.height * scale, seconds: video.seconds },
      { id: `job_${randomBytes(6).toString("hex")}`, data: { createdAt: new Date().toISOString(), mode, backgroundMode: text("background_mode") ?? "original" } },
    );
    return { json: { job_id: task.id, status: "queued", mode, enqueued_at: task.data.createdAt } };
  });

  // No auth on the status endpoint, as documented.
  app.route("GET", "/api/render/:id", (req) => {
    const task = tasks.get(req.params.id);
    if (!task) return viggleError(404, "CS-ORJB-404", "Job not found", "Check the job_id"); // [U] code
    return { json: view(task, req.origin) };
  });

  app.route("DELETE", "/api/render/:id", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const task = tasks.get(req.params.id);
    if (!task) return viggleError(404, "CS-ORJB-404", "Job not found", "Check the job_id"); // [U] code
    if (task.phase !== "queued" && task.phase !== "running") return viggleError(409, "CS-ORJB-409", `Job is already ${STATUS[task.phase]}`, "Nothing to cancel"); // [U] code
    task.cancelled = true;
    return { json: { job_id: task.id, status: "cancelled", refunded: true } };
  });

  return app;
}

function viggleError(status: number, error_code: string, message: string, action: string): FakeReply {
  return { status, json: { detail: { error_code, message, action } } };
}

function authFailure(req: FakeRequest): FakeReply | undefined {
  const auth = req.headers.authorization;
  if (!auth) return viggleError(401, "CS-ORAU-001", "Missing API key", "Add Authorization: Bearer sk-... header");
  if (!/^Bearer \S+$/.test(auth)) return viggleError(401, "CS-ORAU-002", "Invalid API key", "Check your key is correct");
  return undefined;
}

/** Our adapter names the prompt's sandbox scenario in a header (Viggle takes no prompt to carry it). */
function scenarioFrom(req: FakeRequest): Scenario {
  const named = String(req.headers["x-sandbox-scenario"] ?? "");
  return named in SANDBOX_SCENARIOS ? (named as Scenario) : "ok";
}

/** FastAPI's own 422 for fields outside the schema's enums. */
function schemaProblems(text: (name: string) => string | undefined): { loc: string[]; msg: string; type: string }[] {
  const checks: [field: string, ok: (v: string) => boolean, msg: string, type: string][] = [
    ["model", (v) => (Object.values(VIGGLE_MODELS) as string[]).includes(v), "Input should be 'V4_Preview' or 'V3_Preview'", "enum"],
    ["background_mode", (v) => ["original", "solid", "transparent"].includes(v), "Input should be 'original', 'solid' or 'transparent'", "enum"],
    ["bg_color", (v) => /^\d{1,3},\d{1,3},\d{1,3}$/.test(v), "String should match pattern 'R,G,B'", "string_pattern_mismatch"],
    ["fast", (v) => ["true", "false"].includes(v), "Input should be a valid boolean", "bool_parsing"],
  ];
  return checks.flatMap(([field, ok, msg, type]) => {
    const value = text(field);
    return value === undefined || ok(value) ? [] : [{ loc: ["body", field], msg, type }];
  });
}

/** Length and frame of an uploaded driving video, read with ffprobe as Viggle's pipeline would. */
async function measure(video: Blob): Promise<{ seconds: number; width: number; height: number } | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), "viggle-fake-"));
  try {
    const file = path.join(dir, "driving");
    await writeFile(file, Buffer.from(await video.arrayBuffer()));
    const info = await probeMedia(file);
    if (!info.duration || !info.width || !info.height) return undefined;
    return { seconds: info.duration, width: info.width, height: info.height };
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
