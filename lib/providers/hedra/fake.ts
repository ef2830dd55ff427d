import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeMedia } from "@/lib/media/probe";
import { dimensions } from "../catalog/shared-options";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { CHARACTER_3_MODEL_ID, type HedraGenerationRequest } from "./transform";

const API_KEY = "sandbox-hedra-api-key";
const PHASE: Record<string, string> = { queued: "queued", running: "processing", succeeded: "complete", failed: "error", cancelled: "error" };
const VOICES = [
  { id: "5f1c2a43-3c1e-4c3f-9a57-0f8e3b7d1a01", name: "Chloe", description: "Warm, friendly American female" },
  { id: "8b2d6e10-7a4f-4e21-b5c9-2c7d9e4f3b02", name: "Marcus", description: "Calm, deep American male" },
  { id: "c3e4f5a6-1b2c-4d3e-8f9a-3d4e5f6a7b03", name: "Priya", description: "Bright British-Indian female" },
];
const ASSET_TYPES = { image: "image/", audio: "audio/" } as const;
/** Result links are pre-signed for an hour [U]. */
const RESULT_TTL_MS = 60 * 60_000;

const messages = (status: number, ...text: string[]): FakeReply => ({ status, json: { messages: text } });
const unprocessable = (loc: string[], msg: string): FakeReply => ({ status: 422, json: { detail: [{ loc, msg, type: "value_error" }] } });

interface Asset {
  id: string;
  name: string;
  type: "image" | "audio";
  bytes?: Buffer;
  seconds?: number;
}

/**
 * Hedra's public web-app API: `x-api-key`, assets created then uploaded (multipart `file`), one `POST
 * /generations` per video, status polled until `complete` or `error`, pre-signed result links. No callbacks.
 */
export function createHedraFake(): FakeApp {
  const app = new FakeApp("Hedra");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  const assets = new Map<string, Asset>();
  const denied = (headers: Record<string, string | string[] | undefined>) =>
    headers["x-api-key"] === API_KEY ? undefined : messages(401, "Invalid or missing API key");

  app.route("GET", "/models", (req) => denied(req.headers) ?? { json: [{ id: CHARACTER_3_MODEL_ID, name: "Character-3", type: "video", requires_audio_input: true }] });
  app.route("GET", "/voices", (req) => denied(req.headers) ?? { json: VOICES.map((v) => ({ ...v, asset: { source: "elevenlabs", preview_url: null, labels: [] } })) });

  app.route("POST", "/assets", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const body = req.json<{ name?: string; type?: string }>();
    if (!body.name) return unprocessable(["body", "name"], "Field required");
    if (body.type !== "image" && body.type !== "audio") return unprocessable(["body", "type"], "Input should be 'image', 'audio', 'video' or 'voice'");
    const asset: Asset = { id: randomUUID(), name: body.name, type: body.type };
    assets.set(asset.id, asset);
    return { json: { id: asset.id, name: asset.name, type: asset.type } };
  });

  app.route("POST", "/assets/:id/upload", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const asset = assets.get(req.params.id);
    if (!asset) return messages(404, "Asset not found");
    const file = (await req.form()).get("file");
    if (!(file instanceof Blob)) return unprocessable(["body", "file"], "Field required");
    const bytes = Buffer.from(await file.arrayBuffer());
    if (!sniff(bytes)?.startsWith(ASSET_TYPES[asset.type])) return messages(400, `The uploaded file is not ${asset.type === "image" ? "an image" : "audio"}`);
    asset.bytes = bytes;
    if (asset.type === "audio") asset.seconds = await audioSeconds(bytes);
    return { json: { id: asset.id, name: asset.name, type: asset.type } };
  });

  app.route("POST", "/generations", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const body = req.json<HedraGenerationRequest>();
    const inputs = body.generated_video_inputs ?? ({} as HedraGenerationRequest["generated_video_inputs"]);
    const script = body.audio_generation?.text ?? "";
    const text = `${inputs.text_prompt ?? ""} ${script}`;
    const scenario = scenarioOf(text);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(text))) {
      return { ...messages(429, "Rate limit exceeded, please retry later"), headers: { "retry-after": "2" } };
    }
    if (scenario === "outage") return messages(503, "Service temporarily unavailable");
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return unprocessable(["body", "generated_video_inputs", "resolution"], "Input should be '540p' or '720p'");

    const problem = validate(body, assets);
    if (problem) return problem;
    const audio = body.audio_id ? assets.get(body.audio_id) : undefined;
    const size = dimensions(inputs.resolution, inputs.aspect_ratio);
    const scale = Math.min(1, 480 / Math.max(size.width, size.height)); // previews are small; Hedra's are full size
    const preview = { prompt: script || inputs.text_prompt, width: size.width * scale, height: size.height * scale, seed: inputs.seed };
    // Spoken text: a talking preview as long as the speech. Uploaded audio: a clip as long as the audio (or duration_ms).
    const task = tasks.create(
      script
        ? { kind: "avatar", ...preview }
        : { kind: "video", ...preview, seconds: (inputs.duration_ms ?? (audio?.seconds ?? 5) * 1000) / 1000 },
      { data: { createdAt: new Date().toISOString() } },
    );
    return { json: { id: task.id, asset_id: randomUUID(), type: "video", status: "queued" } };
  });

  app.route("GET", "/generations/:id/status", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const task = tasks.get(req.params.id);
    if (!task) return messages(404, "Generation not found");
    const status = PHASE[task.phase];
    const url = status === "complete" ? task.resultUrl(req.origin, RESULT_TTL_MS) : null;
    return {
      json: {
        id: task.id,
        type: "video",
        status,
        progress: Number(task.progress.toFixed(2)),
        created_at: task.data.createdAt,
        url,
        download_url: url,
        error_message:
          status === "error" ? (task.moderated ? "Content moderation: the input image or prompt violates our content policy" : "Generation failed due to an internal error") : null,
      },
    };
  });

  return app;
}

