import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runProcess, throwIfAborted } from "@/lib/media/run-process";
import { artSeed, renderCaptionOverlay, renderImage, seededRandom } from "./render-image";
import { partialPath } from "./render-speech";

export interface RenderVideoOptions {
  prompt: string;
  /** Even, 16..4096 (H.264 4:2:0 needs even dimensions). */
  width: number;
  height: number;
  /** Seconds, may be fractional; the file is within half a frame of it. */
  duration: number;
  fps: number;
  /** At most this many times real time (ffmpeg's realtime filter); unset: as fast as the CPU allows. */
  pace?: number;
  seed: number;
  style?: string;
  outFile: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

// The stills are this much larger than the frame so there is room to pan across them.
const OVERSCAN = 1.12;
const even = (n: number) => Math.round(n / 2) * 2;

export function assertVideoSize(width: number, height: number): void {
  for (const [k, v] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(v) || v < 16 || v > 4096 || v % 2) throw new RangeError(`${k} must be an even integer in 16..4096, got ${v}`);
  }
}

/**
 * x264 preset of every preview clip: ultrafast. Measured on 2 cores: at 1080p30 veryfast ≈ 18 ms/frame of CPU and
 * ultrafast ≈ 7; at 480x270, 5 s (the vendor fakes' size) 0.59 → 0.42 CPU-s a clip, of which 0.16 is ffmpeg's start
 * and 0.16 the filters. The file is ~3x larger (still small: ~230 kB for that clip) with no visible loss on these
 * smooth gradients — a preview's bytes matter less than the seconds it takes.
 */
export const X264_PRESET = "ultrafast";

/** Wrap a progress callback so it only ever sees strictly increasing values in 0–1. */
export function monotonic(onProgress?: (fraction: number) => void): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    const v = Math.min(1, Math.max(0, fraction));
    if (onProgress && v > last) {
      last = v;
      onProgress(v);
    }
  };
}

/**
 * Parse ffmpeg `-progress pipe:1` lines into a fraction of `duration` seconds.
 * (`out_time_ms` is, despite its name, microseconds too.)
 */
export function progressParser(duration: number, report: (fraction: number) => void): (line: string) => void {
  return (line) => {
    const l = line.trim();
    const m = /^(?:out_time_us|out_time_ms)=(\d+)$/.exec(l);
    if (m) report(Number(m[1]) / 1e6 / duration);
    else if (l === "progress=end") report(1);
  };
}

/** ffmpeg expression: eased 0→1 over `seconds`, so pans start and stop gently. */
const ease = (seconds: number) => `st(0,clip(t/${seconds.toFixed(3)},0,1));ld(0)*ld(0)*(3-2*ld(0))`;

/** crop that pans from one random edge of the oversized still to the opposite one. */
function panFilter(rand: () => number, w: number, h: number, seconds: number): string {
  const x0 = rand() < 0.5 ? 0 : 1;
  const y0 = rand();
  const lerp = (a: number, b: number) => `(${a.toFixed(3)}+${(b - a).toFixed(3)}*(${ease(seconds)}))`;
  return `crop=w=${w}:h=${h}:x='(iw-ow)*${lerp(x0, 1 - x0)}':y='(ih-oh)*${lerp(y0, 1 - y0)}':exact=1`;
}

/**
 * A Ken-Burns style preview clip: two seeded stills (same prompt, adjacent seeds) pan slowly
 * and crossfade under a static caption, fading to black at the end (not from black at the
 * start: frame 0 is the poster/thumbnail). The stills are converted to yuv420p and decoded
 * once, then repeated by the `loop` filter, so per-frame work is a crop, a blend and x264.
 * `exact=1` lets the crop move by single pixels even on subsampled chroma.
 */
