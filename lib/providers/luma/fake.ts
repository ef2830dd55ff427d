import { FakeApp, type FakeReply, type FakeRequest, postCallback } from "../sandbox/fake-app";
import { type FakePhase, type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { LUMA_MODELS, LUMA_RATIOS, LUMA_RESOLUTIONS, type LumaGenerationRequest, type LumaState } from "./transform";

const STATE: Record<FakePhase, LumaState> = { queued: "queued", running: "dreaming", succeeded: "completed", failed: "failed", cancelled: "failed" };
const SHORT_SIDE: Record<string, number> = { "540p": 540, "720p": 720, "1080p": 1080, "4k": 2160 };
/** Luma's CDN links last for days; the fake keeps them a day. */
const RESULT_TTL_MS = 24 * 3600_000;

/**
 * Luma Dream Machine as its Node SDK (`lumaai` 1.19.1) sees it: bearer auth, `{detail}` errors, video generations
 * created at `POST /generations/video` that go queued → dreaming → completed|failed, unsigned callbacks with the
 * generation object, and DELETE to remove one. `POST /generations` is not a route of Luma's API (404 here too).
 */
export function createLumaFake(): FakeApp {
  const app = new FakeApp("Luma");
  const tasks = new FakeTasks(app);
  const deleted = new Set<string>();
  const firstTime = new FirstTime();

  const generation = (task: FakeTask, origin: string) => {
    const state = STATE[task.phase];
    const video = state === "completed" ? task.resultUrl(origin, RESULT_TTL_MS) : undefined;
    return {
      id: task.id,
      generation_type: "video",
      state,
      failure_reason: state !== "failed" ? null : task.moderated ? "400: prompt not allowed because advanced moderation failed" : "Generation failed: internal error",
      created_at: task.data.createdAt,
      assets: video ? { video, image: null } : null,
      model: (task.data.request as LumaGenerationRequest).model,
      request: task.data.request,
    };
  };

  app.route("POST", "/generations/video", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    // Only `model` is required; the rest have Luma's defaults (aspect ratio 16:9 and 5 s per its OpenAPI file; the
    // resolution default is not published, 720p is assumed).
    const body = { aspect_ratio: "16:9", duration: "5s", resolution: "720p", ...req.json<Partial<LumaGenerationRequest>>() } as LumaGenerationRequest;
    const scenario = scenarioOf(body.prompt);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(body.prompt ?? ""))) {
      return { status: 429, json: { detail: "Too many requests, please slow down" }, headers: { "retry-after": "1" } };
    }
    if (scenario === "outage") return { status: 503, json: { detail: "Service temporarily unavailable" } };
    if (scenario === "malformed") return { status: 200, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } };
    const problem = scenario === "invalid" ? "aspect_ratio: Input should be '1:1', '16:9', '9:16', '4:3', '3:4', '21:9' or '9:21'" : invalid(body);
    if (problem) return { status: 400, json: { detail: `Invalid request: ${problem}` } };

    const [w, h] = body.aspect_ratio.split(":").map(Number);
    const short = SHORT_SIDE[body.resolution];
    const [width, height] = w >= h ? [(short * w) / h, short] : [short, (short * h) / w];
    const scale = Math.min(1, 480 / Math.max(width, height)); // previews are small; Luma's are full size
    const callbackUrl = body.callback_url;
    const task = tasks.create(
      { kind: "video", prompt: body.prompt ?? "", width: width * scale, height: height * scale, seconds: Number.parseInt(body.duration, 10) },
      {
        data: { createdAt: new Date().toISOString(), request: body },
        // Luma POSTs the generation object when it starts dreaming and when it completes or fails.
        onChange: callbackUrl ? (t) => (deleted.has(t.id) ? undefined : postCallback(callbackUrl, generation(t, req.origin)).then(() => undefined)) : undefined,
      },
    );
    // A new generation is always queued in Luma's answer, however long this (loaded) server took to reply.
    return { status: 201, json: { ...generation(task, req.origin), state: "queued", assets: null, failure_reason: null } };
  });

  app.route("GET", "/generations/:id", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const task = deleted.has(req.params.id) ? undefined : tasks.get(req.params.id);
    if (!task) return { status: 404, json: { detail: "Generation not found" } };
    return { json: generation(task, req.origin) };
  });

  app.route("DELETE", "/generations/:id", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const task = deleted.has(req.params.id) ? undefined : tasks.get(req.params.id);
    if (!task) return { status: 404, json: { detail: "Generation not found" } };
    task.cancelled = true;
    deleted.add(task.id);
    return { status: 204, body: "" };
  });

  app.route("GET", "/credits", (req) => authFailure(req) ?? { json: { credit_balance: 1_000_000 } });

  return app;
}

function authFailure(req: FakeRequest): FakeReply | undefined {
  const auth = String(req.headers.authorization ?? "");
  if (!/^Bearer \S+$/.test(auth)) return { status: 401, json: { detail: "Invalid API key" } };
  return undefined;
}

/** The checks Luma's request schema makes, with its kind of messages. */
function invalid(body: LumaGenerationRequest): string | undefined {
  if ((typeof body.prompt !== "string" || !body.prompt.trim()) && !body.keyframes) return "prompt: Field required without keyframes";
  if (!(LUMA_MODELS as readonly string[]).includes(body.model)) return `model: Input should be ${LUMA_MODELS.join(" or ")}`;
  if (!(LUMA_RATIOS as readonly string[]).includes(body.aspect_ratio)) return `aspect_ratio: Input should be one of ${LUMA_RATIOS.join(", ")}`;
  if (body.duration !== "5s" && body.duration !== "9s") return "duration: Input should be '5s' or '9s'";
  if (!(LUMA_RESOLUTIONS as readonly string[]).includes(body.resolution)) return `resolution: Input should be one of ${LUMA_RESOLUTIONS.join(", ")}`;
  if (body.loop !== undefined && typeof body.loop !== "boolean") return "loop: Input should be a valid boolean";
  for (const [name, frame] of Object.entries(body.keyframes ?? {})) {
    const reference = frame as { type?: string; url?: unknown; id?: unknown } | undefined;
    if (reference?.type === "generation" && typeof reference.id === "string") continue;
    if (reference?.type !== "image" || typeof reference.url !== "string") return `keyframes.${name}: Input should be an image or generation reference`;
    if (!/^https?:\/\//.test(reference.url)) return `keyframes.${name}.url: URL scheme should be 'http' or 'https'`;
  }
  if (body.callback_url !== undefined && !/^https?:\/\//.test(body.callback_url)) return "callback_url: URL scheme should be 'http' or 'https'";
  return undefined;
}
