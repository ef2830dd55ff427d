import fs from "node:fs";
import path from "node:path";
import { afterAll, TestRunner } from "vitest";

/**
 * CPU seconds per test file, for the "Most CPU" line of scripts/test.sh (DOITONG_FILE_CPU=<file>): wall time is
 * what a file waited for as much as what it cost, and CI on two cores is bound by the CPU. Counts the test process
 * (its imports included) and every process it started and reaped — the servers, and what they ran (ffmpeg, espeak).
 *
 * Runs as a setup file, so this afterAll is registered before the file's own and runs after them (after hooks run
 * in reverse order): the file's servers have stopped by then. In a worker that runs several files in one process
 * (isolate: false), each file counts from where the previous one ended.
 */
const report = process.env.DOITONG_FILE_CPU;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime + cutime + cstime of this process, in seconds (/proc/self/stat fields 14–17). */
function cpuSeconds(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / TICKS_PER_SECOND;
}

const mark = globalThis as { __doitongCpuMark?: number };

if (report && fs.existsSync("/proc/self/stat")) {
  // Set up with each file: the current suite is that file's.
  const file = TestRunner.getCurrentSuite().file;
  // When the file started and ended (epoch ms), with the worker's pid: a run's timeline, to see what runs in its tail.
  const started = Date.now();
  afterAll(() => {
    const now = cpuSeconds();
    const name = `${file.projectName ?? ""}:${path.relative(process.cwd(), file.filepath)}`;
    const line = { file: name, cpu: now - (mark.__doitongCpuMark ?? 0), started, ended: Date.now(), pid: process.pid };
    mark.__doitongCpuMark = now;
    fs.appendFileSync(report, JSON.stringify(line) + "\n");
  });
}