/** What Hedra checks on `POST /generations`. */
function validate(body: HedraGenerationRequest, assets: Map<string, Asset>): FakeReply | undefined {
  const inputs = body.generated_video_inputs;
  if (body.type !== "video") return unprocessable(["body", "type"], "Input should be 'video'");
  if (body.ai_model_id !== CHARACTER_3_MODEL_ID) return messages(404, `Model ${body.ai_model_id} not found`);
  if (!inputs || typeof inputs.text_prompt !== "string") return unprocessable(["body", "generated_video_inputs", "text_prompt"], "Field required");
  if (!["540p", "720p"].includes(inputs.resolution)) return unprocessable(["body", "generated_video_inputs", "resolution"], "Input should be '540p' or '720p'");
  if (!["16:9", "9:16", "1:1"].includes(inputs.aspect_ratio)) return unprocessable(["body", "generated_video_inputs", "aspect_ratio"], "Input should be '16:9', '9:16' or '1:1'");
  if (inputs.duration_ms !== undefined && !(Number.isInteger(inputs.duration_ms) && inputs.duration_ms >= 1000)) {
    return unprocessable(["body", "generated_video_inputs", "duration_ms"], "Input should be an integer of at least 1000");
  }
  const image = assets.get(body.start_keyframe_id);
  if (!image || image.type !== "image" || !image.bytes) return messages(400, "start_keyframe_id must be an uploaded image asset");
  if (body.audio_id && body.audio_generation) return messages(400, "Provide either audio_id or audio_generation, not both");
  if (body.audio_id) {
    const audio = assets.get(body.audio_id);
    if (!audio || audio.type !== "audio" || !audio.bytes) return messages(400, "audio_id must be an uploaded audio asset");
  } else if (body.audio_generation) {
    const tts = body.audio_generation;
    if (tts.type !== "text_to_speech" || !tts.text?.trim()) return unprocessable(["body", "audio_generation", "text"], "Field required");
    if (!VOICES.some((v) => v.id === tts.voice_id)) return messages(404, `Voice ${tts.voice_id} not found`);
  } else {
    return messages(400, "Character-3 needs audio: provide audio_id or audio_generation");
  }
  return undefined;
}

async function audioSeconds(bytes: Buffer): Promise<number | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), "hedra-fake-"));
  try {
    await writeFile(path.join(dir, "audio"), bytes);
    return (await probeMedia(path.join(dir, "audio"))).duration;
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
