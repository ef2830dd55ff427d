import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_PAGES } from "@/components/docs/pages";
import { buildTypescriptSdk, PYTHON_SDK } from "../helpers/sdk";
import { freePort, startServer, type TestServer } from "../helpers/server";

/*
 * Every code sample in the docs (/docs) is a file in content/docs/samples that the pages include verbatim
 * (`<<< samples/<file>`). This test runs each of those files — the same bytes the page shows — against a started
 * server, through the same tools a reader would use: bash with curl and jq, the built `doitong` package and CLI
 * (installed with the page's own `npm install --global`), tsx for the TypeScript samples, python3 with the SDK on
 * PYTHONPATH. A page cannot show a sample that no test runs: the first block checks that.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "content/docs");
const SAMPLES = path.join(CONTENT, "samples");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

/** Every sample file this test runs. A new sample fails the coverage check until it is added here. */
const TESTED = [
  "setup.sh",
  "install-cli.sh",
  "env.sh",
  "cli-generate.sh",
  "cli-more.sh",
  "test-key.sh",
  "gql.sh",
  "first-generation.sh",
  "first-generation.ts",
  "first_generation.py",
  "statuses.sh",
  "progress-sse.sh",
  "wait-progress.ts",
  "estimate.sh",
  "limits.sh",
  "idempotency.sh",
  "idempotency.ts",
  "webhook-send.sh",
  "webhook-receiver.ts",
  "webhook_receiver.py",
  "sandbox.sh",
  "routing.sh",
  "options-strict.sh",
  "upload.sh",
  "upload.ts",
  "errors.ts",
  "health.sh",
];

function includesOf(locale: string, file: string): string[] {
  const md = fs.readFileSync(path.join(CONTENT, locale, `${file}.md`), "utf8");
  return [...md.matchAll(/^<<<\s+samples\/(\S+)\s*$/gm)].map((m) => m[1]);
}

