import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let built: Promise<string> | undefined;

/**
 * Builds sdk/typescript with tsc, as `npm run sdk:build` (and npm pack) does, into a folder of this test process
 * (test files run in parallel; each gets its own copy, so none reads another's half-written build). Returns the
 * folder with index.js and cli.js: tests use the package as it ships, not its sources.
 */
export function buildTypescriptSdk(): Promise<string> {
  built ??= (async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-sdk-"));
    await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "sdk/typescript", "--outDir", outDir], { cwd: ROOT });
    // As installed from npm: an ES module package (the root package.json says so for the repo, not for this folder).
    fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify({ type: "module" }));
    return outDir;
  })();
  return built;
}

export const PYTHON_SDK = path.join(ROOT, "sdk/python");
