import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeMedia } from "@/lib/media/probe";
import { dimensions } from "../catalog/shared-options";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply, postCallback } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { HEYGEN_STOCK_AVATARS, HEYGEN_STOCK_VOICES } from "./stock";
import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID, type HeygenVideoRequest } from "./transform";

const API_KEY = "sandbox-heygen-api-key";
// The stock HeyGen lists (the ids our catalog resolves portable names to), plus a talking photo and a voice of the account.
const AVATARS = new Set([DEFAULT_AVATAR_ID, ...HEYGEN_STOCK_AVATARS.stock.map((a) => a.id), "a5f3e8b1c2d44f6e9a7b0c1d2e3f4a5b"]);
const VOICES = new Set([DEFAULT_VOICE_ID, ...HEYGEN_STOCK_VOICES.stock.map((v) => v.id), "d7bbcdd6964c47bdaae26decade4a933"]);
const STATUS: Record<string, string> = { queued: "pending", running: "processing", succeeded: "completed", failed: "failed", cancelled: "failed" };
const RESOLUTIONS = ["4k", "1080p", "720p"];
const ASPECT_RATIOS = ["16:9", "9:16", "4:5", "5:4", "1:1", "auto"];
/** HeyGen's presigned video links stay valid for 7 days [U]. */
const RESULT_TTL_MS = 7 * 24 * 3600_000;

const error = (status: number, code: string, message: string, param?: string, headers?: Record<string, string>): FakeReply => ({
  status,
  json: { error: { code, message, ...(param ? { param } : {}) } },
  headers,
});

/**
 * HeyGen's v3 API: `X-Api-Key`, `POST /v3/videos` (type avatar) → `{data:{video_id,status}}`, `GET /v3/videos/{id}`
 * with failure_code/failure_message, `POST /v3/assets` (multipart `file`), errors as `{error:{code,message,param}}`,
 * and an unsigned POST to the video's callback_url when it finishes.
 */
export function createHeygenFake(): FakeApp {
  const app = new FakeApp("HeyGen");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  const audioAssets = new Map<string, { seconds: number }>();
  const denied = (headers: Record<string, string | string[] | undefined>) =>
    headers["x-api-key"] === API_KEY ? undefined : error(401, "unauthorized", "Invalid API key. Please check your API key and try again.");

  /** The per-video callback: one POST when the video ends, echoing callback_id, unsigned (as HeyGen documents). */
  const notify = async (task: FakeTask, origin: string) => {
    const success = task.phase === "succeeded";
    const url = task.data.callbackUrl;
    if ((!success && task.phase !== "failed") || typeof url !== "string") return;
    const event_data = success
      ? { video_id: task.id, url: task.resultUrl(origin, RESULT_TTL_MS), callback_id: task.data.callbackId }
      : { video_id: task.id, msg: failure(task).failure_message, callback_id: task.data.callbackId };
    await postCallback(url, { event_type: success ? "avatar_video.success" : "avatar_video.fail", event_data }).catch(() => undefined);
  };

  // `GET /v2/avatars` and `GET /v2/voices`: the lists HeyGen serves to pick ids from (fields as HeyGen names them).
  app.route("GET", "/v2/avatars", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const avatars = HEYGEN_STOCK_AVATARS.stock.map((a) => ({ avatar_id: a.id, avatar_name: a.name, gender: a.gender, preview_image_url: null, preview_video_url: null }));
    return { json: { error: null, data: { avatars, talking_photos: [] } } };
  });

  app.route("GET", "/v2/voices", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const voices = HEYGEN_STOCK_VOICES.stock.map((v) => ({
      voice_id: v.id,
      name: v.name,
      language: "English",
      gender: v.gender,
      preview_audio: null,
      support_pause: true,
      emotion_support: false,
    }));
    return { json: { error: null, data: { voices } } };
  });

  app.route("POST", "/v3/videos", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const body = req.json<HeygenVideoRequest>();
    const text = body.script ?? body.title ?? "";
    const scenario = scenarioOf(text);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(text))) {
      return error(429, "rate_limit_exceeded", "Too many requests, please slow down.", undefined, { "retry-after": "2" });
    }
    if (scenario === "outage") return error(503, "internal_error", "Service is temporarily unavailable");
    if (scenario === "malformed") return { status: 200, body: "<html><body>504 Gateway Time-out</body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return error(400, "invalid_parameter", "resolution must be one of 4k, 1080p, 720p", "resolution");
    const problem = validate(body, audioAssets);
    if (problem) return problem;

    // Both are optional: HeyGen defaults to 16:9 at 720p [U: the resolution default is not documented].
    const resolution = body.resolution === "4k" ? "1080p" : (body.resolution ?? "720p");
    const size = dimensions(resolution, !body.aspect_ratio || body.aspect_ratio === "auto" ? "16:9" : body.aspect_ratio);
    const scale = Math.min(1, 480 / Math.max(size.width, size.height)); // previews are small
    const preview = { width: size.width * scale, height: size.height * scale };
    // A script: the preview speaks it, as long as the speech. Audio: a clip as long as the audio.
    const seconds = body.audio_asset_id ? audioAssets.get(body.audio_asset_id)?.seconds : undefined;
    const origin = req.origin;
    const task = tasks.create(
      body.script ? { kind: "avatar", prompt: body.script, ...preview } : { kind: "video", prompt: body.title ?? "audio", ...preview, seconds: seconds ?? 5 },
      {
        id: randomBytes(16).toString("hex"),
        data: { callbackId: body.callback_id ?? null, callbackUrl: body.callback_url ?? null, title: body.title ?? null, createdAt: Math.floor(Date.now() / 1000) },
        onChange: (t) => notify(t, origin),
      },
    );
    return { json: { data: { video_id: task.id, status: "waiting", output_format: "mp4" } } };
  });

  app.route("GET", "/v3/videos/:id", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const task = tasks.get(req.params.id);
    if (!task) return error(404, "not_found", "Video not found", "video_id");
    const status = STATUS[task.phase];
    if (status === "completed" && task.data.duration === undefined) task.data.duration = await resultSeconds(task);
    return {
      json: {
        data: {
          id: task.id,
          title: task.data.title,
          status,
          created_at: task.data.createdAt,
          completed_at: status === "completed" ? Math.floor(Date.now() / 1000) : null,
          video_url: status === "completed" ? task.resultUrl(req.origin, RESULT_TTL_MS) : null,
          thumbnail_url: null,
          duration: status === "completed" ? task.data.duration : null,
          ...(status === "failed" ? failure(task) : {}),
        },
      },
    };
  });

  app.route("POST", "/v3/assets", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const file = (await req.form()).get("file");
    if (!(file instanceof Blob)) return error(400, "invalid_parameter", "file is required", "file");
    const bytes = Buffer.from(await file.arrayBuffer());
    const type = sniff(bytes);
    if (!type?.startsWith("audio/") && !type?.startsWith("image/") && !type?.startsWith("video/")) return error(400, "invalid_parameter", "Unsupported file type", "file");
    const id = randomBytes(16).toString("hex");
    if (type.startsWith("audio/")) audioAssets.set(id, { seconds: (await mediaSeconds(bytes)) ?? 5 });
    return { json: { data: { asset_id: id, url: `${req.origin}/assets/${id}`, mime_type: type, size_bytes: bytes.length } } };
  });

  return app;
}