describe("docs samples: every one is a file that a test runs", () => {
  it("pages include only existing sample files, the same in both languages, and every sample is included and tested", () => {
    const files = fs.readdirSync(SAMPLES).sort();
    const included = new Set<string>();
    for (const page of DOCS_PAGES) {
      const [en, ru] = [includesOf("en", page.file), includesOf("ru", page.file)];
      expect(ru, `ru/${page.file}.md includes what en/${page.file}.md does`).toEqual(en);
      for (const name of en) {
        expect(files, `${page.file}.md includes samples/${name}`).toContain(name);
        included.add(name);
      }
    }
    expect([...included].sort()).toEqual(files);
    expect([...TESTED].sort()).toEqual(files);
  });

  it("no page has a code block that is not an included sample", () => {
    for (const locale of ["en", "ru"]) {
      for (const page of DOCS_PAGES) {
        const md = fs.readFileSync(path.join(CONTENT, locale, `${page.file}.md`), "utf8");
        expect(md, `${locale}/${page.file}.md`).not.toMatch(/^\s*(```|~~~)/m);
        expect(md, `${locale}/${page.file}.md`).not.toMatch(/^( {4}|\t)\S/m); // indented code blocks
      }
    }
  });
});

let server: TestServer;
let live: string;
let testKey: string;
let sdkDist: string;
/** A global npm prefix where the page's `npm install --global ./sdk/typescript` put the CLI. */
let prefix: string;
const work: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  [sdkDist, server] = await Promise.all([
    buildTypescriptSdk(),
    startServer({ DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1", DOITONG_SANDBOX_TASK_MS: "400", DOITONG_SANDBOX_TIME_SCALE: "0.01" }),
  ]);
  live = (await server.createAccount({ plan: "ENTERPRISE", credits: 100_000 })).apiKey;
  testKey = (await server.createAccount({ plan: "ENTERPRISE", credits: 100_000, keyMode: "test" })).apiKey;
  // The install sample, run as written in a folder laid out like a checkout after setup (sdk/typescript built).
  prefix = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-npm-prefix-"));
  const checkout = workspace();
  fs.mkdirSync(path.join(checkout, "sdk/typescript"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "sdk/typescript/package.json"), path.join(checkout, "sdk/typescript/package.json"));
  fs.symlinkSync(sdkDist, path.join(checkout, "sdk/typescript/dist"));
  const installed = await sh("install-cli.sh", { cwd: checkout, env: { npm_config_prefix: prefix, npm_config_offline: "true" } });
  expect(installed.code, installed.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill();
  await server?.stop();
  for (const dir of [...work, prefix]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-docs-"));
  work.push(dir);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  key?: string;
  /** Where the sample is copied (a fresh folder when not given). */
  cwd?: string;
  /** The working directory it runs in, when not that folder (the checkout, for the admin command). */
  runIn?: string;
  env?: Record<string, string>;
  timeout?: number;
}

/** The environment the pages tell a reader to set, pointing at the test server; the CLI from the install sample on PATH. */
function readerEnv(options: RunOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.join(prefix ?? "", "bin")}:${process.env.PATH}`,
    DOITONG_API_KEY: options.key ?? live,
    DOITONG_URL: server?.url,
    PYTHONPATH: PYTHON_SDK,
    PYTHONDONTWRITEBYTECODE: "1",
    ...options.env,
  };
}

/** A copy of the sample (and the gql.sh helper the shell samples source) in a fresh folder, or in `cwd`. */
function stage(name: string, cwd: string): string {
  for (const file of [name, "gql.sh"]) fs.copyFileSync(path.join(SAMPLES, file), path.join(cwd, file));
  // The TypeScript samples import "doitong": the built package, as npm would install it next to them.
  const pkg = path.join(cwd, "node_modules/doitong");
  if (name.endsWith(".ts") && !fs.existsSync(pkg)) {
    // An ES module project (the samples use top-level await), as the Getting started page says.
    fs.writeFileSync(path.join(cwd, "package.json"), JSON.stringify({ type: "module" }));
    fs.mkdirSync(path.dirname(pkg), { recursive: true });
    fs.symlinkSync(path.join(prefix, "lib/node_modules/doitong"), pkg);
  }
  return path.join(cwd, name);
}

function command(file: string): [string, string[]] {
  if (file.endsWith(".sh")) return ["bash", [file]];
  if (file.endsWith(".ts")) return [TSX, [file]];
  if (file.endsWith(".py")) return ["python3", [file]];
  throw new Error(`no runner for ${file}`);
}

function sh(name: string, options: RunOptions = {}): Promise<Run & { cwd: string }> {
  const cwd = options.cwd ?? workspace();
  const [cmd, args] = command(stage(name, cwd));
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: options.runIn ?? cwd, env: readerEnv(options), timeout: options.timeout ?? 120_000, maxBuffer: 10 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr, cwd });
    });
  });
}

