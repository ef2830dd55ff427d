import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySnippets } from "@/components/dashboard/keys/key-snippets";
import { PYTHON_SDK } from "../helpers/sdk";
import { startServer, type TestServer } from "../helpers/server";

// The Python SDK (sdk/python, standard library only) run by the machine's python3 against the built app, with no
// install step: PYTHONPATH points at the package folder, as a developer who copies it would.
let server: TestServer;
let workDir: string;

beforeAll(async () => {
  server = await startServer();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-py-"));
});
afterAll(async () => {
  await server?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** Runs Python code that prints one JSON value last; returns it (and fails the test with Python's traceback). */
function python<T>(code: string, env: Record<string, string> = {}, stdin?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "python3",
      ["-c", code],
      { cwd: workDir, timeout: 120_000, env: { ...process.env, DOITONG_API_KEY: "", PYTHONPATH: PYTHON_SDK, PYTHONDONTWRITEBYTECODE: "1", DOITONG_URL: server.url, ...env } },
      (error: Error | null, stdout: string, stderr: string) => {
        if (error) return reject(new Error(`python3 failed: ${stderr || error.message}`));
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "null") as T);
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

describe("Python SDK", () => {
  it("generates an image, waits with progress (over SSE) and downloads a real PNG", async () => {
    const { apiKey } = await server.createAccount();
    const result = await python<{ status: string; progress: number[]; statuses: string[]; width: number; size: number; file: string; mode: string; polls: number }>(
      `
import json
from doitong import Doitong, GenerationStatus
client = Doitong()  # DOITONG_API_KEY and DOITONG_URL
started = client.generate({"type": "IMAGE", "provider": "local", "input": {"text": "A lighthouse at dawn"}})
polls = []  # generation(id) calls: one (the fresh URL at the end) when the event stream carried the progress
original = client.generation
client.generation = lambda i: polls.append(i) or original(i)
seen = []
done = client.wait(started.id, on_progress=lambda g: seen.append(g))
assert done.status is GenerationStatus.COMPLETED, done
path = client.download(done, "out.png")
print(json.dumps({"status": done.status.value, "progress": [g.progress for g in seen], "statuses": [g.status.value for g in seen],
                  "width": done.metadata.width, "size": done.metadata.size, "file": path, "mode": done.mode.value, "polls": len(polls)}))
`,
      { DOITONG_API_KEY: apiKey },
    );
    expect(result.status).toBe("COMPLETED");
    expect(result.statuses.at(-1)).toBe("COMPLETED");
    expect(result.progress.at(-1)).toBe(100);
    const bytes = fs.readFileSync(path.join(workDir, result.file));
    expect(bytes.length).toBe(result.size);
    expect((await sharp(bytes).metadata()).width).toBe(result.width);
    expect(result.mode).toBe("LIVE");
    expect(result.polls).toBe(1);
  });

  it("estimates, lists providers, cancels, iterates generations and the ledger, reads the balance, uploads a file", async () => {
    const { apiKey } = await server.createAccount({ credits: 500 });
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#cc3366" } })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(workDir, "in.png"), png);
    const result = await python<Record<string, unknown>>(
      `
import json
from doitong import Doitong, Provider
client = Doitong()
estimate = client.estimate({"type": "VIDEO", "provider": "local", "input": {"text": "x"}, "options": {"duration": 10}})
providers = client.providers("image")
assert all(isinstance(p, Provider) for p in providers)
slow = client.generate({"type": "VIDEO", "provider": "local", "input": {"text": "Long"}, "options": {"duration": 16, "resolution": "1080p"}})
cancelled = client.cancel(slow.id)
final = client.wait(slow.id)
upload = client.uploads.create("in.png")
from_upload = client.generate({"type": "VIDEO", "provider": "local", "input": {"text": "From an upload", "image": upload.id}, "options": {"duration": 2}})
client.wait(from_upload.id)
print(json.dumps({
  "estimate": [estimate.provider, estimate.credit_cost],
  "providers": [p.id for p in providers],
  "cancelled": [cancelled, final.status.value, client.cancel(slow.id)],
  "upload": [upload.id, upload.status.value, upload.mime_type, upload.size],
  "generations": [g.id for g in client.generations()],
  "cancelled_only": [g.id for g in client.generations(status="CANCELLED")],
  "ledger": [e.kind.value for e in client.credit_ledger()],
  "balance": client.me().credits.balance,
  "ids": [slow.id, from_upload.id],
}))
`,
      { DOITONG_API_KEY: apiKey },
    );
    const [slowId, uploadGenerationId] = result.ids as string[];
    expect(result.estimate).toEqual(["local", expect.any(Number)]);
    expect(result.providers).toContain("local");
    expect(result.cancelled).toEqual([true, "CANCELLED", false]);
    expect(result.upload).toEqual([expect.stringMatching(/^upload_/), "READY", "image/png", png.length]);
    expect((result.generations as string[]).sort()).toEqual([slowId, uploadGenerationId].sort());
    expect(result.cancelled_only).toEqual([slowId]);
    expect(result.ledger).toContain("RESERVE");
    expect(result.balance).toBeLessThan(500);
  });

  it("repeats a generate with the same idempotency key as the same generation, and raises errors as classes", async () => {
    const { apiKey } = await server.createAccount({ credits: 0 });
    const rich = await server.createAccount();
    const result = await python<Record<string, unknown>>(
      `
import json, os
from doitong import (Doitong, AuthenticationError, IdempotencyConflictError, InsufficientCreditsError, InvalidInputError,
                     NotFoundError, ConnectionError, DoitongError)
def caught(fn):
    try:
        fn()
    except DoitongError as e:
        return {"class": type(e).__name__, "code": e.code, "field": e.field, "request_id": e.request_id, "status": e.status}
    return None
poor = Doitong()
rich = Doitong(api_key=os.environ["RICH_KEY"])
image = {"type": "IMAGE", "provider": "local", "input": {"text": "Same"}}
a = rich.generate(image, idempotency_key="order-7")
b = rich.generate(image, idempotency_key="order-7")
print(json.dumps({
  "same": a.id == b.id,
  "count": len(list(rich.generations())),
  "conflict": caught(lambda: rich.generate({**image, "input": {"text": "Other"}}, idempotency_key="order-7")),
  "invalid": caught(lambda: rich.generate({**image, "provider": "nope"})),
  "credits": caught(lambda: poor.generate(image)),
  "missing": caught(lambda: rich.generation("gen_doesnotexist")),
  "auth": caught(lambda: Doitong(api_key="dk_live_wrong").me()),
  "unreachable": caught(lambda: Doitong(base_url="http://127.0.0.1:9", max_retries=1, max_retry_delay=0.05).me()),
}))
`,
      { DOITONG_API_KEY: apiKey, RICH_KEY: rich.apiKey },
    );
    expect(result.same).toBe(true);
    expect(result.count).toBe(1);
    expect(result.conflict).toMatchObject({ class: "IdempotencyConflictError", code: "IDEMPOTENCY_CONFLICT" });
    expect(result.invalid).toMatchObject({ class: "InvalidInputError", code: "INVALID_INPUT", field: "provider", request_id: expect.stringMatching(/^req_/) });
    expect(result.credits).toMatchObject({ class: "InsufficientCreditsError", code: "INSUFFICIENT_CREDITS" });
    expect(result.missing).toMatchObject({ class: "NotFoundError", code: "NOT_FOUND" });
    expect(result.auth).toMatchObject({ class: "AuthenticationError", code: "UNAUTHENTICATED", status: 401 });
    expect(result.unreachable).toMatchObject({ class: "ConnectionError", code: "CONNECTION_ERROR" });
  });

  it("verifies Standard Webhooks signatures made by the reference library, and refuses tampered, stale and foreign ones", async () => {
    const secret = `whsec_${Buffer.from("a secret of twenty-four b").toString("base64")}`;
    const other = `whsec_${Buffer.from("another secret, 24 bytes").toString("base64")}`;
    const body = JSON.stringify({ type: "generation.completed", data: { id: "gen_1", status: "COMPLETED" } });
    const now = new Date();
    const sign = (s: string, at: Date) => new Webhook(s).sign("msg_1", at, body);
    const cases = {
      valid: { body, headers: { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": sign(secret, now) } },
      // During a rotation a delivery carries two signatures; either may match.
      rotated: {
        body,
        headers: { "Webhook-Id": "msg_1", "Webhook-Timestamp": String(Math.floor(now.getTime() / 1000)), "Webhook-Signature": `${sign(other, now)} ${sign(secret, now)}` },
      },
      tampered: {
        body: body.replace("COMPLETED", "FAILED"),
        headers: { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": sign(secret, now) },
      },
      foreign: { body, headers: { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": sign(other, now) } },
      stale: {
        body,
        headers: {
          "webhook-id": "msg_1",
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000) - 600),
          "webhook-signature": sign(secret, new Date(now.getTime() - 600_000)),
        },
      },
      unsigned: { body, headers: {} },
    };
    const result = await python<Record<string, string>>(
      `
import json, sys
from doitong import verify_webhook, WebhookVerificationError
cases, secret = json.loads(sys.stdin.read()), ${JSON.stringify(secret)}
out = {}
for name, case in cases.items():
    try:
        out[name] = verify_webhook(case["body"].encode(), case["headers"], secret)["data"]["status"]
    except WebhookVerificationError as e:
        out[name] = "refused: " + e.message
print(json.dumps(out))
`,
      {},
      JSON.stringify(cases),
    );
    expect(result).toEqual({
      valid: "COMPLETED",
      rotated: "COMPLETED",
      tampered: "refused: No matching signature found",
      foreign: "refused: No matching signature found",
      stale: "refused: Webhook timestamp too old",
      unsigned: "refused: Missing webhook-id, webhook-timestamp or webhook-signature header",
    });
  });

  it("runs the API keys page's Python snippet as it is pasted, which downloads the image", async () => {
    const { apiKey } = await server.createAccount();
    const code = keySnippets(apiKey, server.url).find((s) => s.id === "python")!.code;
    const dir = fs.mkdtempSync(path.join(workDir, "snippet-"));
    await python(`import os, json\nos.chdir(${JSON.stringify(dir)})\n${code}\nprint(json.dumps(True))`);
    expect(fs.readFileSync(path.join(dir, "lighthouse.png")).subarray(1, 4).toString()).toBe("PNG");
  });

  it("uses only the standard library and Python 3.9 syntax", async () => {
    const result = await python<{ modules: string[] }>(`
import ast, json, pathlib, sys
stdlib = set(sys.stdlib_module_names)
modules = set()
for file in pathlib.Path(${JSON.stringify(path.join(PYTHON_SDK, "doitong"))}).glob("*.py"):
    tree = ast.parse(file.read_text(), feature_version=(3, 9))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module.split(".")[0])
print(json.dumps({"modules": sorted(m for m in modules if m not in stdlib)}))
`);
    expect(result.modules).toEqual([]);
  });
});
