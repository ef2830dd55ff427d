// npx tsx bench/profile-summary.ts <dir with .cpuprofile files> [top] — where the profiled processes spent their main
// thread's CPU, summed over every profile in the folder: self time by origin (a package under node_modules, the
// app's bundle, Node's built-ins, GC) and the functions with the most self time. Made for the test servers'
// profiles (DOITONG_TEST_SERVER_PROF=<dir> in tests/helpers/server.ts), to see what a test run's servers do.
// A frame in the app's bundle is traced through the build's source map (the .map beside each chunk) to the file it
// was bundled from: `app lib/limits` for our own code, the package's name for one bundled from node_modules.
import fs from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!dir) throw new Error("usage: npx tsx bench/profile-summary.ts <dir> [top]");

/** The package a path lies in ("pg", "@envelop/core"), if it is under node_modules. */
const packageOf = (file: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];

/** Where a frame's code comes from, coarse enough to add up across builds. */
function origin(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const pkg = packageOf(url);
  if (pkg) return pkg;
  if (url.includes("/.next/")) return "app bundle (.next)";
  return path.basename(url);
}

const maps = new Map<string, SourceMap | undefined>();
/** The source map of a chunk of the build (its .map file), once per chunk; undefined when it has none. */
function sourceMapOf(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    let map: SourceMap | undefined;
    try {
      const file = url.startsWith("file:") ? fileURLToPath(url) : url;
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as SourceMapPayload);
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** A bundle frame's original file and line ("lib/limits/lock-account.ts:90"), through the chunk's source map. */
function originalPosition(frame: ProfileNode["callFrame"]): { file: string; line: number } | undefined {
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  // The nearest mapping before the function's start on another line belongs to other code.
  if (!entry || !("originalSource" in entry) || !entry.originalSource || entry.generatedLine !== frame.lineNumber) return undefined;
  const file = decodeURIComponent(entry.originalSource)
    .replace(/^(?:\.\.\/)+/, "")
    .replace(/^turbopack:\/\/\/\[project\]\//, "")
    .replace(/^turbopack:\/\/\/\[turbopack\]\//, "turbopack runtime/");
  return { file, line: entry.originalLine + 1 };
}

/** A bundle frame's origin: the package it was bundled from, else `app <folder>` (two levels: `app lib/limits`). */
function bundleOrigin(file: string): string {
  const pkg = packageOf(file);
  if (pkg) return `${pkg} (bundled)`;
  return `app ${file.split("/").slice(0, -1).slice(0, 2).join("/") || file}`;
}

const byOrigin = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
let files = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
  files++;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const node = nodes.get(profile.samples[i])!;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    total += us;
    let from = origin(url, functionName);
    let where = url && !url.startsWith("node:") ? `${from}:${lineNumber + 1}` : from;
    const original = from === "app bundle (.next)" ? originalPosition(node.callFrame) : undefined;
    if (original) {
      from = bundleOrigin(original.file);
      where = `${original.file}:${original.line}`;
    }
    byOrigin.set(from, (byOrigin.get(from) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
}

const table = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join("\n");
console.log(`${files} profiles, ${(total / 1e6).toFixed(1)} s of main-thread CPU (idle excluded)\n\nBy origin:\n${table(byOrigin)}\n\nBy function (self):\n${table(byFunction)}`);
