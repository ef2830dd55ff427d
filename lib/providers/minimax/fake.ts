import { randomBytes, randomInt } from "node:crypto";
import sharp from "sharp";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { MinimaxStatus, MinimaxVideoRequest } from "./transform";

export const MINIMAX_FAKE_KEY = "sandbox-minimax-api-key";

/** MiniMax's fake, with one test control: how many of the next download links are handed out already expired. */
export type MinimaxFake = FakeApp & { expireNextLinks: number };

const STATUS: Record<string, MinimaxStatus> = { queued: "Queueing", running: "Processing", succeeded: "Success", failed: "Fail", cancelled: "Fail" };
const MODELS = ["MiniMax-Hailuo-02", "MiniMax-Hailuo-2.3", "MiniMax-Hailuo-2.3-Fast", "T2V-01", "T2V-01-Director", "I2V-01", "I2V-01-Director", "I2V-01-live"];
const LINK_TTL_MS = 9 * 3600_000;
/** Output sizes by resolution at 16:9 (MiniMax's 768P is 1366×768). Previews are scaled to a 480 px long side. */
const SHORT_SIDE: Record<string, number> = { "512P": 512, "768P": 768, "1080P": 1080 };

const ok = { status_code: 0, status_msg: "success" };
const failure = (status_code: number, status_msg: string, extra: Record<string, unknown> = {}): FakeReply => ({ json: { ...extra, base_resp: { status_code, status_msg } } });

/**
 * MiniMax's video API as its docs describe it: bearer key, errors in `base_resp` under HTTP 200, tasks polled
 * through Preparing/Queueing/Processing/Success/Fail, results fetched as files whose links expire in 9 hours,
 * and callbacks that start with a challenge to echo, then lowercase statuses, unsigned.
 */
export function createMinimaxFake(): MinimaxFake {
  const app = Object.assign(new FakeApp("MiniMax"), { expireNextLinks: 0 });
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  const authFailure = (authorization: string | string[] | undefined): FakeReply | undefined => {
    const token = /^Bearer (.+)$/.exec(String(authorization ?? ""))?.[1];
    if (!token) return failure(1004, "login fail: Please carry the API secret key in the 'Authorization' field of the request header");
    return token === MINIMAX_FAKE_KEY ? undefined : failure(2049, "invalid api key");
  };

  app.route("POST", "/v1/video_generation", async (req) => {
    const denied = authFailure(req.headers.authorization);
    if (denied) return { ...denied, json: { task_id: "", ...(denied.json as object) } };
    const body = req.json<MinimaxVideoRequest>();
    const scenario = scenarioOf(body.prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(body.prompt ?? ""))) return failure(1002, "rate limit exceeded(RPM)", { task_id: "" });
    if (scenario === "outage") return { status: 503, json: { base_resp: { status_code: 1013, status_msg: "service unavailable, please try again later" } } };
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };
    const invalid = scenario === "invalid" ? "invalid params, prompt could not be parsed" : await paramError(body);
    if (invalid) return failure(2013, invalid, { task_id: "" });

    const shape = (await frameShape(body.first_frame_image)) ?? { w: 16, h: 9 };
    const short = SHORT_SIDE[body.resolution ?? "768P"];
    const size = shape.w >= shape.h ? { w: Math.round((short * shape.w) / shape.h), h: short } : { w: short, h: Math.round((short * shape.h) / shape.w) };
    const scale = 480 / Math.max(size.w, size.h);
    const task = tasks.create(
      { kind: "video", prompt: body.prompt ?? "", width: size.w * scale, height: size.h * scale, seconds: body.duration ?? 6 },
      { id: String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100_000, 999_999)), data: { fileId: String(randomInt(100_000_000, 999_999_999)) + "0000", size } },
    );
    if (body.callback_url) void startCallbacks(body.callback_url, task);
    return { json: { task_id: task.id, base_resp: ok } };
  });

  app.route("GET", "/v1/query/video_generation", (req) => {
    const denied = authFailure(req.headers.authorization);
    if (denied) return denied;
    const task = tasks.get(req.query.get("task_id") ?? "");
    if (!task) return failure(2013, "invalid params, task not found", { task_id: req.query.get("task_id") ?? "" });
    return { json: queryView(task) };
  });

  app.route("GET", "/v1/files/retrieve", (req) => {
    const denied = authFailure(req.headers.authorization);
    if (denied) return denied;
    const fileId = req.query.get("file_id") ?? "";
    const task = tasks.find((t) => t.data.fileId === fileId);
    const result = task?.result;
    if (!task || !result) return failure(2013, "invalid params, file not found");
    // Every retrieve signs a fresh link, which is how MiniMax lets a client refresh an expired one.
    const expired = task.scenario === "expired_url" || (app.expireNextLinks > 0 && app.expireNextLinks-- > 0);
    const url = app.publish(req.origin, result.bytes, result.contentType, expired ? -1 : LINK_TTL_MS);
    return {
      json: {
        file: {
          file_id: Number(fileId),
          bytes: result.bytes.length,
          created_at: Math.floor(task.createdAt / 1000),
          filename: "output.mp4",
          purpose: "video_generation",
          download_url: url,
        },
        base_resp: ok,
      },
    };
  });

  return app;
}

