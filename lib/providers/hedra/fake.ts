import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeMedia } from "@/lib/media/probe";
import { dimensions } from "../catalog/shared-options";
import { sniff } from "../http/load-input";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { HEDRA_STOCK_VOICES } from "./stock";
import { HEDRA_ASPECT_RATIOS, HEDRA_LINEUP, HEDRA_RESOLUTIONS, HEDRA_SPEECH_MODEL, type HedraAvatarSubmit, type HedraMedia } from "./transform";

const API_KEY = "sandbox-hedra-api-key";
const STATUS: Record<string, string> = { queued: "IN_QUEUE", running: "IN_PROGRESS", succeeded: "COMPLETED", failed: "FAILED", cancelled: "FAILED" };
// The voices our catalog lists for Hedra (hedra/stock.ts), with Hedra's labels.
const VOICES = HEDRA_STOCK_VOICES.stock.map((v) => ({
  id: v.id,
  name: v.name,
  labels: { language: v.language.slice(0, 2), gender: v.gender, accent: v.traits.includes("british") ? "british" : "american" },
}));
const AVATAR_MODELS = new Set(HEDRA_LINEUP.models.map((m) => m.vendorModelId));
const AVATAR_FIELDS = new Set(["num_outputs", "prompt", "aspect_ratio", "resolution", "duration_ms", "start_image", "audio", "bounding_box_target"]);
/** `POST /files` handles are accepted for an hour; result links are presigned [U: their lifetime is not documented]. */
const FILE_TTL_MS = 60 * 60_000;
const RESULT_TTL_MS = 60 * 60_000;

const failure = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): FakeReply => ({
  status,
  json: { error: { code, message, retryable: status === 429 || status >= 500, ...extra }, trace_id: randomUUID().replace(/-/g, "") },
  headers,
});
const invalid = (field: string, message: string, reason: string) =>
  failure(400, "INVALID_ARGUMENT", "1 input field is invalid; see details.", { param: field, details: [{ field, message: `${field}: ${message}`, reason }] });

interface Upload {
  contentType: string;
  expiresAt: number;
  seconds?: number;
}

/**
 * Hedra's API v3: `Authorization: Bearer <key>`, free `POST /files` handles, `POST /models/{model}` → 202 ack with
 * an idempotency key, `GET /jobs/{id}/status` and `GET /jobs/{id}` (outputs with asset ids, or the error envelope),
 * voices per speech model, and webhooks signed with the fake's own ed25519 key (served at
 * `GET /webhooks/public-key`).
 */
