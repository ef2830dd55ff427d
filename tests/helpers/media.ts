import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Probe {
  format: string;
  duration: number;
  width?: number;
  height?: number;
  videoCodec?: string;
  audioCodec?: string;
}

/** ffprobe of downloaded bytes (independent of the app's own probe, so a test cannot agree with a bug). */
export async function ffprobeBytes(bytes: Buffer): Promise<Probe> {
  const child = execFile("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", "pipe:0"], { encoding: "utf8", maxBuffer: 10_000_000 });
  child.stdin?.end(bytes);
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`ffprobe exit ${code}`))));
  });
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
