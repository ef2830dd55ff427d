import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { STABILITY_RATIOS } from "./transform";

const STYLE_PRESETS = [
  "3d-model",
  "analog-film",
  "anime",
  "cinematic",
  "comic-book",
  "digital-art",
  "enhance",
  "fantasy-art",
  "isometric",
  "line-art",
  "low-poly",
  "modeling-compound",
  "neon-punk",
  "origami",
  "photographic",
  "pixel-art",
  "tile-texture",
];
/** The `model` enum of Stability's published OpenAPI (its prose also names sd3.5-flash, which the enum does not take). */
const SD3_MODELS = ["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium"];
/** A synchronous request that never finishes is cut off by Stability's gateway eventually; the fake holds it this long. */
const MAX_HOLD_MS = 10 * 60_000;

const failure = (status: number, name: string, ...errors: string[]): FakeReply => ({ status, json: { id: randomUUID().replace(/-/g, ""), name, errors } });

/**
 * Stability's v2beta Stable Image API: bearer key, multipart form fields, `Accept: image/*` → the image bytes with
 * `finish-reason` and `seed` headers (or `application/json` → `{image, finish_reason, seed}`), and `{id, name,
 * errors[]}` failures. Synchronous: the answer comes when the image is done.
 */
export function createStabilityFake(): FakeApp {
  const app = new FakeApp("Stability AI");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  app.route("POST", "/v2beta/stable-image/generate/:endpoint", async (req) => {
    if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ""))) return failure(401, "unauthorized", "authorization: invalid or missing header value");
    const endpoint = req.params.endpoint;
    if (!["core", "ultra", "sd3"].includes(endpoint)) return { status: 404, json: { name: "not_found", errors: ["Not Found"] } };
    if (!String(req.headers["content-type"] ?? "").startsWith("multipart/form-data")) return failure(400, "bad_request", "content-type: must be multipart/form-data");
    const accept = String(req.headers.accept ?? "image/*");
    if (!accept.includes("image/") && !accept.includes("application/json")) return failure(400, "bad_request", "accept: must be image/* or application/json");
    const form = await req.form();
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : undefined;
    };
    const prompt = field("prompt") ?? "";
    const scenario = scenarioOf(prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(prompt))) {
      return failure(429, "rate_limit_exceeded", "You have exceeded the rate limit of 150 requests within a 10 second period, and have been timed out for 60 seconds.");
    }
    if (scenario === "outage") return failure(503, "service_unavailable", "The service is temporarily unavailable, please try again later.");
    if (scenario === "fail") return failure(500, "internal_error", "An unexpected server error has occurred, please try again later.");
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };

    const errors: string[] = [];
    if (!prompt) errors.push("prompt: cannot be empty");
    const ratio = field("aspect_ratio") ?? "1:1";
    if (!(STABILITY_RATIOS as readonly string[]).includes(ratio)) errors.push(`aspect_ratio: must be one of ${STABILITY_RATIOS.join(", ")}`);
    const format = field("output_format") ?? "png";
    if (!["png", "jpeg", "webp"].includes(format)) errors.push("output_format: must be one of png, jpeg, webp");
    const style = field("style_preset");
    if (style !== undefined && !STYLE_PRESETS.includes(style)) errors.push(`style_preset: must be one of ${STYLE_PRESETS.join(", ")}`);
    const seed = field("seed") === undefined ? Math.floor(Math.random() * 4294967294) : Number(field("seed"));
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967294) errors.push("seed: must be an integer between 0 and 4294967294");
    if (endpoint === "sd3" && field("model") !== undefined && !SD3_MODELS.includes(field("model") as string)) errors.push(`model: must be one of ${SD3_MODELS.join(", ")}`);
    if (endpoint !== "sd3" && field("model") !== undefined) errors.push("model: is not a valid parameter for this endpoint");
    if (scenario === "invalid") errors.push("prompt: was rejected by the sandbox");
    if (errors.length > 0) return failure(400, "bad_request", ...errors);

    const [w, h] = ratio.split(":").map(Number);
    const scale = 480 / Math.max(w, h);
    // A filtered result is still rendered (then blurred, as Stability does), so the preview must not see the marker.
    const previewPrompt = scenario === "moderation" ? prompt.replace(/\[sandbox:moderation\]/g, "") : prompt;
    const task = tasks.create({ kind: "image", prompt: previewPrompt, width: w * scale, height: h * scale, format: format === "jpeg" ? "jpeg" : "png", seed });
    const until = Date.now() + MAX_HOLD_MS;
    while ((task.phase === "queued" || task.phase === "running") && Date.now() < until) await sleep(25, undefined, { ref: false });
    const file = task.result;
    if (!file) return failure(504, "gateway_timeout", "The request took too long to process.");
    // Moderation of the output: Stability still answers 200 with a blurred image and the finish reason saying so.
    const filtered = scenario === "moderation";
    const finishReason = filtered ? "CONTENT_FILTERED" : "SUCCESS";
    let bytes = filtered
      ? await sharp(file.bytes)
          .blur(24)
          .toFormat(format === "jpeg" ? "jpeg" : "png")
          .toBuffer()
      : file.bytes;
    if (format === "webp") bytes = await sharp(bytes).webp().toBuffer();
    if (accept.includes("application/json")) return { json: { image: bytes.toString("base64"), finish_reason: finishReason, seed } };
    return { status: 200, body: bytes, headers: { "content-type": `image/${format}`, "finish-reason": finishReason, seed: String(seed) } };
  });

  return app;
}
