import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { Webhook } from "standardwebhooks";
import { FakeApp, type FakeReply, type FakeRequest } from "../sandbox/fake-app";
import { type FakePhase, type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { sandboxWebhookSecret } from "./client";
import type { PredictionRequest, PredictionStatus } from "./transform";

/** Outputs of API predictions are deleted after an hour. */
const OUTPUT_TTL_MS = 60 * 60_000;
const MODELS = new Set(["prunaai/flux-fast", "prunaai/flux-schnell"]);
/**
 * prunaai/flux-fast's input enums as its published schema lists them (tests/fixtures/vendors/replicate), kept here
 * apart from the adapter's own mapping so that a wrong value there fails against the fake as it would at Replicate.
 */
const SCHEMA_SPEED_MODES = ["Lightly Juiced 🍊 (more consistent)", "Juiced 🔥 (default)", "Extra Juiced 🔥 (more speed)", "Blink of an eye 👁️"];
const SCHEMA_RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];
const STATUS: Record<FakePhase, PredictionStatus> = { queued: "starting", running: "processing", succeeded: "succeeded", failed: "failed", cancelled: "canceled" };
const SIDE: Record<string, [number, number]> = Object.fromEntries(SCHEMA_RATIOS.map((r) => [r, r.split(":").map(Number) as [number, number]]));

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): FakeReply => ({
  status,
  body: JSON.stringify({ title, detail, status, ...extra }),
  headers: { "content-type": "application/problem+json", ...headers },
});

/** Replicate ids: 26 lowercase base32 characters. */
const predictionId = () => [...randomBytes(26)].map((b) => "abcdefghijklmnopqrstuvwxyz234567"[b % 32]).join("");

/**
 * Replicate's HTTP API for `prunaai/flux-fast`: bearer token, problem+json errors, predictions that go
 * starting → processing → succeeded with tqdm logs, `Prefer: wait`, cancel, and webhooks signed per Standard
 * Webhooks with the account's secret (derived here from the token; see sandboxWebhookSecret).
 */
