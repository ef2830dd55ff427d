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

/**
 * An MP3 tone as a recording saved to a file is: encoded to a file, not a pipe, so LAME's Info header gives its
 * frame count (ffmpeg cannot go back to fill it in on a pipe, and ffprobe then guesses the length from the bitrate).
 */
export async function mp3Tone(seconds: number, frequency: number): Promise<Buffer> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "tone-"));
  const file = path.join(dir, "tone.mp3");
  try {
    await run("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", `sine=frequency=${frequency}:duration=${seconds}`, "-c:a", "libmp3lame", "-b:a", "64k", file]);
    return await fs.promises.readFile(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

export async function download(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
}

export { run as execFileAsync };
