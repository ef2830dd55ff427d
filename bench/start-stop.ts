// npx tsx bench/start-stop.ts [runs] — the CPU one test server costs from spawn to ready and from SIGTERM to exit
// (issue 16: a CI run starts ~70 of them on 2 cores). Each run starts the built app as the integration tests do
// (tests/helpers/server.ts, embedded PGlite copied from a template), stops it, and prints the server process's own
// CPU-seconds, all its threads included (WebAssembly compilation and GC run off the main thread).
//   BENCH_DIST_DIRS=".next-a,.next-b --some-node-flag" alternates runs over builds (each optionally with node flags
//   after the helper's own), for an A/B on the same load (.next alone by default); BENCH_CPU_PROF=<dir> writes a
//   --cpu-prof profile of each run there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTemplate } from "../tests/helpers/pglite-template";
import { startServer } from "../tests/helpers/server";
import { processCpuMs } from "./measure";

const runs = Number(process.argv[2] ?? 5);
const variants = (process.env.BENCH_DIST_DIRS ?? ".next").split(",");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-start-stop-"));
// The server writes its whole CPU (process.cpuUsage, every thread) as it exits: a reaped process leaves no /proc.
const report = path.join(work, "report.mjs");
fs.writeFileSync(
  report,
  `import fs from "node:fs";\nprocess.once("exit", () => { const u = process.cpuUsage(); fs.writeFileSync(process.env.BENCH_CPU_FILE, String((u.user + u.system) / 1e6)); });\n`,
);
try {
  process.env.DOITONG_TEST_PGDATA_TEMPLATE ??= await createTemplate(path.join(work, "pgdata"));
  const rows: { variant: string; ready: number; total: number }[] = [];
  for (let i = 0; i < runs * variants.length; i++) {
    const variant = variants[i % variants.length];
    const [distDir, ...flags] = variant.split(" ");
    process.env.NEXT_DIST_DIR = distDir;
    const cpuFile = path.join(work, `cpu-${i}`);
    const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const server = await startServer({ BENCH_CPU_FILE: cpuFile }, { nodeArgs: ["--import", report, ...flags, ...prof] });
    const ready = processCpuMs(server.pid()) / 1000;
    await server.stop();
    const total = Number(fs.readFileSync(cpuFile, "utf8"));
    rows.push({ variant, ready, total });
    console.log(`${variant} run ${Math.floor(i / variants.length) + 1}: ready ${ready.toFixed(2)} CPU-s, start+stop ${total.toFixed(2)} CPU-s`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const variant of variants) {
    const mine = rows.filter((r) => r.variant === variant);
    const list = mine.map((r) => r.total.toFixed(2)).join(" ");
    console.log(`${variant}: median of ${runs}: ready ${median(mine.map((r) => r.ready)).toFixed(2)}, start+stop ${median(mine.map((r) => r.total)).toFixed(2)} CPU-s (${list})`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
