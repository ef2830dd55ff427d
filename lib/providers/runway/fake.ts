import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { RunwayImageToVideo, RunwayStatus } from "./transform";

const PHASE: Record<string, RunwayStatus> = { queued: "PENDING", running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED", cancelled: "CANCELLED" };
const GEN4_RATIOS = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
const GEN3_RATIOS = ["1280:768", "768:1280"];

/** Runway's API as its SDK sees it: bearer + X-Runway-Version, `{error}` bodies, tasks polled and deleted. */
export function createRunwayFake(): FakeApp {
  const app = new FakeApp("Runway");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();

  const authFailure = (headers: Record<string, string | string[] | undefined>): FakeReply | undefined => {
    if (!String(headers.authorization ?? "").startsWith("Bearer ")) return { status: 401, json: { error: "Invalid API key" } };
    if (headers["x-runway-version"] !== "2024-11-06") return { status: 400, json: { error: "Missing or invalid X-Runway-Version header" } };
    return undefined;
  };

  app.route("POST", "/v1/image_to_video", (req) => {
    const denied = authFailure(req.headers);
    if (denied) return denied;
    const body = req.json<RunwayImageToVideo>();
    const scenario = scenarioOf(body.promptText);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(body.promptText ?? ""))) {
      return { status: 429, json: { error: "You have exceeded the rate limit" }, headers: { "retry-after": "1" } };
    }
    if (scenario === "outage") return { status: 503, json: { error: "Service temporarily unavailable" } };
    if (scenario === "malformed") return { status: 200, body: "<html>upstream error</html>", headers: { "content-type": "text/html" } };
    const ratios = body.model === "gen3a_turbo" ? GEN3_RATIOS : body.model === "gen4_turbo" ? GEN4_RATIOS : undefined;
    if (!ratios) return { status: 400, json: { error: `Invalid model: ${body.model}` } };
    if (scenario === "invalid" || !ratios.includes(body.ratio)) return { status: 400, json: { error: `Invalid ratio ${body.ratio} for ${body.model}` } };
    if (body.duration !== 5 && body.duration !== 10) return { status: 400, json: { error: "duration must be 5 or 10" } };
    if (!body.promptImage) return { status: 400, json: { error: "promptImage is required" } };
    const [w, h] = body.ratio.split(":").map(Number);
    const scale = Math.min(1, 480 / Math.max(w, h)); // previews are small; Runway's own are full size
    const task = tasks.create(
      { kind: "video", prompt: body.promptText ?? "", width: w * scale, height: h * scale, seconds: body.duration, seed: body.seed },
      { data: { createdAt: new Date().toISOString() } },
    );
    return { json: { id: task.id } };
  });

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
