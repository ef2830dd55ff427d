import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { RunwayStatus, RunwayVideoRequest } from "./transform";

const PHASE: Record<string, RunwayStatus> = { queued: "PENDING", running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED", cancelled: "CANCELLED" };
const IMAGE_RATIOS = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
/** What Runway's spec (@runwayml/sdk 4.20.1) accepts per model and endpoint, and its price in credits per second. */
const MODELS: Record<string, { image_to_video?: string[]; text_to_video?: string[]; creditsPerSecond: number }> = {
  "gen4.5": { image_to_video: IMAGE_RATIOS, text_to_video: ["1280:720", "720:1280"], creditsPerSecond: 12 },
  gen4_turbo: { image_to_video: IMAGE_RATIOS, creditsPerSecond: 5 },
};

/**
 * Runway's API as its SDK (`@runwayml/sdk` 4.20.1) sees it: bearer + X-Runway-Version, `{error, issues}` bodies,
 * image- and text-to-video tasks answered with `{id, estimatedCost}`, polled and deleted. Retired models
 * (gen3a_turbo, ended 2026-07-30) are refused as unknown, as Runway's validation does.
 */
export function createRunwayFake(): FakeApp {
  const app = new FakeApp("Runway");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  const authFailure = (headers: Record<string, string | string[] | undefined>): FakeReply | undefined => {
    if (!String(headers.authorization ?? "").startsWith("Bearer ")) return { status: 401, json: { error: "Invalid API key" } };
    if (headers["x-runway-version"] !== "2024-11-06") return { status: 400, json: { error: "Missing or invalid X-Runway-Version header" } };
    return undefined;
  };

  for (const endpoint of ["image_to_video", "text_to_video"] as const) {
    app.route("POST", `/v1/${endpoint}`, (req) => {
      const denied = authFailure(req.headers);
      if (denied) return denied;
      const body = req.json<RunwayVideoRequest>();
      const scenario = scenarioOf(body.promptText);
      if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(body.promptText ?? ""))) {
        return { status: 429, json: { error: "You have exceeded the rate limit" }, headers: { "retry-after": "1" } };
      }
      if (scenario === "outage") return { status: 503, json: { error: "Service temporarily unavailable" } };
      if (scenario === "malformed") return { status: 200, body: "<html>upstream error</html>", headers: { "content-type": "text/html" } };
      const model = MODELS[body.model];
      const ratios = model?.[endpoint];
      const invalid = (message: string, path: string[]) => ({ status: 400, json: { error: message, issues: [{ code: "invalid_value", path, message }] } });
      if (!ratios) return invalid(`Invalid input: model ${JSON.stringify(body.model)} is not available for ${endpoint}`, ["model"]);
      if (scenario === "invalid" || !ratios.includes(body.ratio)) return invalid(`Invalid ratio ${body.ratio} for ${body.model}`, ["ratio"]);
      const seconds = body.duration ?? 5;
      if (!Number.isInteger(seconds) || seconds < 2 || seconds > 10) return invalid("duration must be an integer from 2 to 10", ["duration"]);
      if (endpoint === "image_to_video" && !body.promptImage) return invalid("promptImage is required", ["promptImage"]);
      if (endpoint === "text_to_video" && !body.promptText) return invalid("promptText is required", ["promptText"]);
      const [w, h] = body.ratio.split(":").map(Number);
      const scale = Math.min(1, 480 / Math.max(w, h)); // previews are small; Runway's own are full size
      const task = tasks.create(
        { kind: "video", prompt: body.promptText ?? "", width: w * scale, height: h * scale, seconds, seed: body.seed },
        { data: { createdAt: new Date().toISOString() } },
      );
      return { json: { id: task.id, estimatedCost: { credits: model.creditsPerSecond * seconds } } };
    });
  }

  app.route("GET", "/v1/tasks/:id", (req) => {
    const denied = authFailure(req.headers);
    if (denied) return denied;
    const task = tasks.get(req.params.id);
    if (!task) return { status: 404, json: { error: "Task not found" } };
    const status = PHASE[task.phase];
    return {
      json: {
        id: task.id,
        status,
        createdAt: task.data.createdAt,
        ...(status === "RUNNING" ? { progress: Number(task.progress.toFixed(2)) } : {}),
        ...(status === "SUCCEEDED" ? { output: [task.resultUrl(req.origin, 24 * 3600_000)] } : {}),
        ...(status === "FAILED"
          ? task.moderated
            ? { failure: "Your prompt or image did not pass our content moderation", failureCode: "SAFETY.INPUT.TEXT" }
            : { failure: "An unexpected error occurred", failureCode: "INTERNAL.BAD_OUTPUT" }
          : {}),
      },
    };
  });

  app.route("DELETE", "/v1/tasks/:id", (req) => {
    const denied = authFailure(req.headers);
    if (denied) return denied;
    const task = tasks.get(req.params.id);
    if (!task) return { status: 404, json: { error: "Task not found" } };
    task.cancelled = true;
    return { status: 204, body: "" };
  });

  return app;
}