export function createHedraFake(): FakeApp {
  const app = new FakeApp("Hedra");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  const uploads = new Map<string, Upload>();
  const speechAssets = new Map<string, string>(); // asset id → the text it speaks
  const acks = new Map<string, unknown>();
  const keys = generateKeyPairSync("ed25519");
  const publicKey = (keys.publicKey.export({ format: "der", type: "spki" }) as Buffer).subarray(-32).toString("base64");
  const denied = (headers: Record<string, string | string[] | undefined>) =>
    headers.authorization === `Bearer ${API_KEY}` || headers.authorization === `Key ${API_KEY}`
      ? undefined
      : failure(
          401,
          "UNAUTHORIZED",
          headers.authorization ? "Invalid API key." : "Missing credentials. Send 'Authorization: Key <key_id>:<secret>' or 'Authorization: Bearer <token>'.",
        );

  const job = (task: FakeTask, origin: string) => {
    const status = STATUS[task.phase];
    const done = status === "COMPLETED";
    return {
      job_id: task.id,
      model: task.data.model,
      status,
      prompt: task.data.prompt ?? null,
      outputs: done
        ? [
            {
              status: "COMPLETED",
              asset_id: task.data.assetId,
              url: task.resultUrl(origin, RESULT_TTL_MS),
              content_type: task.result?.contentType ?? null,
              width: task.preview.kind === "audio" ? null : (task.preview.width ?? null),
              height: task.preview.kind === "audio" ? null : (task.preview.height ?? null),
              duration_ms: null,
              fps: null,
              error: null,
            },
          ]
        : [],
      error:
        status === "FAILED"
          ? task.moderated
            ? { code: "MODERATION_FAILED", message: "Output failed moderation.", retryable: false }
            : { code: "INTERNAL", message: "Generation failed due to an internal error.", retryable: true }
          : null,
    };
  };

  /** A signed delivery to the submit's webhook URL when the job ends. */
  const deliver = async (task: FakeTask, origin: string) => {
    const url = task.data.webhook;
    const status = STATUS[task.phase];
    if (typeof url !== "string" || (status !== "COMPLETED" && status !== "FAILED")) return;
    const body = JSON.stringify(job(task, origin));
    const event = status === "COMPLETED" ? "job.completed" : "job.failed";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const canonical = [timestamp, task.id, event, "false", createHash("sha256").update(body).digest("hex")].join("\n");
    const headers = {
      "content-type": "application/json",
      "x-hedra-webhook-id": task.id,
      "x-hedra-webhook-timestamp": timestamp,
      "x-hedra-webhook-event": event,
      "x-hedra-webhook-attempt": "1",
      "x-hedra-webhook-redelivery": "false",
      "x-hedra-webhook-signature": sign(null, Buffer.from(canonical), keys.privateKey).toString("hex"),
    };
    await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.arrayBuffer(),
      () => undefined,
    );
  };

  app.route("GET", "/webhooks/public-key", () => ({ json: { algorithm: "ed25519", public_key: publicKey } }));

  app.route("GET", "/models/:model/voices", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    if (req.params.model !== HEDRA_SPEECH_MODEL) return failure(404, "NOT_FOUND", `Model '${req.params.model}' not found.`);
    return { json: { data: VOICES.map((v) => ({ ...v, preview_url: null })), next_cursor: null } };
  });

  app.route("POST", "/files", async (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const file = (await req.form()).get("file");
    if (!(file instanceof Blob)) return invalid("file", "Field required", "required");
    const bytes = Buffer.from(await file.arrayBuffer());
    const contentType = sniff(bytes) ?? "application/octet-stream";
    const url = app.publish(req.origin, bytes, contentType, FILE_TTL_MS);
    uploads.set(url, { contentType, expiresAt: Date.now() + FILE_TTL_MS, seconds: contentType.startsWith("audio/") ? await audioSeconds(bytes) : undefined });
    return { status: 201, json: { url, content_type: contentType, expires_at: new Date(Date.now() + FILE_TTL_MS).toISOString() } };
  });

  app.route("POST", "/models/:model", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const model = req.params.model;
    const body = req.json<{ input?: Record<string, unknown>; webhook?: string | null; idempotency_key?: string | null }>();
    const replay = body.idempotency_key ? acks.get(`${model}/${body.idempotency_key}`) : undefined;
    if (replay) return { status: 202, json: replay };
    const input = body.input ?? {};
    const words = (value: unknown) => (typeof value === "string" ? value : "");
    const text = `${words(input.prompt)} ${words(input.text)}`;
    const scenario = scenarioOf(text);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(text))) {
      return failure(
        429,
        "RESOURCE_EXHAUSTED",
        "Request rate limit exceeded: this API key is limited to 60 requests per 60s. Retry after 2s.",
        { retry_after: 2 },
        { "retry-after": "2" },
      );
    }
    if (scenario === "outage") return failure(503, "UNAVAILABLE", "Service temporarily unavailable.");
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return invalid("input.aspect_ratio", "Input should be '1:1', '4:3', '3:4', '16:9', '9:16', '9:21' or '21:9'", "enum");

    let task: FakeTask;
    if (model === HEDRA_SPEECH_MODEL) {
      if (typeof input.text !== "string" || !input.text.trim()) return invalid("input.text", "Field required", "required");
      if (!VOICES.some((v) => v.id === input.voice_id)) return invalid("input.voice_id", `Unknown voice '${String(input.voice_id)}'`, "invalid");
      const spoken = input.text.replace(/\[sandbox:[a-z_]+\]/g, "").trim() || "speech"; // scenarios play out on the avatar job
      task = tasks.create({ kind: "audio", prompt: spoken }, { id: `job_${randomUUID()}`, data: { model, assetId: `asset_${randomUUID()}` } });
      speechAssets.set(task.data.assetId as string, input.text);
    } else if (AVATAR_MODELS.has(model)) {
      const problem = validateAvatar(input as unknown as HedraAvatarSubmit["input"], uploads, speechAssets);
      if (problem) return problem;
      const a = input as unknown as HedraAvatarSubmit["input"];
      const size = dimensions(a.resolution, a.aspect_ratio);
      const scale = Math.min(1, 480 / Math.max(size.width, size.height)); // previews are small; Hedra's are full size
      const preview = { width: size.width * scale, height: size.height * scale };
      const script = a.audio.source === "asset" ? speechAssets.get(a.audio.asset_id) : undefined;
      const audioSecs = a.audio.source === "url" ? uploads.get(a.audio.url)?.seconds : undefined;
      const seconds = (a.duration_ms ?? (audioSecs ?? 5) * 1000) / 1000;
      // Spoken script: a talking preview as long as the speech. Uploaded audio: a clip as long as the audio.
      task = tasks.create(script ? { kind: "avatar", prompt: script, ...preview } : { kind: "video", prompt: a.prompt, ...preview, seconds }, {
        id: `job_${randomUUID()}`,
        data: { model, prompt: a.prompt, assetId: `asset_${randomUUID()}`, webhook: body.webhook ?? null },
        onChange: (t) => deliver(t, req.origin),
      });
    } else {
      return failure(404, "NOT_FOUND", `Model '${model}' not found.`);
    }
    const ack = { job_id: task.id, model, status: "IN_QUEUE", status_url: `/v3/jobs/${task.id}/status`, result_url: `/v3/jobs/${task.id}`, estimated_completion_at: null };
    if (body.idempotency_key) acks.set(`${model}/${body.idempotency_key}`, ack);
    return { status: 202, json: ack, headers: { location: ack.result_url } };
  });

  app.route("GET", "/jobs/:id/status", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const task = tasks.get(req.params.id);
    if (!task) return failure(404, "NOT_FOUND", "Job not found.");
    const status = STATUS[task.phase];
    return { json: { job_id: task.id, status, progress: status === "IN_QUEUE" ? null : Number(task.progress.toFixed(2)), estimated_completion_at: null } };
  });

  app.route("GET", "/jobs/:id", (req) => {
    const refused = denied(req.headers);
    if (refused) return refused;
    const task = tasks.get(req.params.id);
    return task ? { json: job(task, req.origin) } : failure(404, "NOT_FOUND", "Job not found.");
  });

  return app;
}

