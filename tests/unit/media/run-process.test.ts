import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { commandExists, runProcess } from "@/lib/media/run-process";

/** Live processes whose command line contains `needle` (reads /proc; no shell, no ps parsing). */
async function processesMatching(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.split("\0").join(" ").includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

describe("runProcess", () => {
  it("collects stdout and streams it line by line", async () => {
    const lines: string[] = [];
    const { stdout } = await runProcess("printf", ["a\\nb\\r\\nlast"], { onStdoutLine: (l) => lines.push(l) });
    expect(stdout).toBe("a\nb\r\nlast");
    expect(lines).toEqual(["a", "b", "last"]);
  });

  it("passes arguments and stdin verbatim, never through a shell", async () => {
    const evil = "$(touch /tmp/pwned) ; `id` | 'quote\"";
    expect((await runProcess("printf", ["%s", evil])).stdout).toBe(evil);
    expect((await runProcess("cat", [], { input: evil })).stdout).toBe(evil);
  });

  it("rejects with the stderr tail on a non-zero exit", async () => {
    const err = await runProcess("ffmpeg", ["-v", "error", "-i", "/nonexistent/input.mp4"]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/ffmpeg failed \(exit code \d+\)/);
    expect((err as Error).message).toContain("/nonexistent/input.mp4");
  });

  it("rejects when the command does not exist", async () => {
    await expect(runProcess("doitong-no-such-command", [])).rejects.toThrow(/failed to start/);
  });

  it("kills the child with SIGKILL on abort and rejects with AbortError", async () => {
    const marker = "7.31415"; // a unique sleep length to find the child in /proc
    const ac = new AbortController();
    const run = runProcess("sleep", [marker], { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 100));
    expect(await processesMatching(`sleep ${marker}`)).not.toHaveLength(0);
    ac.abort();
    const err = await run.catch((e: Error) => e);
    expect((err as Error).name).toBe("AbortError");
    expect(await processesMatching(`sleep ${marker}`)).toHaveLength(0);
  });

  it("rejects an already aborted signal without spawning", async () => {
    const ac = new AbortController();
    ac.abort(new Error("custom reason"));
    await expect(runProcess("sleep", ["5"], { signal: ac.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("times out", async () => {
    const started = Date.now();
    await expect(runProcess("sleep", ["5"], { timeoutMs: 100 })).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("commandExists", () => {
  it("finds installed tools on PATH and rejects unknown ones and directories", async () => {
    expect(await commandExists("ffmpeg")).toBe(true);
    expect(await commandExists("espeak-ng")).toBe(true);
    expect(await commandExists("doitong-no-such-command")).toBe(false);
    expect(await commandExists("/usr/bin")).toBe(false);
    expect(await commandExists("")).toBe(false);
  });
});
