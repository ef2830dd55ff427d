import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeMedia } from "@/lib/media/probe";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply, postCallback } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { HEYGEN_SANDBOX_WEBHOOK_SECRET, heygenSignature } from "./client";
import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID, HEYGEN_EMOTIONS, type HeygenVideoRequest } from "./transform";

const API_KEY = "sandbox-heygen-api-key";
const AVATARS = new Set([DEFAULT_AVATAR_ID, "Tyler-incasualsuit-20220721", "Anna_public_3_20240108"]);
const TALKING_PHOTOS = new Set(["a5f3e8b1c2d44f6e9a7b0c1d2e3f4a5b"]);
const VOICES = new Set([DEFAULT_VOICE_ID, "1bd001e7e50f421d891986aad5158bc8", "d7bbcdd6964c47bdaae26decade4a933"]);
const EMOTIONS = new Set(Object.values(HEYGEN_EMOTIONS).filter(Boolean));
const STATUS: Record<string, string> = { queued: "pending", running: "processing", succeeded: "completed", failed: "failed", cancelled: "failed" };
/** HeyGen's video links stay valid for 7 days. */
const RESULT_TTL_MS = 7 * 24 * 3600_000;

const error = (status: number, code: string, message: string, headers?: Record<string, string>): FakeReply => ({
  status,
  json: { error: { code, message }, data: null },
  headers,
});
const ok = (data: unknown): FakeReply => ({ json: { code: 100, data, message: "Success" } });

interface Endpoint {
  endpoint_id: string;
  url: string;
  events: string[];
  secret: string;
  status: "enabled";
  created_at: number;
}

/**
 * HeyGen's API: `X-Api-Key`, `POST /v2/video/generate` → `{error:null,data:{video_id}}`, v1 status polling with
 * `code: 100` envelopes, audio assets on the upload host, and account-level webhook endpoints (validated with an
 * OPTIONS request) that receive signed `avatar_video.success|fail` events.
 */
export function createHeygenFake(): FakeApp {
  const app = new FakeApp("HeyGen");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  const endpoints = new Map<string, Endpoint>();
  const audioAssets = new Map<string, { seconds: number }>();
  const denied = (headers: Record<string, string | string[] | undefined>) =>
    headers["x-api-key"] === API_KEY ? undefined : error(401, "unauthorized", "Invalid API key. Please check your API key and try again.");

  /** Events go to every enabled endpoint subscribed to them, signed with that endpoint's secret. */
  const notify = async (task: FakeTask, origin: string) => {
    const success = task.phase === "succeeded";
    if (!success && task.phase !== "failed") return;
    const event_type = success ? "avatar_video.success" : "avatar_video.fail";
    const event_data = success
      ? { video_id: task.id, url: task.resultUrl(origin, RESULT_TTL_MS), callback_id: task.data.callbackId, gif_download_url: null, video_share_page_url: null, folder_id: null }
      : { video_id: task.id, msg: failure(task).message, callback_id: task.data.callbackId };
    const event = { event_type, event_data };
    for (const endpoint of endpoints.values()) {
      if (!endpoint.events.includes(event_type)) continue;
      // postCallback sends JSON.stringify(event), the same bytes that are signed here.
      await postCallback(endpoint.url, event, { signature: heygenSignature(JSON.stringify(event), endpoint.secret) }).catch(() => undefined);
    }
  };

  app.route("POST", "/v2/video/generate", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const body = req.json<HeygenVideoRequest>();
    const input = body.video_inputs?.[0];
    const text = input?.voice?.type === "text" ? input.voice.input_text : (body.title ?? "");
    const scenario = scenarioOf(text);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(text))) {
      return error(429, "rate_limit_exceeded", "Too many requests, please slow down.", { "retry-after": "2" });
    }
    if (scenario === "outage") return error(503, "internal_error", "Service is temporarily unavailable");
    if (scenario === "malformed") return { status: 200, body: "<html><body>504 Gateway Time-out</body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return error(400, "invalid_parameter", "dimension.width must be between 128 and 4096");
    const problem = validate(body, audioAssets);
    if (problem) return problem;

    const voice = input.voice;
    const scale = Math.min(1, 480 / Math.max(body.dimension.width, body.dimension.height)); // previews are small
    const size = { width: body.dimension.width * scale, height: body.dimension.height * scale };
    // A script: the preview speaks it, as long as the speech. Audio: a clip as long as the audio.
    const seconds = voice.type === "audio" && "audio_asset_id" in voice ? audioAssets.get(voice.audio_asset_id)?.seconds : undefined;
    const origin = req.origin;
    const task = tasks.create(voice.type === "text" ? { kind: "avatar", prompt: voice.input_text, ...size } : { kind: "video", prompt: body.title ?? "audio", ...size, seconds: seconds ?? 5 }, {
      id: randomBytes(16).toString("hex"),
      data: { callbackId: body.callback_id ?? null, createdAt: Math.floor(Date.now() / 1000) },
      onChange: (t) => notify(t, origin),
    });
    return { json: { error: null, data: { video_id: task.id } } };
  });

  app.route("GET", "/v1/video_status.get", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const task = tasks.get(req.query.get("video_id") ?? "");
    if (!task) return error(404, "video_not_found", "Video not found");
    const status = STATUS[task.phase];
    if (status === "completed" && task.data.duration === undefined) task.data.duration = await resultSeconds(task);
    return ok({
      id: task.id,
      status,
      callback_id: task.data.callbackId,
      created_at: task.data.createdAt,
      video_url: status === "completed" ? task.resultUrl(req.origin, RESULT_TTL_MS) : null,
      thumbnail_url: null,
      gif_url: null,
      caption_url: null,
      duration: status === "completed" ? task.data.duration : null,
      error: status === "failed" ? failure(task) : null,
    });
  });

  app.route("POST", "/v1/asset", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const type = sniff(req.body);
    if (!type?.startsWith("audio/") && !type?.startsWith("image/") && !type?.startsWith("video/")) return error(400, "invalid_parameter", "Unsupported file type");
    const id = randomBytes(16).toString("hex");
    if (type.startsWith("audio/")) audioAssets.set(id, { seconds: (await mediaSeconds(req.body)) ?? 5 });
    return ok({ id, name: id, file_type: type.split("/")[0] });
  });

  app.route("POST", "/v1/webhook/endpoint.add", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const body = req.json<{ url?: string; events?: string[] }>();
    if (!body.url || !/^https?:\/\//.test(body.url)) return error(400, "invalid_parameter", "url is required");
    // HeyGen checks the endpoint answers an OPTIONS request within a second before registering it.
    const reachable = await fetch(body.url, { method: "OPTIONS", signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (!reachable) return error(400, "invalid_parameter", `Endpoint ${body.url} did not answer the OPTIONS validation request`);
    const endpoint: Endpoint = {
      endpoint_id: randomBytes(16).toString("hex"),
      url: body.url,
      events: body.events?.length ? body.events : ["avatar_video.success", "avatar_video.fail"],
      secret: HEYGEN_SANDBOX_WEBHOOK_SECRET,
      status: "enabled",
      created_at: Math.floor(Date.now() / 1000),
    };
    endpoints.set(endpoint.endpoint_id, endpoint);
    return ok(endpoint);
  });

  app.route("GET", "/v1/webhook/endpoint.list", (req) => denied(req.headers) ?? ok([...endpoints.values()]));

  app.route("DELETE", "/v1/webhook/endpoint.delete", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    if (!endpoints.delete(req.query.get("endpoint_id") ?? "")) return error(404, "endpoint_not_found", "Webhook endpoint not found");
    return ok(null);
  });

  return app;
}