/** What Hedra checks on an avatar submit (its input schema allows no other fields). */
function validateAvatar(input: HedraAvatarSubmit["input"], uploads: Map<string, Upload>, speech: Map<string, string>): FakeReply | undefined {
  for (const key of Object.keys(input)) if (!AVATAR_FIELDS.has(key)) return invalid(`input.${key}`, "Extra inputs are not permitted", "additional_properties");
  for (const key of ["prompt", "aspect_ratio", "resolution", "start_image", "audio"] as const)
    if (input[key] === undefined) return invalid(`input.${key}`, "Field required", "required");
  if (!(HEDRA_ASPECT_RATIOS as readonly string[]).includes(input.aspect_ratio))
    return invalid("input.aspect_ratio", "Input should be '1:1', '4:3', '3:4', '16:9', '9:16', '9:21' or '21:9'", "enum");
  if (!(HEDRA_RESOLUTIONS as readonly string[]).includes(input.resolution)) return invalid("input.resolution", "Input should be '540p', '720p' or '1080p'", "enum");
  if (input.duration_ms !== undefined && !(Number.isInteger(input.duration_ms) && input.duration_ms >= 1000 && input.duration_ms <= 600_000)) {
    return invalid("input.duration_ms", "Input should be an integer from 1000 to 600000", "minimum");
  }
  const media = (field: string, value: HedraMedia, kind: "image/" | "audio/") => {
    if (value.source === "asset") return speech.has(value.asset_id) && kind === "audio/" ? undefined : invalid(field, `unknown asset '${value.asset_id}'`, "invalid");
    const upload = uploads.get(value.url);
    if (!upload) return invalid(field, "external URLs are not accepted; upload the file with POST /v3/files", "invalid");
    if (upload.expiresAt <= Date.now()) return invalid(field, `the POST /v3/files url expired at ${new Date(upload.expiresAt).toISOString()}`, "expired");
    return upload.contentType.startsWith(kind) ? undefined : invalid(field, `expected ${kind.slice(0, -1)}, got ${upload.contentType}`, "media_type");
  };
  return media("input.start_image", input.start_image, "image/") ?? media("input.audio", input.audio, "audio/");
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