export async function renderVideo(opts: RenderVideoOptions): Promise<void> {
  const { prompt, width: w, height: h, duration, fps, pace, seed, style, outFile, signal, onProgress } = opts;
  assertVideoSize(w, h);
  if (!Number.isFinite(duration) || duration < 0.2 || duration > 300) throw new RangeError(`duration must be within 0.2–300 s, got ${duration}`);
  if (!Number.isFinite(fps) || fps < 5 || fps > 60) throw new RangeError(`fps must be within 5–60, got ${fps}`);
  throwIfAborted(signal, "video");

  const frames = Math.max(1, Math.round(duration * fps));
  const crossfade = duration >= 3; // short clips look better as a single pan
  const bigW = even(w * OVERSCAN),
    bigH = even(h * OVERSCAN);
  const tmp = await mkdtemp(path.join(tmpdir(), "doitong-video-"));
  const partial = partialPath(outFile);
  try {
    const [a, b, caption] = await Promise.all([
      renderImage({ prompt, width: bigW, height: bigH, seed, style, format: "png", caption: false }),
      crossfade ? renderImage({ prompt, width: bigW, height: bigH, seed: seed + 1, style, format: "png", caption: false }) : null,
      renderCaptionOverlay({ text: prompt, width: w, height: h }),
    ]);
    throwIfAborted(signal, "video"); // sharp cannot be interrupted; check once it is done
    const files = { a: path.join(tmp, "a.png"), b: path.join(tmp, "b.png"), caption: path.join(tmp, "caption.png") };
    await Promise.all([writeFile(files.a, a), b && writeFile(files.b, b), writeFile(files.caption, caption)]);

    const rand = seededRandom(artSeed(seed, prompt, style) ^ 0x5eed);
    const r = String(fps);
    const still = (i: number) => `[${i}:v]format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/(${r}*TB)`;
    const fade = Math.min(0.5, duration / 6);
    const graph: string[] = [];
    if (crossfade) {
      const xd = Math.min(1, duration / 4),
        offset = duration / 2 - xd / 2;
      graph.push(`${still(0)},${panFilter(rand, w, h, offset + xd)}[a]`);
      graph.push(`${still(1)},${panFilter(rand, w, h, duration - offset)}[b]`);
      graph.push(`[a][b]xfade=transition=fade:duration=${xd.toFixed(3)}:offset=${offset.toFixed(3)}[bg]`);
    } else {
      graph.push(`${still(0)},${panFilter(rand, w, h, duration)}[bg]`);
    }
    const capIdx = crossfade ? 2 : 1;
    graph.push(
      `[bg][${capIdx}:v]overlay=0:0:eof_action=repeat:format=yuv420,` +
        `fade=t=out:st=${(frames / fps - fade).toFixed(3)}:d=${fade.toFixed(3)},format=yuv420p${pace ? `,realtime=speed=${pace}` : ""}[v]`,
    );

    const inputs = [files.a, ...(crossfade ? [files.b] : []), files.caption].flatMap((f) => ["-framerate", r, "-i", f]);
    const args = [
      "-nostdin",
      "-hide_banner",
      "-v",
      "error",
      "-y",
      "-progress",
      "pipe:1",
      "-nostats",
      "-stats_period",
      "0.25",
      ...inputs,
      "-filter_complex",
      graph.join(";"),
      "-map",
      "[v]",
      "-an",
      "-frames:v",
      String(frames),
      "-r",
      r,
      "-c:v",
      "libx264",
      "-preset",
      X264_PRESET,
      "-crf",
      "23",
      "-pix_fmt",
      "yuv420p",
      "-movflags",
      "+faststart",
      "-map_metadata",
      "-1",
      "-f",
      "mp4",
      partial,
    ];
    const report = monotonic(onProgress);
    report(0);
    await runProcess("ffmpeg", args, {
      signal,
      timeoutMs: 600_000,
      onStdoutLine: progressParser(frames / fps, report),
    });
    await rename(partial, outFile);
    report(1); // ignored if ffmpeg's "progress=end" already reported it
  } finally {
    await rm(partial, { force: true });
    await rm(tmp, { recursive: true, force: true });
  }
}
