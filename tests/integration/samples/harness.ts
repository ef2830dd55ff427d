import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect } from "vitest";
import { CATALOG } from "@/lib/providers/catalog";
import { download, ffprobeBytes } from "../../helpers/media";
import { startServer, type TestServer } from "../../helpers/server";

/*
 * Shared harness of the product page sample tests (tests/integration/samples-*.test.ts).
 *
 * product.md: "Every sample on the product page must work verbatim against a local server (only the host changed)".
 * Each test runs one of the page's samples as a customer would paste it, over real HTTP: the curl commands through
 * the real curl binary, the JavaScript and Python clients from this folder (copied from the page), the Apollo
 * sample with @apollo/client, and the GraphQL block's documents with each of its Variables examples.
 * No vendor keys are configured, so samples without a provider run on `local` and samples naming a vendor answer
 * PROVIDER_UNAVAILABLE naming the variable to set.
 *
 * The tests are split by sample family over a few files; each file starts its own server (~3 s plus its renders),
 * so families share files to keep the number of servers small.
 */

export const run = promisify(execFile);
/** This folder: the page's samples, verbatim. */
export const SAMPLES = import.meta.dirname;
export const PAGE_HOST = "https://api.doitong.com";

export interface SamplesServer<F extends string> {
  /** The running server (only inside tests and hooks: it starts in beforeAll). */
  readonly server: TestServer;
  /** One API key per sample family. */
  readonly keys: Readonly<Record<F, string>>;
}

/**
 * Registers beforeAll/afterAll hooks that start a server for the calling test file, with one Enterprise account per
 * sample family: several samples poll fast, and limits are tested in limits.test.ts.
 */
export function useSamplesServer<F extends string>(...families: F[]): SamplesServer<F> {
  let server: TestServer | undefined;
  let keys: Record<F, string> | undefined;
  beforeAll(async () => {
    // Unset every vendor credential, so a developer's shell keys cannot turn the expected PROVIDER_UNAVAILABLE into
    // real vendor calls, nor make auto-selection pick a vendor instead of `local`.
    const noVendorKeys = Object.fromEntries(CATALOG.flatMap((p) => p.credentials).map((name) => [name, undefined]));
    const started = await startServer(noVendorKeys);
    server = started;
    const accounts = await Promise.all(families.map(() => started.createAccount({ plan: "ENTERPRISE", credits: 1_000 })));
    keys = Object.fromEntries(families.map((family, i) => [family, accounts[i].apiKey])) as Record<F, string>;
  });
  afterAll(() => server?.stop());
  return {
    get server() {
      if (!server) throw new Error("the samples server is not started (use it inside tests)");
      return server;
    },
    get keys() {
      if (!keys) throw new Error("the samples accounts are not created (use them inside tests)");
      return keys;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

export type GqlError = { message: string; path?: string[]; extensions?: Record<string, unknown> };
export type GqlBody<T> = { data?: T | null; errors?: GqlError[] };

export interface GenerationView {
  id: string;
  status: string;
  type?: string;
  provider?: string;
  url: string | null;
  progress?: number;
  metadata?: { width?: number | null; height?: number | null; duration?: number | null; format?: string | null } | null;
  creditCost?: number;
  error?: { code: string; message: string } | null;
  errorCode?: string | null;
  createdAt?: string;
  completedAt?: string | null;
}

export const FINAL = ["COMPLETED", "FAILED", "CANCELLED"];

/** Polls once a second (samples share the render queue, so waits reach ~20 s; this stays far below 60/min). */
export async function waitUntilFinal(server: TestServer, apiKey: string, id: string, timeoutMs = 80_000): Promise<GenerationView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await server.gql<{ generation: GenerationView }>(
      `query($id: ID!) { generation(id: $id) { id status url progress errorCode error { code message } } }`,
      { id },
      { apiKey },
    );
    const g = res.body.data?.generation;
    if (g && FINAL.includes(g.status)) return g;
    if (Date.now() > deadline) throw new Error(`generation ${id} did not finish: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Downloads a result and checks it is an H.264 MP4, as a customer's player would need. */
export async function downloadMp4(url: string) {
  const file = await download(url);
  expect(file.status).toBe(200);
  expect(file.type).toBe("video/mp4");
  expect(file.bytes.subarray(4, 8).toString()).toBe("ftyp");
  const probe = await ffprobeBytes(file.bytes);
  expect(probe.format).toContain("mp4");
  expect(probe.videoCodec).toBe("h264");
  return probe;
}

/** Memoizes an async step that two tests need (one asserts it, the other builds on it), whatever order they run in. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

export function expectUnavailable(error: GqlError | undefined, envVar: string) {
  expect(error?.extensions?.code, JSON.stringify(error)).toBe("PROVIDER_UNAVAILABLE");
  expect(error?.message).toContain(envVar);
}

// ---------------------------------------------------------------------------------------------------------------
// curl samples: curl-samples.sh in this folder is the page's three commands, byte for byte.

/** Splits the file into its `# title` + command blocks. */
function curlSamples(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(SAMPLES, "curl-samples.sh"), "utf8");
  const samples = new Map<string, string[]>();
  for (const block of text.split(/^# /m).filter((b) => b.trim())) {
    const newline = block.indexOf("\n");
    samples.set(block.slice(0, newline).trim(), shellWords(block.slice(newline + 1)));
  }
  return samples;
}

/**
 * The argv bash would pass for one command: words split on blanks, `\`-newline continuations joined, '…' taken
 * literally and "…" with bash's backslash escapes. That is all the page's commands use; anything else (variables,
 * substitutions) is refused rather than guessed.
 */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "\\") {
      const next = command[++i];
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated '");
      word += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      for (i++; command[i] !== '"'; i++) {
        if (i >= command.length) throw new Error('unterminated "');
        if (command[i] === "$" || command[i] === "`") throw new Error("substitutions are not supported");
        if (command[i] === "\\" && '$`"\\\n'.includes(command[i + 1])) {
          i++;
          if (command[i] !== "\n") word += command[i];
        } else word += command[i];
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if (c === "$" || c === "`" || c === ";" || c === "|" || c === "&") {
      throw new Error(`unsupported shell syntax: ${c}`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

let curlSampleMap: Map<string, string[]> | undefined;

/** The argv of the curl-samples.sh command titled `title`. */
export function curlSample(title: string): string[] {
  const samples = (curlSampleMap ??= curlSamples());
  const argv = samples.get(title);
  if (!argv) throw new Error(`no curl sample "${title}" in curl-samples.sh (has: ${[...samples.keys()].join(", ")})`);
  return argv;
}

/** Runs the real curl with the sample's arguments; only the host and YOUR_API_KEY (and `replace`) differ. */
export async function curl<T>(server: TestServer, apiKey: string, argv: string[], replace: Record<string, string> = {}): Promise<GqlBody<T>> {
  expect(argv[0]).toBe("curl");
  expect(argv).toContain(`${PAGE_HOST}/graphql`);
  const swaps: Record<string, string> = { [PAGE_HOST]: server.url, YOUR_API_KEY: apiKey, ...replace };
  const args = argv.slice(1).map((arg) => Object.entries(swaps).reduce((a, [from, to]) => a.split(from).join(to), arg));
  // No shell: the arguments reach curl exactly as bash would have passed them.
  const { stdout } = await run("curl", args, { timeout: 30_000 });
  return JSON.parse(stdout) as GqlBody<T>;
}