function queryView(task: FakeTask) {
  const status = STATUS[task.phase];
  const size = task.data.size as { w: number; h: number };
  return {
    task_id: task.id,
    status,
    file_id: status === "Success" ? (task.data.fileId as string) : "",
    ...(status === "Success" ? { video_width: size.w, video_height: size.h } : {}),
    base_resp: status === "Fail" && task.moderated ? { status_code: 1027, status_msg: "output video sensitive" } : ok,
  };
}

/**
 * MiniMax first POSTs `{"challenge": …}` and expects it echoed within 3 s; only a URL that passed gets the status
 * callbacks (lowercase processing, success, failed).
 */
async function startCallbacks(url: string, task: FakeTask): Promise<void> {
  const challenge = randomBytes(16).toString("hex");
  const echoed = await post(url, { challenge }, 3_000)
    .then(async (res) => res.ok && ((await res.json()) as { challenge?: string }).challenge === challenge)
    .catch(() => false);
  if (!echoed) return;
  // Each status is announced once and in order, even when the task moved on while the challenge was answered.
  let sentProcessing = false;
  const timer = setInterval(() => {
    const phase = task.phase;
    if (phase === "queued") return;
    const final = phase !== "running";
    if (final) clearInterval(timer);
    const view = queryView(task);
    const send = (status: string) => post(url, { ...view, status }, 5_000).catch(() => undefined);
    void (async () => {
      if (!sentProcessing) {
        sentProcessing = true;
        await send("processing");
      }
      if (final) await send(view.status === "Success" ? "success" : "failed");
    })();
  }, 25);
  timer.unref();
}

const post = (url: string, body: unknown, timeoutMs: number) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });

/** The documented constraints, so an adapter that breaks them fails here as it would there. */
async function paramError(body: MinimaxVideoRequest): Promise<string | undefined> {
  const first = body.first_frame_image;
  if (!MODELS.includes(body.model)) return `invalid params, model ${body.model} is not supported`;
  if (!body.prompt && !first) return "invalid params, prompt or first_frame_image is required";
  if ((body.prompt?.length ?? 0) > 2000) return "invalid params, prompt is longer than 2000 characters";
  if (body.duration !== undefined && body.duration !== 6 && body.duration !== 10) return `invalid params, duration must be 6 or 10, got ${JSON.stringify(body.duration)}`;
  if (body.resolution !== undefined && !SHORT_SIDE[body.resolution]) return `invalid params, resolution must be 512P, 768P or 1080P, got ${JSON.stringify(body.resolution)}`;
  if (body.resolution === "1080P" && body.duration === 10) return "invalid params, 1080P supports only 6s duration";
  if (body.resolution === "512P" && (body.model !== "MiniMax-Hailuo-02" || !first)) return "invalid params, 512P is only supported by MiniMax-Hailuo-02 image-to-video";
  if (body.model === "MiniMax-Hailuo-2.3-Fast" && !first) return "invalid params, MiniMax-Hailuo-2.3-Fast requires first_frame_image";
  if (body.last_frame_image && (body.model !== "MiniMax-Hailuo-02" || body.resolution === "512P" || !first)) {
    return "invalid params, last_frame_image is only supported by MiniMax-Hailuo-02 at 768P or 1080P with a first frame";
  }
  for (const [field, value] of [
    ["first_frame_image", first],
    ["last_frame_image", body.last_frame_image],
  ] as const) {
    if (value !== undefined && !/^https?:\/\//.test(value) && (await frameShape(value)) === undefined)
      return `invalid params, ${field} must be a URL or a base64 data URI of a JPG, PNG or WebP image`;
  }
  if (body.prompt_optimizer !== undefined && typeof body.prompt_optimizer !== "boolean") return "invalid params, prompt_optimizer must be a boolean";
  if (body.callback_url !== undefined && !/^https?:\/\//.test(body.callback_url)) return "invalid params, callback_url must be an http(s) URL";
  return undefined;
}

/** A data-URI frame's shape (the video follows it); URLs are not fetched (the fake is self-contained). */
async function frameShape(value: string | undefined): Promise<{ w: number; h: number } | undefined> {
  const data = value && /^data:image\/(png|jpeg|jpg|webp);base64,(.+)$/s.exec(value);
  if (!data) return undefined;
  try {
    const meta = await sharp(Buffer.from(data[2], "base64")).metadata();
    return meta.width && meta.height ? { w: meta.width, h: meta.height } : undefined;
  } catch {
    return undefined;
  }
}
