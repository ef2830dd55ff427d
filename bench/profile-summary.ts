// npx tsx bench/profile-summary.ts <dir with .cpuprofile files> [top] — where the profiled processes spent their main
// thread's CPU, summed over every profile in the folder: self time by origin (a package under node_modules, the
// app's bundle, Node's built-ins, GC) and the functions with the most self time. Made for the test servers'
// profiles (DOITONG_TEST_SERVER_PROF=<dir> in tests/helpers/server.ts), to see what a test run's servers do.
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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

/** Where a frame's code comes from, coarse enough to add up across builds. */
function origin(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/.next/")) return "app bundle (.next)";
  return path.basename(url);
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
    const from = origin(url, functionName);
    byOrigin.set(from, (byOrigin.get(from) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${from}${url && !url.startsWith("node:") ? `:${lineNumber + 1}` : ""}`;
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