export function createReplicateFake(): FakeApp {
  const app = new FakeApp("Replicate");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  const tokenOf = (req: FakeRequest) => /^(?:Bearer|Token) (\S+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
  const unauthenticated = () => problem(401, "Unauthenticated", "You did not pass a valid authentication token");

  app.route("POST", "/v1/models/:owner/:name/predictions", async (req) => {
    const token = tokenOf(req);
    if (!token) return unauthenticated();
    const model = `${req.params.owner}/${req.params.name}`;
    if (!MODELS.has(model)) return problem(404, "Not found", "The requested resource could not be found.");
    const body = req.json<PredictionRequest>();
    const input = body.input ?? ({} as PredictionRequest["input"]);
    const scenario = scenarioOf(input.prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(input.prompt ?? ""))) {
      return problem(
        429,
        "Request was throttled",
        "Request was throttled. Your rate limit for creating predictions is 600 requests per minute. Expected available in 1 second.",
        {},
        { "retry-after": "1" },
      );
    }
    if (scenario === "outage") return problem(503, "Service Unavailable", "Replicate is temporarily unavailable. Please try again later.");
    if (scenario === "malformed") return { status: 201, body: "<html><body>upstream connect error</body></html>", headers: { "content-type": "text/html" } };
    const invalid = validate(input);
    if (scenario === "invalid") invalid.push({ type: "invalid", field: "input.prompt", description: "prompt was rejected by the sandbox" });
    if (invalid.length > 0) {
      return problem(422, "Input validation failed", invalid.map((f) => `- ${f.field}: ${f.description}`).join("\n"), { invalid_fields: invalid });
    }

    const [w, h] = SIDE[input.aspect_ratio ?? "1:1"];
    const scale = 480 / Math.max(w, h);
    const format = input.output_format ?? "jpg";
    const events = body.webhook_events_filter ?? ["start", "output", "logs", "completed"];
    const task = tasks.create(
      { kind: "image", prompt: input.prompt, width: w * scale, height: h * scale, format: format === "png" ? "png" : "jpeg", seed: input.seed },
      {
        id: predictionId(),
        data: { model, input, createdAt: new Date().toISOString(), token },
        onChange: body.webhook ? (t) => sendWebhook(t, req.origin, body.webhook as string, events, token) : undefined,
      },
    );
    // `Prefer: wait[=n]` holds the request until the prediction ends or n seconds (1–60) pass.
    const wait = /wait(?:=(\d+))?/.exec(String(req.headers.prefer ?? ""));
    if (wait) {
      const until = Date.now() + Math.min(60, Math.max(1, Number(wait[1] ?? 60))) * 1000;
      while (!isTerminal(task) && Date.now() < until) await sleep(50, undefined, { ref: false });
    }
    return { status: 201, json: await predictionOf(app, task, req.origin) };
  });

  app.route("GET", "/v1/predictions/:id", async (req) => {
    if (!tokenOf(req)) return unauthenticated();
    const task = tasks.get(req.params.id);
    return task ? { json: await predictionOf(app, task, req.origin) } : problem(404, "Not found", "The requested resource could not be found.");
  });

  app.route("POST", "/v1/predictions/:id/cancel", async (req) => {
    if (!tokenOf(req)) return unauthenticated();
    const task = tasks.get(req.params.id);
    if (!task) return problem(404, "Not found", "The requested resource could not be found.");
    if (!isTerminal(task)) task.cancelled = true;
    return { json: await predictionOf(app, task, req.origin) };
  });

  app.route("GET", "/v1/webhooks/default/secret", (req) => {
    const token = tokenOf(req);
    return token ? { json: { key: sandboxWebhookSecret(token) } } : unauthenticated();
  });

  async function sendWebhook(task: FakeTask, origin: string, url: string, events: string[], token: string): Promise<void> {
    const event = task.phase === "running" ? "start" : isTerminal(task) ? "completed" : undefined;
    if (!event || !events.includes(event)) return;
    const payload = JSON.stringify(await predictionOf(app, task, origin));
    const id = `msg_${randomBytes(12).toString("hex")}`;
    const now = new Date();
    const headers = {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(sandboxWebhookSecret(token)).sign(id, now, payload),
    };
    await fetch(url, { method: "POST", headers, body: payload, signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer());
  }

  return app;
}

const isTerminal = (task: FakeTask) => ["succeeded", "failed", "cancelled"].includes(task.phase);

async function predictionOf(app: FakeApp, task: FakeTask, origin: string): Promise<Record<string, unknown>> {
  const status = STATUS[task.phase];
  const input = task.data.input as PredictionRequest["input"];
  const steps = 4;
  const done = Math.floor(task.progress * steps);
  const logs =
    status === "starting"
      ? ""
      : `Using seed: ${input.seed ?? 1234}\n${Array.from({ length: done + 1 }, (_, i) => `${String(Math.round((i / steps) * 100)).padStart(3)}%|${"█".repeat(i * 2).padEnd(8)}| ${i}/${steps}`).join("\n")}`;
  return {
    id: task.id,
    model: task.data.model,
    version: "hidden",
    input,
    logs,
    output: status === "succeeded" ? [await outputUrl(app, task, origin, input.output_format)] : null,
    data_removed: false,
    error:
      status === "failed"
        ? task.moderated
          ? "NSFW content detected. Try running it again, or try a different prompt."
          : "Prediction failed for an unknown reason. It might have run out of memory? (exitcode -9)"
        : null,
    status,
    created_at: task.data.createdAt,
    started_at: status === "starting" ? null : task.data.createdAt,
    completed_at: isTerminal(task) ? new Date().toISOString() : null,
    urls: {
      cancel: `${origin}/v1/predictions/${task.id}/cancel`,
      get: `${origin}/v1/predictions/${task.id}`,
      web: `https://replicate.com/p/${task.id}`,
    },
    ...(status === "succeeded" ? { metrics: { predict_time: 0.8, image_count: 1 } } : {}),
  };
}

/** The preview renders PNG or JPEG; WebP is converted once, with the same expiry rules as other outputs. */
async function outputUrl(app: FakeApp, task: FakeTask, origin: string, format: string | undefined): Promise<string | undefined> {
  const url = task.resultUrl(origin, OUTPUT_TTL_MS);
  if (format !== "webp" || !url) return url;
  if (typeof task.data.webpUrl === "string") return task.data.webpUrl;
  const file = task.result!;
  const webp = await sharp(file.bytes).webp().toBuffer();
  task.data.webpUrl = app.publish(origin, webp, "image/webp", task.scenario === "expired_url" ? -1 : OUTPUT_TTL_MS);
  return task.data.webpUrl as string;
}

function validate(input: Partial<PredictionRequest["input"]>): { type: string; field: string; description: string }[] {
  const problems: { type: string; field: string; description: string }[] = [];
  const enumOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !(typeof value === "string" && allowed.includes(value)))
      problems.push({ type: "enum", field: `input.${field}`, description: `${field} must be one of the following: ${allowed.map((a) => `"${a}"`).join(", ")}` });
  };
  if (typeof input.prompt !== "string" || !input.prompt) problems.push({ type: "required", field: "input.prompt", description: "prompt is required" });
  enumOf("aspect_ratio", input.aspect_ratio, SCHEMA_RATIOS);
  enumOf("speed_mode", input.speed_mode, SCHEMA_SPEED_MODES);
  enumOf("output_format", input.output_format, ["png", "jpg", "webp"]);
  if (input.seed !== undefined && !Number.isInteger(input.seed)) problems.push({ type: "invalid_type", field: "input.seed", description: "Invalid type. Expected: integer" });
  return problems;
}
