import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySnippets } from "@/components/dashboard/keys/key-snippets";
import { ffprobeBytes } from "../helpers/media";
import { buildTypescriptSdk } from "../helpers/sdk";
import { startServer, type TestServer } from "../helpers/server";

// The `doitong` CLI (sdk/typescript/src/cli.ts), built and run as a child process the way `npx doitong` runs it,
// against the built app: the files it downloads are opened and measured.
let server: TestServer;
let cli: string;
let apiKey: string;
let workDir: string;
let dist: string;

beforeAll(async () => {
  const [built, started] = await Promise.all([buildTypescriptSdk(), startServer()]);
  [dist, server] = [built, started];
  cli = path.join(dist, "cli.js");
  apiKey = (await server.createAccount({ credits: 1_000 })).apiKey;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-cli-"));
});
afterAll(async () => {
  await server?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function doitong(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DOITONG_API_KEY: apiKey, DOITONG_URL: server.url, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: workDir, env: childEnv, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const json = <T>(run: Run): T => {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

type GenerationJson = {
  id: string;
  status: string;
  provider: string;
  metadata: { width: number; height: number; size: number; duration: number | null; mimeType: string };
  file?: string;
};

describe("doitong generate", () => {
  it("generates an image with --out and saves a real PNG of the reported size", async () => {
    const run = await doitong(["generate", "image", "A lighthouse at dawn", "--provider", "local", "--option", "aspectRatio=16:9", "--out", "lighthouse.png", "--json"]);
    const generation = json<GenerationJson>(run);
    expect(generation.status).toBe("COMPLETED");
    expect(generation.file).toBe("lighthouse.png");
    const bytes = fs.readFileSync(path.join(workDir, "lighthouse.png"));
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBe(generation.metadata.size);
    const image = await sharp(bytes).metadata();
    expect([image.width, image.height]).toEqual([generation.metadata.width, generation.metadata.height]);
    expect((image.width ?? 0) / (image.height ?? 1)).toBeCloseTo(16 / 9, 1);
  });

  it("generates a video with options and --wait --out, and the MP4 has the asked duration and the reported size", async () => {
    const run = await doitong([
      "generate",
      "video",
      "Waves on a shore",
      "--provider",
      "local",
      "--option",
      "duration=3",
      "--option",
      "resolution=720p",
      "--wait",
      "--out",
      "waves.mp4",
      "--json",
    ]);
    const generation = json<GenerationJson>(run);
    expect(generation.status).toBe("COMPLETED");
    const bytes = fs.readFileSync(path.join(workDir, "waves.mp4"));
    expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(bytes.length).toBe(generation.metadata.size);
    const probe = await ffprobeBytes(bytes);
    expect(probe.width).toBe(generation.metadata.width);
    expect(probe.height).toBe(720);
    expect(probe.duration).toBeCloseTo(3, 0);
  });

  it("draws a live progress bar on a terminal and prints the saved file", async () => {
    // `script` gives the CLI a pseudo-terminal, as a developer's shell would.
    const command = [process.execPath, cli, "generate", "video", "'A slow pan'", "--provider", "local", "--option", "duration=6", "--out", "pan.mp4"].join(" ");
    const run = await new Promise<Run>((resolve) => {
      execFile(
        "script",
        ["-qec", command, "/dev/null"],
        { cwd: workDir, env: { ...process.env, DOITONG_API_KEY: apiKey, DOITONG_URL: server.url }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(0);
    // Redrawn in place (carriage returns), with a bar and a percentage that reaches 100.
    expect(run.stdout).toMatch(/\r\x1b\[2K\[[█░]{30}\]/);
    expect(run.stdout).toContain("100% completed");
    expect(run.stdout).toContain("saved pan.mp4");
    expect(fs.statSync(path.join(workDir, "pan.mp4")).size).toBeGreaterThan(1000);
  });

  it("without --wait prints the queued generation, which status and cancel then handle", async () => {
    const started = json<GenerationJson>(
      await doitong(["generate", "video", "Long one", "--provider", "local", "--option", "duration=16", "--option", "resolution=1080p", "--json"]),
    );
    expect(["QUEUED", "PROCESSING"]).toContain(started.status);
    const status = json<GenerationJson>(await doitong(["status", started.id, "--json"]));
    expect(status.id).toBe(started.id);
    const text = await doitong(["cancel", started.id]);
    expect(text).toMatchObject({ code: 0, stdout: `${started.id} cancelled\n` });
    const after = await doitong(["status", started.id, "--wait"]);
    // A generation that ends CANCELLED is exit code 1 (not a success for a script that waits for a file).
    expect(after.code).toBe(1);
    expect(after.stdout).toContain("cancelled");
  });
});

describe("doitong: the other commands", () => {
  it("estimate, providers and balance, as text and as --json", async () => {
    // Six read-only commands, independent of each other: run at once rather than one process start after another.
    const [estimateJson, estimateText, providersJson, providersText, balanceJson, balanceText] = await Promise.all([
      doitong(["estimate", "video", "A test", "--provider", "local", "--option", "duration=10", "--json"]),
      doitong(["estimate", "video", "A test", "--provider", "local"]),
      doitong(["providers", "image", "--json"]),
      doitong(["providers", "video"]),
      doitong(["balance", "--json"]),
      doitong(["balance"]),
    ]);
    const estimate = json<{ provider: string; creditCost: number }>(estimateJson);
    expect(estimate).toMatchObject({ provider: "local" });
    expect(estimate.creditCost).toBeGreaterThan(0);
    expect(estimateText.stdout).toMatch(/^local: \d+ credits?, about \d+s/);

    const providers = json<{ id: string }[]>(providersJson);
    expect(providers.map((p) => p.id)).toContain("local");
    expect(providersText.stdout).toMatch(/^local\s+\d+ cr/m);

    const balance = json<{ credits: { balance: number } }>(balanceJson);
    expect(balance.credits.balance).toBeGreaterThan(0);
    expect(balanceText.stdout).toMatch(/^\d+ credits \(\d+ reserved\), plan enterprise/);
  });

  it("exits with the code of the error class, and says the code on stderr", async () => {
    const cases: { args: string[]; env?: Record<string, string | undefined>; code: number; stderr: RegExp }[] = [
      { args: ["balance"], env: { DOITONG_API_KEY: undefined }, code: 3, stderr: /DOITONG_API_KEY/ },
      { args: ["balance"], env: { DOITONG_API_KEY: "dk_live_wrong" }, code: 3, stderr: /^UNAUTHENTICATED: .*\[request req_/ },
      { args: ["generate", "sculpture", "x"], code: 2, stderr: /Unknown type "sculpture"/ },
      { args: ["launch"], code: 2, stderr: /Unknown command: launch/ },
      { args: ["generate", "image", "x", "--option", "novalue"], code: 2, stderr: /--option takes key=value/ },
      { args: ["generate", "image", "x", "--provider", "nope"], code: 4, stderr: /^INVALID_INPUT \(provider\)/ },
      { args: ["status", "gen_doesnotexist"], code: 5, stderr: /^NOT_FOUND/ },
      { args: ["balance"], env: { DOITONG_URL: "http://127.0.0.1:9" }, code: 9, stderr: /^CONNECTION_ERROR/ },
    ];
    // Independent processes: started together, checked in order.
    const runs = await Promise.all(cases.map((c) => doitong(c.args, c.env)));
    cases.forEach((c, i) => {
      expect({ args: c.args, code: runs[i].code }).toEqual({ args: c.args, code: c.code });
      expect(runs[i].stderr).toMatch(c.stderr);
    });
    const poor = await server.createAccount({ credits: 0 });
    const broke = await doitong(["generate", "image", "x", "--provider", "local", "--json"], { DOITONG_API_KEY: poor.apiKey });
    expect(broke.code).toBe(6);
    expect(JSON.parse(broke.stdout)).toMatchObject({ error: { code: "INSUFFICIENT_CREDITS" } });
  });
});

describe("the API keys page's snippets, pasted as they are", () => {
  const snippet = (id: string) => keySnippets(apiKey, server.url).find((s) => s.id === id)!.code;

  it("the CLI snippet downloads the image", async () => {
    const dir = fs.mkdtempSync(path.join(workDir, "cli-"));
    // `npx doitong` is the published package's bin; here it is the freshly built one.
    const shell = snippet("cli").replace("npx doitong", `${process.execPath} ${cli}`);
    await promisify(execFile)("sh", ["-ec", shell], { cwd: dir, env: { ...process.env, DOITONG_API_KEY: "" }, timeout: 120_000 });
    expect(fs.readFileSync(path.join(dir, "lighthouse.png")).subarray(1, 4).toString()).toBe("PNG");
  });

  it("the TypeScript snippet runs against the built package and downloads the image", async () => {
    const dir = fs.mkdtempSync(path.join(workDir, "ts-"));
    // As after `npm install doitong`: the package in node_modules.
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(dist, path.join(dir, "node_modules/doitong"), "dir");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    fs.writeFileSync(path.join(dir, "first.ts"), snippet("typescript"));
    const tsx = path.resolve(import.meta.dirname, "../../node_modules/tsx/dist/cli.mjs");
    const run = await new Promise<Run>((resolve) =>
      execFile(process.execPath, [tsx, "first.ts"], { cwd: dir, timeout: 120_000 }, (e, stdout, stderr) => resolve({ code: e ? 1 : 0, stdout, stderr })),
    );
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/COMPLETED 100/);
    expect(fs.readFileSync(path.join(dir, "lighthouse.png")).subarray(1, 4).toString()).toBe("PNG");
  });
});
