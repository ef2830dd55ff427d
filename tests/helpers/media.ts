import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";

const run = promisify(execFile);

export interface Probe {
  format: string;
  duration: number;
  width?: number;
  height?: number;
  videoCodec?: string;
  audioCodec?: string;
}

/** A folder of the test file's own, made before its tests and removed after them; `file(name)` is a path in it. */
export function scratchFolder(prefix: string): { dir: () => string; file: (name: string) => string } {
  let dir = "";
  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `doitong-${prefix}-`));
  });
  afterAll(() => dir && fs.promises.rm(dir, { recursive: true, force: true }));
  return { dir: () => dir, file: (name) => path.join(dir, name) };
}

/** ffprobe of downloaded bytes (independent of the app's own probe, so a test cannot agree with a bug). */
export async function ffprobeBytes(bytes: Buffer): Promise<Probe> {
  // From a file, not a pipe: MP3 durations need a seekable input.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "probe-"));
  const file = path.join(dir, "media");
  await fs.promises.writeFile(file, bytes);
  const { stdout } = await run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file]).finally(() =>
    fs.promises.rm(dir, { recursive: true, force: true }),
  );
  const info = JSON.parse(stdout) as {
    format: { format_name: string; duration?: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
  };
  const video = info.streams.find((s) => s.codec_type === "video");
  const audio = info.streams.find((s) => s.codec_type === "audio");
  return {
    format: info.format.format_name,
    duration: Number(info.format.duration ?? 0),
    width: video?.width,
    height: video?.height,
    videoCodec: video?.codec_name,
    audioCodec: audio?.codec_name,
  };
}

export async function download(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
}

export { run as execFileAsync };