/** A long-running sample (a webhook receiver): started, its output collected, stopped after the test. */
function startSample(name: string, options: RunOptions) {
  const cwd = options.cwd ?? workspace();
  const [cmd, args] = command(stage(name, cwd));
  const child = spawn(cmd, args, { cwd, env: readerEnv(options), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return { output: () => out };
}

async function until(check: () => boolean, what: () => string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectPng(file: string) {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const meta = await sharp(bytes).metadata();
  expect(meta.width).toBeGreaterThan(0);
}

const ok = (run: Run) => expect(run.code, `exit ${run.code}\n${run.stdout}\n${run.stderr}`).toBe(0);

describe.concurrent("Getting started, as the page goes", () => {
  it("setup.sh is the README's two commands, and setup builds the SDK that install-cli.sh installs", () => {
    const sample = fs.readFileSync(path.join(SAMPLES, "setup.sh"), "utf8");
    expect(sample).toContain("bash scripts/setup.sh && npm start");
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("bash scripts/setup.sh && npm start");
    expect(fs.readFileSync(path.join(ROOT, "scripts/setup.sh"), "utf8")).toMatch(/^npm run sdk:build$/m);
    // install-cli.sh ran in beforeAll: the command it installed is on the reader's PATH.
    expect(fs.existsSync(path.join(prefix, "bin/doitong"))).toBe(true);
  });

  it("env.sh then cli-generate.sh: the CLI saves a real PNG (the four-command path)", async () => {
    const cwd = workspace();
    // env.sh with the reader's two values filled in: the key the server printed and this server's address.
    const env = fs.readFileSync(path.join(SAMPLES, "env.sh"), "utf8").replace("dk_live_…", live).replace("http://localhost:3000", server.url);
    fs.writeFileSync(path.join(cwd, "env.sh"), env);
    stage("cli-generate.sh", cwd);
    const run = await new Promise<Run>((resolve) =>
      execFile(
        "bash",
        ["-c", "source env.sh && bash cli-generate.sh"],
        { cwd, env: { ...readerEnv({}), DOITONG_API_KEY: "", DOITONG_URL: "" }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    ok(run);
    expect(run.stdout).toContain("lighthouse.png");
    await expectPng(path.join(cwd, "lighthouse.png"));
  });

  it("cli-more.sh: providers, estimate, a video saved, the balance", async () => {
    const run = await sh("cli-more.sh");
    ok(run);
    expect(run.stdout).toMatch(/local/);
    expect(run.stdout).toMatch(/local: \d+ credits/);
    expect(fs.statSync(path.join(run.cwd, "waves.mp4")).size).toBeGreaterThan(1000);
    expect(run.stdout).toMatch(/\d/);
  });

  it("test-key.sh prints a new account with a dk_test_ key", async () => {
    const run = await sh("test-key.sh", { runIn: ROOT, env: { ...(server.env as Record<string, string>) } });
    ok(run);
    const account = JSON.parse(run.stdout.trim().split("\n").pop()!) as { apiKey: string };
    expect(account.apiKey).toMatch(/^dk_test_/);
  });

  it("first-generation.sh: curl starts, polls to COMPLETED and downloads the PNG", async () => {
    const run = await sh("first-generation.sh");
    ok(run);
    expect(run.stdout).toMatch(/^started gen_/m);
    expect(run.stdout).toMatch(/^COMPLETED 100%$/m);
    await expectPng(path.join(run.cwd, "lighthouse.png"));
  });

  it("first-generation.ts: the TypeScript SDK waits with progress and saves the PNG", async () => {
    const run = await sh("first-generation.ts");
    ok(run);
    expect(run.stdout).toMatch(/COMPLETED 100%/);
    await expectPng(path.join(run.cwd, "lighthouse.png"));
  });

  it("first_generation.py: the Python SDK waits with progress and saves the PNG", async () => {
    const run = await sh("first_generation.py");
    ok(run);
    expect(run.stdout).toMatch(/COMPLETED 100%/);
    await expectPng(path.join(run.cwd, "lighthouse.png"));
  });
});

describe.concurrent("guides", () => {
  it("statuses.sh: a queued or running video, cancelled, CANCELLED with nothing charged", async () => {
    const run = await sh("statuses.sh");
    ok(run);
    const answers = run.stdout
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { data: { generation: { status: string }; cancelGeneration: boolean } });
    expect(["QUEUED", "PROCESSING"]).toContain(answers[0].data.generation.status);
    expect(answers[1].data.cancelGeneration).toBe(true);
    expect(answers[2].data.generation).toMatchObject({ status: "CANCELLED" });
  });

  it("progress-sse.sh: the stream sends states, COMPLETED with a url, then complete", async () => {
    const run = await sh("progress-sse.sh");
    ok(run);
    expect(run.stdout).toContain("event: next");
    expect(run.stdout).toMatch(/"status":"COMPLETED".*"url":"http/);
    expect(run.stdout.trim()).toMatch(/event: complete/);
  });

  it("wait-progress.ts: progress lines, then COMPLETED with the url", async () => {
    const run = await sh("wait-progress.ts");
    ok(run);
    expect(run.stdout).toMatch(/(QUEUED|PROCESSING) \d+% ~\d+s left/);
    expect(run.stdout.trim().split("\n").pop()).toMatch(/^COMPLETED http/);
  });

  it("estimate.sh: a price, maxCost refused, the balance and the ledger", async () => {
    const run = await sh("estimate.sh");
    ok(run);
    expect(run.stdout).toMatch(/"creditCost":\d+/);
    expect(run.stdout).toContain('"code": "INVALID_INPUT"');
    expect(run.stdout).toMatch(/"balance":\d+/);
  });

  it("limits.sh: plan and limits, and the rate-limit headers", async () => {
    const run = await sh("limits.sh");
    ok(run);
    expect(run.stdout).toContain('"plan":"ENTERPRISE"');
    expect(run.stdout).toMatch(/^x-ratelimit-limit: \d+/im);
    expect(run.stdout).toMatch(/^x-ratelimit-remaining: \d+/im);
  });

  it("idempotency.sh: the same generation twice, the second a replay", async () => {
    const run = await sh("idempotency.sh");
    ok(run);
    const ids = [...run.stdout.matchAll(/"id":"(gen_[^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(run.stdout).toMatch(/^idempotent-replayed: true/im);
  });

  it("idempotency.ts: the SDK with one key makes one generation", async () => {
    const run = await sh("idempotency.ts");
    ok(run);
    expect(run.stdout).toMatch(/^same generation gen_/m);
  });

  for (const receiver of ["webhook-receiver.ts", "webhook_receiver.py"]) {
    it(`webhook-send.sh delivers to ${receiver}, which verifies it; a forged delivery is rejected`, async () => {
      const secret = (await server.gql<{ me: { webhookSecret: string } }>("{ me { webhookSecret } }", {}, { apiKey: live })).body.data!.me.webhookSecret;
      const port = await freePort();
      const receiving = startSample(receiver, { env: { DOITONG_WEBHOOK_SECRET: secret, PORT: String(port) } });
      const url = `http://127.0.0.1:${port}/webhooks`;
      // Until it listens: a POST without a signature is refused with 400 and says why.
      const deadline = Date.now() + 30_000;
      let forged: Response | null = null;
      while (!forged && Date.now() < deadline) {
        forged = await fetch(url, { method: "POST", body: "{}" }).catch(() => null);
        if (!forged) await new Promise((r) => setTimeout(r, 200));
      }
      expect(forged?.status, receiving.output()).toBe(400);
      await until(() => receiving.output().includes("rejected:"), receiving.output);
      const sent = await sh("webhook-send.sh", { env: { WEBHOOK_URL: url } });
      ok(sent);
      const id = /"id":"(gen_[^"]+)"/.exec(sent.stdout)![1];
      await until(() => receiving.output().includes(`verified generation.completed ${id} COMPLETED`), receiving.output);
    });
  }

  it("sandbox.sh (test key): moderation fails (exit code 1, GENERATION_FAILED); rate_limit_once completes, in test mode", async () => {
    const run = await sh("sandbox.sh", { key: testKey });
    ok(run);
    expect(run.stdout).toMatch(/^GENERATION_FAILED: .*safety/im);
    expect(run.stdout).toContain("exit code 1");
    expect(run.stdout).toMatch(/"status": "COMPLETED"/);
    expect(run.stdout).toMatch(/"mode": "TEST"/);
  });

  it("routing.sh: the choice for COST with its candidates, and live health", async () => {
    const run = await sh("routing.sh");
    ok(run);
    expect(run.stdout).toContain('"priority": "COST"');
    expect(run.stdout).toContain('"candidates"');
    expect(run.stdout).toMatch(/"circuit":"\w+"/);
  });

  it("options-strict.sh (test key): adjusted with warnings, then refused under strict", async () => {
    const run = await sh("options-strict.sh", { key: testKey });
    ok(run);
    expect(run.stdout).toContain('"appliedOptions"');
    expect(run.stdout).toMatch(/"warnings": \[\s*"/);
    expect(run.stdout).toContain('"code": "INVALID_INPUT"');
  });

  async function withPortrait(): Promise<string> {
    const cwd = workspace();
    await sharp({ create: { width: 512, height: 512, channels: 3, background: "#a0522d" } })
      .png()
      .toFile(path.join(cwd, "portrait.png"));
    return cwd;
  }

  it("upload.sh: createUpload, the PUT, and the upload READY", async () => {
    const run = await sh("upload.sh", { cwd: await withPortrait() });
    ok(run);
    expect(run.stdout).toMatch(/"status":"READY"/);
  });

  it("upload.ts: the SDK uploads and a video is made from it", async () => {
    const run = await sh("upload.ts", { cwd: await withPortrait() });
    ok(run);
    expect(run.stdout).toMatch(/^uploaded upload_/m);
    expect(run.stdout).toMatch(/^COMPLETED \d+ x \d+$/m);
  });

  it("errors.ts: an InvalidInputError with its code and field", async () => {
    const run = await sh("errors.ts");
    ok(run);
    expect(run.stdout).toMatch(/^INVALID_INPUT options\.duration /m);
  });

  it("health.sh: 200", async () => {
    const run = await sh("health.sh");
    ok(run);
    expect(run.stdout.trim()).toBe("200");
  });
});