function failure(task: FakeTask): { failure_code: string; failure_message: string } {
  return task.moderated
    ? { failure_code: "content_policy_violation", failure_message: "The script violates HeyGen's content policy" }
    : { failure_code: "video_render_failed", failure_message: "Video rendering failed: an internal error occurred while rendering" };
}

/** What HeyGen checks on `POST /v3/videos` with type avatar. */
function validate(body: HeygenVideoRequest, audioAssets: Map<string, unknown>): FakeReply | undefined {
  if (body.type !== "avatar") return error(400, "invalid_parameter", "type must be avatar, image, cinematic_avatar or studio", "type");
  if (!body.avatar_id) return error(400, "invalid_parameter", "avatar_id is required", "avatar_id");
  if (!AVATARS.has(body.avatar_id)) return error(404, "not_found", `Avatar ${body.avatar_id} not found`, "avatar_id");
  if (body.resolution !== undefined && !RESOLUTIONS.includes(body.resolution)) return error(400, "invalid_parameter", "resolution must be one of 4k, 1080p, 720p", "resolution");
  if (body.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(body.aspect_ratio)) {
    return error(400, "invalid_parameter", `aspect_ratio must be one of ${ASPECT_RATIOS.join(", ")}`, "aspect_ratio");
  }
  const audio = body.audio_url !== undefined || body.audio_asset_id !== undefined;
  if (body.script !== undefined && audio) return error(400, "invalid_parameter", "script is mutually exclusive with audio_url/audio_asset_id", "script");
  if (body.script !== undefined) {
    if (!body.script.trim() || body.script.length > 5_000) return error(400, "invalid_parameter", "script must be 1–5000 characters", "script");
    if (body.voice_id !== undefined && !VOICES.has(body.voice_id)) return error(404, "not_found", `Voice ${body.voice_id} not found`, "voice_id");
    const speed = body.voice_settings?.speed;
    if (speed !== undefined && !(speed >= 0.5 && speed <= 1.5)) return error(400, "invalid_parameter", "voice_settings.speed must be between 0.5 and 1.5", "voice_settings.speed");
  } else if (body.audio_asset_id !== undefined) {
    if (!audioAssets.has(body.audio_asset_id)) return error(404, "asset_not_available", `Asset ${body.audio_asset_id} not found`, "audio_asset_id");
  } else if (!/^https?:\/\//.test(body.audio_url ?? "")) {
    return error(400, "invalid_parameter", "one of script, audio_url or audio_asset_id is required", "script");
  }
  const background = body.background;
  if (background && !(background.type === "color" ? /^#[0-9a-f]{6}$/i.test(background.value) : /^https?:\/\//.test(background.url))) {
    return error(400, "invalid_parameter", "background needs a hex value (color) or a url (image)", "background");
  }
  return undefined;
}

async function mediaSeconds(bytes: Buffer): Promise<number | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), "heygen-fake-"));
  try {
    await writeFile(path.join(dir, "media"), bytes);
    return (await probeMedia(path.join(dir, "media"))).duration;
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const resultSeconds = (task: FakeTask) => (task.result ? mediaSeconds(task.result.bytes) : Promise.resolve(undefined));
