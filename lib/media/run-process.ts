import { spawn } from "node:child_process";
import { access, constants, stat } from "node:fs/promises";
import path from "node:path";

export interface RunProcessOptions {
  /** Aborting kills the child with SIGKILL and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called for every complete stdout line (e.g. ffmpeg `-progress pipe:1`). */
  onStdoutLine?: (line: string) => void;
  /** Kill the child and reject with a TimeoutError after this many ms. */
  timeoutMs?: number;
  /** Written to the child's stdin, which is then closed. Lets callers pass user text without argv parsing. */
  input?: string | Buffer;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
}

/** Non-zero exit. Carries the exit code and the stderr tail for logs. */
export class ProcessError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "ProcessError";
  }
}

// Keep only the tail of stderr: ffmpeg can be chatty and only the end explains a failure.
const STDERR_KEEP = 64 * 1024;
const STDERR_LINES_IN_MESSAGE = 8;

/** An Error named "AbortError" (what callers test for), whatever reason the signal carries. */
export function abortError(what: string): Error {
  const err = new Error(`${what} was aborted`);
  err.name = "AbortError";
  return err;
}

/** For steps that cannot be interrupted (e.g. sharp): check between them. */
export function throwIfAborted(signal: AbortSignal | undefined, what = "operation"): void {
  if (signal?.aborted) throw abortError(what);
}

/**
 * Spawn `cmd` with `args` (never through a shell, so arguments cannot be interpreted) and
 * collect its output. The promise settles only after the child has exited, so once a
 * rejection is observed there is no orphaned process left behind.
 */
export function runProcess(cmd: string, args: string[], opts: RunProcessOptions = {}): Promise<ProcessResult> {
  const { signal, onStdoutLine, timeoutMs, input } = opts;
  if (signal?.aborted) return Promise.reject(abortError(cmd));

  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    let stdout = "";
    let stderr = "";
    let pending = ""; // partial stdout line awaiting its newline
    let killedFor: "abort" | "timeout" | null = null;
    let spawnError: Error | null = null;

    const kill = (reason: "abort" | "timeout") => {
      if (killedFor || child.exitCode !== null || child.signalCode !== null) return;
      killedFor = reason;
      child.kill("SIGKILL");
    };
    const onAbort = () => kill("abort");
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = timeoutMs && timeoutMs > 0 ? setTimeout(() => kill("timeout"), timeoutMs) : null;

    child.stdout.setEncoding("utf8"); // decoder keeps multi-byte characters intact across chunks
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (!onStdoutLine) return;
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? "";
      for (const line of lines) onStdoutLine(line);
    });
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.length > STDERR_KEEP * 2) stderr = stderr.slice(-STDERR_KEEP);
    });

    // A child that exits without reading stdin gives EPIPE; that is not our failure.
    child.stdin.on("error", () => {});
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();

    child.on("error", (err) => {
      spawnError = err; // ENOENT etc.; "close" still follows and settles the promise
    });

    child.on("close", (code, sig) => {
      signal?.removeEventListener("abort", onAbort);
      if (timer) clearTimeout(timer);
      if (onStdoutLine && pending) onStdoutLine(pending);
      if (killedFor === "abort") return reject(abortError(cmd));
      if (killedFor === "timeout") {
        const err = new Error(`${cmd} timed out after ${timeoutMs} ms`);
        err.name = "TimeoutError";
        return reject(err);
      }
      if (spawnError) return reject(new Error(`failed to start ${cmd}: ${spawnError.message}`));
      if (code === 0) return resolve({ stdout, stderr });
      const tail = stderr.trim().split(/\r?\n/).slice(-STDERR_LINES_IN_MESSAGE).join("\n");
      const how = code !== null ? `exit code ${code}` : `signal ${sig}`;
      reject(new ProcessError(`${cmd} failed (${how})${tail ? `:\n${tail}` : ""}`, code, stderr));
    });
  });
}

/** True when `cmd` resolves to an executable file (a path, or a name looked up on PATH). */
export async function commandExists(cmd: string): Promise<boolean> {
  if (!cmd) return false;
  const candidates = cmd.includes("/")
    ? [cmd]
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, cmd));
  for (const file of candidates) {
    try {
      await access(file, constants.X_OK);
      if ((await stat(file)).isFile()) return true; // directories are "executable" too
    } catch {
      // not here; try the next PATH entry
    }
  }
  return false;
}
