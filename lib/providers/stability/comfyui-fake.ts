import { randomUUID } from "node:crypto";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import type { ComfyGraph } from "./comfyui";

const CHECKPOINTS = ["sd_xl_base_1.0.safetensors", "v1-5-pruned-emaonly.safetensors"];
const NGINX = (status: number, text: string, headers: Record<string, string> = {}): FakeReply => ({
  status,
  body: `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  headers: { "content-type": "text/html", ...headers },
});

interface Queued {
  task: FakeTask;
  number: number;
  graph: ComfyGraph;
  clientId: string;
  saveNode: string;
  prefix: string;
}

/**
 * A ComfyUI server as its HTTP API shows it: `POST /prompt` validates the graph (400 with node_errors), then the
 * prompt waits in `/queue`, runs, and lands in `/history/{id}` with its SaveImage outputs, served by `/view`;
 * `/interrupt` and `/queue {delete}` cancel. ComfyUI itself never rate-limits and has no moderation: the scenarios
 * it cannot express are played by what a self-hoster puts in front of it (nginx answering 429/502) or by a failing
 * node (execution_error).
 */
export function createComfyFake(): FakeApp {
  const app = new FakeApp("ComfyUI");
  const tasks = new FakeTasks(app);
  const firstTime = new FirstTime();
  const prompts = new Map<string, Queued>();
  let counter = 0;

  app.route("POST", "/prompt", (req) => {
    const body = req.json<{ prompt?: ComfyGraph; client_id?: string }>();
    const graph = body.prompt ?? {};
    const positive = positiveText(graph);
    const scenario = scenarioOf(positive);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(positive))) return NGINX(429, "Too Many Requests", { "retry-after": "1" });
    if (scenario === "outage") return NGINX(502, "Bad Gateway");
    if (scenario === "malformed") return { status: 200, body: "<html><body>ComfyUI is starting…</body></html>", headers: { "content-type": "text/html" } };

    const saveNode = Object.keys(graph).find((id) => graph[id].class_type === "SaveImage");
    if (!saveNode) {
      return { status: 400, json: { error: { type: "prompt_no_outputs", message: "Prompt has no outputs", details: "", extra_info: {} }, node_errors: [] } };
    }
    const nodeErrors = validate(graph);
    if (scenario === "invalid") {
      const sampler = Object.keys(graph).find((id) => graph[id].class_type === "KSampler") ?? "3";
      nodeErrors[sampler] = {
        errors: [{ type: "value_smaller_than_min", message: "Value 0 smaller than min of 1", details: "steps", extra_info: {} }],
        dependent_outputs: [saveNode],
        class_type: "KSampler",
      };
    }
    if (Object.keys(nodeErrors).length > 0) {
      return {
        status: 400,
        json: { error: { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation", details: "", extra_info: {} }, node_errors: nodeErrors },
      };
    }

    const latent = Object.values(graph).find((n) => n.class_type === "EmptyLatentImage")?.inputs ?? {};
    const [w, h] = [Number(latent.width ?? 512), Number(latent.height ?? 512)];
    const scale = 480 / Math.max(w, h);
    const seed = Number(Object.values(graph).find((n) => n.class_type === "KSampler")?.inputs.seed ?? 0);
    const task = tasks.create({ kind: "image", prompt: positive, width: w * scale, height: h * scale, format: "png", seed: seed % 2 ** 31 }, { id: randomUUID() });
    const number = counter++;
    prompts.set(task.id, { task, number, graph, clientId: body.client_id ?? "", saveNode, prefix: String(graph[saveNode].inputs.filename_prefix ?? "ComfyUI") });
    return { json: { prompt_id: task.id, number, node_errors: {} } };
  });

  app.route("GET", "/history/:id", (req) => {
    const queued = prompts.get(req.params.id);
    if (!queued) return { json: {} };
    const entry = historyOf(queued);
    return { json: entry ? { [queued.task.id]: entry } : {} };
  });

  app.route("GET", "/queue", () => {
    const item = (q: Queued) => [q.number, q.task.id, q.graph, { client_id: q.clientId }, [q.saveNode]];
    const all = [...prompts.values()];
    return {
      json: {
        queue_running: all.filter((q) => q.task.phase === "running").map(item),
        queue_pending: all.filter((q) => q.task.phase === "queued").map(item),
      },
    };
  });

  app.route("POST", "/queue", (req) => {
    for (const id of req.json<{ delete?: string[] }>().delete ?? []) {
      const q = prompts.get(id);
      if (q?.task.phase === "queued") prompts.delete(id);
    }
    return { status: 200, body: "" };
  });

  app.route("POST", "/interrupt", (req) => {
    const target = req.body.length > 0 ? req.json<{ prompt_id?: string }>().prompt_id : undefined;
    for (const q of prompts.values()) if (q.task.phase === "running" && (!target || q.task.id === target)) q.task.cancelled = true;
    return { status: 200, body: "" };
  });

  app.route("GET", "/view", (req) => {
    const filename = req.query.get("filename") ?? "";
    const q = [...prompts.values()].find((p) => fileName(p) === filename);
    // The expired_url scenario: the output was cleaned off the server's disk before we fetched it.
    if (!q || req.query.get("type") !== "output" || !q.task.result || q.task.scenario === "expired_url") return { status: 404, body: "" };
    return { status: 200, body: q.task.result.bytes, headers: { "content-type": "image/png" } };
  });

  return app;
}

const fileName = (q: Queued) => `${q.prefix}_${String(q.number + 1).padStart(5, "0")}_.png`;

function historyOf(q: Queued): Record<string, unknown> | undefined {
  const { task } = q;
  const started = ["execution_start", { prompt_id: task.id, timestamp: task.createdAt }];
  const prompt = [q.number, task.id, q.graph, { client_id: q.clientId }, [q.saveNode]];
  switch (task.phase) {
    case "succeeded":
      return {
        prompt,
        outputs: { [q.saveNode]: { images: [{ filename: fileName(q), subfolder: "", type: "output" }] } },
        status: { status_str: "success", completed: true, messages: [started, ["execution_success", { prompt_id: task.id, timestamp: Date.now() }]] },
        meta: {},
      };
    case "failed": {
      const error = {
        prompt_id: task.id,
        node_id: "3",
        node_type: "KSampler",
        exception_message: task.moderated ? "NSFW content detected by the safety checker node" : "CUDA out of memory. Tried to allocate 2.00 GiB",
        exception_type: task.moderated ? "ValueError" : "torch.OutOfMemoryError",
        traceback: [],
      };
      return { prompt, outputs: {}, status: { status_str: "error", completed: false, messages: [started, ["execution_error", error]] }, meta: {} };
    }
    case "cancelled":
      return {
        prompt,
        outputs: {},
        status: { status_str: "error", completed: false, messages: [started, ["execution_interrupted", { prompt_id: task.id, node_id: "3", node_type: "KSampler" }]] },
        meta: {},
      };
    case "queued":
    case "running":
      return undefined;
  }
}

/** The text of the CLIPTextEncode wired to the KSampler's `positive` input. */
function positiveText(graph: ComfyGraph): string {
  const sampler = Object.values(graph).find((n) => n.class_type === "KSampler");
  const link = sampler?.inputs.positive;
  const node = Array.isArray(link) ? graph[link[0]] : undefined;
  return String(node?.inputs.text ?? "");
}

function validate(graph: ComfyGraph): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  for (const [id, node] of Object.entries(graph)) {
    const fail = (type: string, message: string, details: string) =>
      (errors[id] = { errors: [{ type, message, details, extra_info: {} }], dependent_outputs: [], class_type: node.class_type });
    if (node.class_type === "CheckpointLoaderSimple" && !CHECKPOINTS.includes(String(node.inputs.ckpt_name))) {
      fail("value_not_in_list", "Value not in list", `ckpt_name: '${String(node.inputs.ckpt_name)}' not in ${JSON.stringify(CHECKPOINTS)}`);
    }
    if (node.class_type === "EmptyLatentImage") {
      for (const key of ["width", "height"]) {
        const v = Number(node.inputs[key]);
        if (!Number.isInteger(v) || v < 16 || v > 16384 || v % 8 !== 0)
          fail("value_not_valid", `${key} must be a multiple of 8 between 16 and 16384`, `${key}: ${String(node.inputs[key])}`);
      }
    }
    for (const [key, value] of Object.entries(node.inputs)) {
      if (Array.isArray(value) && !graph[value[0]]) fail("required_input_missing", "Required input is missing", `${key} links to missing node ${value[0]}`);
    }
  }
  return errors;
}
