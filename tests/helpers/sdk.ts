import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = path.join(ROOT, "sdk/typescript");
const run = promisify(execFile);
let built: Promise<string> | undefined;

/**
 * Builds sdk/typescript with tsc, as `npm run sdk:build` (and npm pack) does, and returns the folder with index.js and
 * cli.js: tests use the package as it ships, not its sources.
 *
 * One build for every test file and process that asks for the same sources: the folder is named by a hash of
 * everything tsc reads (sdk/typescript's files, TypeScript's and Node's types' versions), the first asker builds it
 * while the others wait (a lock directory), and it is moved into place whole, so no test reads a half-written build.
 * Three test files use it (sdk-typescript, sdk-cli, docs-samples), and tsc cost each of them ~2 CPU-s.
 */
export function buildTypescriptSdk(): Promise<string> {
  built ??= (async () => {
    const target = path.join(os.tmpdir(), `doitong-sdk-${sourcesHash()}`);
    const lock = `${target}.lock`;
    for (;;) {
      if (fs.existsSync(path.join(target, "package.json"))) return target;
      try {
        fs.mkdirSync(lock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        // Another process builds it; a lock whose builder is gone (killed mid-build) is taken over.
        if (builderGone(lock)) fs.rmSync(lock, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      try {
        fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
        const outDir = fs.mkdtempSync(`${target}.part-`);
        await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "sdk/typescript", "--outDir", outDir], { cwd: ROOT });
        // As installed from npm: an ES module package (the root package.json says so for the repo, not for this folder).
        fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify({ type: "module" }));
        fs.renameSync(outDir, target);
        return target;
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    }
  })();
  return built;
}

/** What decides tsc's output and errors: the SDK's own files and the compiler's and Node's types' versions. */
function sourcesHash(): string {
  const hash = createHash("sha256");
  const files = fs.readdirSync(SOURCES, { recursive: true, encoding: "utf8" }).filter((f) => !f.split(path.sep).some((part) => part === "node_modules" || part === "dist"));
  for (const file of files.sort()) {
    const full = path.join(SOURCES, file);
    if (fs.statSync(full).isFile()) hash.update(file).update("\0").update(fs.readFileSync(full)).update("\0");
  }
  for (const pkg of ["typescript", "@types/node"]) hash.update(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json")));
  return hash.digest("hex").slice(0, 16);
}

function builderGone(lock: string): boolean {
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    // Not written yet, or the build has just ended and taken its lock away: both are decided by the lock's age.
  }
  if (!pid) return Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 5_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}

export const PYTHON_SDK = path.join(ROOT, "sdk/python");