function failure(task: FakeTask): { code: string; message: string; detail: string } {
  return task.moderated
    ? { code: "content_policy_violation", message: "The script violates HeyGen's content policy", detail: "Moderation flagged the input text" }
    : { code: "video_render_failed", message: "Video rendering failed", detail: "An internal error occurred while rendering" };
}

/** What HeyGen checks on `POST /v2/video/generate`. */
function validate(body: HeygenVideoRequest, audioAssets: Map<string, unknown>): FakeReply | undefined {
  const input = body.video_inputs?.[0];
  if (!input?.character || !input.voice) return error(400, "invalid_parameter", "video_inputs[0] needs a character and a voice");
  const { character, voice } = input;
  if (character.type === "avatar") {
    if (!AVATARS.has(character.avatar_id)) return error(404, "avatar_not_found", `Avatar ${character.avatar_id} not found`);
    if (!["normal", "closeUp", "circle"].includes(character.avatar_style)) return error(400, "invalid_parameter", "avatar_style must be normal, closeUp or circle");
  } else if (character.type === "talking_photo") {
    if (!TALKING_PHOTOS.has(character.talking_photo_id)) return error(404, "talking_photo_not_found", `Talking photo ${character.talking_photo_id} not found`);
  } else {
    return error(400, "invalid_parameter", "character.type must be avatar or talking_photo");
  }
  if (voice.type === "text") {
    if (!voice.input_text?.trim() || voice.input_text.length > 5_000) return error(400, "invalid_parameter", "input_text must be 1–5000 characters");
    if (!VOICES.has(voice.voice_id)) return error(404, "voice_not_found", `Voice ${voice.voice_id} not found`);
    if (voice.speed !== undefined && !(voice.speed >= 0.5 && voice.speed <= 1.5)) return error(400, "invalid_parameter", "voice.speed must be between 0.5 and 1.5");
    if (voice.emotion !== undefined && !EMOTIONS.has(voice.emotion)) return error(400, "invalid_parameter", `voice.emotion ${voice.emotion} is not supported`);
  } else if (voice.type === "audio") {
    if ("audio_asset_id" in voice ? !audioAssets.has(voice.audio_asset_id) : !/^https?:\/\//.test(voice.audio_url ?? "")) {
      return error(400, "invalid_parameter", "voice needs an audio_url or a known audio_asset_id");
    }
  } else {
    return error(400, "invalid_parameter", "voice.type must be text or audio");
  }
  const { width, height } = body.dimension ?? {};
  if (![width, height].every((n) => Number.isInteger(n) && n >= 128 && n <= 4096)) return error(400, "invalid_parameter", "dimension width and height must be 128–4096");
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
