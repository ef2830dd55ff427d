import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp, { type OverlayOptions, type Sharp } from "sharp";
import { probeMedia } from "@/lib/media/probe";
import { runProcess, throwIfAborted } from "@/lib/media/run-process";
import { wavDuration } from "@/lib/media/wav-duration";
import { artSeed, captionTop, hsl, paletteFor, renderCaptionOverlay, seededRandom, svgDoc } from "./render-image";
import { partialPath, renderSpeech } from "./render-speech";
import { X264_PRESET, assertVideoSize, monotonic, progressParser } from "./render-video";

export interface RenderAvatarOptions {
  text: string;
  voice: string;
  speed: number;
  /** Even, 16..4096. */
  width: number;
  height: number;
  seed: number;
  /** A stock face id: the same id draws the same face whatever the text (default: a face from seed and text). */
  face?: string;
  /** Optional portrait; cropped to cover the frame. Otherwise a stylised face is drawn. */
  image?: Buffer;
  outFile: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const FPS = 25;
const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const SKIN = ["#ffdbac", "#f1c27d", "#e0ac69", "#c68642", "#8d5524"] as const;
const HAIR = ["#1b120c", "#3b2414", "#6a3d1f", "#a0522d", "#d8b26e", "#6b6b6b"] as const;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Flat cartoon bust; returns the SVG and the mouth box, where the speaking waveform goes. The caption is composited later so both portrait sources share it. */
function faceSvg(w: number, h: number, rand: () => number): { svg: string; mouth: Box } {
  const p = paletteFor(rand);
  const skin = pick(rand, SKIN),
    hair = pick(rand, HAIR);
  const r = Math.min(w, h) * 0.2,
    cx = w / 2,
    cy = h * 0.4;
  const n = (v: number) => v.toFixed(1);
  const mouth = { x: Math.round(cx - r * 0.3), y: Math.round(cy + r * 0.42), w: even(r * 0.6), h: even(r * 0.22) };
  const parts = [
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(p.hue, p.sat, 70)}"/>` +
      `<stop offset="1" stop-color="${hsl(p.hue + 40, p.sat, 35)}"/></linearGradient></defs>`,
    `<rect width="${w}" height="${h}" fill="url(#bg)"/>`,
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 1.6)}" fill="#fff" fill-opacity="0.15"/>`,
    // shoulders and neck
    `<ellipse cx="${n(cx)}" cy="${n(cy + r * 2.4)}" rx="${n(r * 1.8)}" ry="${n(r * 1.2)}" fill="${hsl(p.hue + 180, p.sat, 40)}"/>`,
    `<rect x="${n(cx - r * 0.32)}" y="${n(cy + r * 0.6)}" width="${n(r * 0.64)}" height="${n(r * 0.75)}" fill="${skin}"/>`,
    `<rect x="${n(cx - r * 0.32)}" y="${n(cy + r * 0.6)}" width="${n(r * 0.64)}" height="${n(r * 0.75)}" fill="#000" fill-opacity="0.12"/>`,
    // ears, head, hair
    `<ellipse cx="${n(cx - r * 0.85)}" cy="${n(cy + r * 0.05)}" rx="${n(r * 0.14)}" ry="${n(r * 0.22)}" fill="${skin}"/>`,
    `<ellipse cx="${n(cx + r * 0.85)}" cy="${n(cy + r * 0.05)}" rx="${n(r * 0.14)}" ry="${n(r * 0.22)}" fill="${skin}"/>`,
    `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(r * 0.86)}" ry="${n(r)}" fill="${skin}"/>`,
    `<path d="M${n(cx - r * 0.9)} ${n(cy)} Q${n(cx - r)} ${n(cy - r * 1.3)} ${n(cx)} ${n(cy - r * 1.12)} Q${n(cx + r)} ${n(cy - r * 1.3)} ${n(cx + r * 0.9)} ${n(cy)}` +
      ` Q${n(cx + r * 0.7)} ${n(cy - r * 0.7)} ${n(cx)} ${n(cy - r * 0.68)} Q${n(cx - r * 0.7)} ${n(cy - r * 0.7)} ${n(cx - r * 0.9)} ${n(cy)} Z" fill="${hair}"/>`,
  ];
  for (const side of [-1, 1]) {
    const ex = cx + side * r * 0.33,
      ey = cy + r * 0.02;
    parts.push(
      `<ellipse cx="${n(ex)}" cy="${n(ey)}" rx="${n(r * 0.16)}" ry="${n(r * 0.11)}" fill="#fff"/>`,
      `<circle cx="${n(ex)}" cy="${n(ey)}" r="${n(r * 0.07)}" fill="#2b1d14"/>`,
      `<path d="M${n(ex - r * 0.16)} ${n(ey - r * 0.2)} Q${n(ex)} ${n(ey - r * 0.3)} ${n(ex + r * 0.16)} ${n(ey - r * 0.2)}" stroke="${hair}" stroke-width="${n(r * 0.05)}" fill="none" stroke-linecap="round"/>`,
      `<circle cx="${n(cx + side * r * 0.5)}" cy="${n(cy + r * 0.35)}" r="${n(r * 0.12)}" fill="#ff6b6b" fill-opacity="0.25"/>`,
    );
  }
  parts.push(
    `<path d="M${n(cx)} ${n(cy + r * 0.1)} Q${n(cx - r * 0.08)} ${n(cy + r * 0.28)} ${n(cx + r * 0.04)} ${n(cy + r * 0.3)}" stroke="#000" stroke-opacity="0.3" stroke-width="${n(r * 0.03)}" fill="none"/>`,
    `<rect x="${mouth.x}" y="${mouth.y}" width="${mouth.w}" height="${mouth.h}" rx="${n(mouth.h / 2)}" fill="#5a1a22"/>`,
  );
  return { svg: svgDoc(w, h, parts.join("")), mouth };
}

/**
 * Talking-head preview: espeak-ng speech, a still portrait with the text as caption, and an
 * audio waveform (showwaves) animated in sync with the voice — in the mouth of the generated
 * face, or in a band above the caption for an uploaded portrait. Video length = speech length.
 */
export async function renderAvatar(opts: RenderAvatarOptions): Promise<void> {
  const { text, voice, speed, width: w, height: h, seed, face: faceId, image, outFile, signal, onProgress } = opts;
  assertVideoSize(w, h);
  throwIfAborted(signal, "avatar");
  const tmp = await mkdtemp(path.join(tmpdir(), "doitong-avatar-"));
  const partial = partialPath(outFile);
  try {
    const wav = path.join(tmp, "speech.wav");
    const [caption] = await Promise.all([renderCaptionOverlay({ text, width: w, height: h }), renderSpeech({ text, voice, speed, format: "wav", outFile: wav, signal })]);
    const duration = (await wavDuration(wav)) ?? (await probeMedia(wav)).duration ?? 0;
    if (!(duration > 0)) throw new Error("speech synthesis produced no audio");

    // Where the waveform goes: the mouth of a generated face, or a band above the caption.
    let wave: Box;
    let base: Sharp;
    const overlays: OverlayOptions[] = [{ input: caption }];
    if (image) {
      base = sharp(image).autoOrient().resize(w, h, { fit: "cover", position: "attention" });
      const bandH = even(Math.min(h * 0.12, 160)),
        margin = Math.round(Math.min(w, h) * 0.05);
      wave = { x: margin, y: Math.max(0, Math.round(captionTop(text, w, h) - bandH - margin / 2)), w: even(w - 2 * margin), h: bandH };
      const band = svgDoc(w, h, `<rect x="${wave.x}" y="${wave.y}" width="${wave.w}" height="${wave.h}" rx="${Math.round(bandH / 4)}" fill="#000" fill-opacity="0.4"/>`);
      overlays.unshift({ input: Buffer.from(band) });
    } else {
      const face = faceSvg(w, h, seededRandom(faceId ? artSeed(0, faceId, "face") : artSeed(seed, text, "avatar")));
      base = sharp(Buffer.from(face.svg));
      wave = face.mouth;
    }
    const frame = path.join(tmp, "frame.png");
    await writeFile(frame, await base.composite(overlays).removeAlpha().png({ compressionLevel: 1 }).toBuffer());
    throwIfAborted(signal, "avatar");

    const graph =
      `[0:v]format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/(${FPS}*TB)[bg];` +
      `[1:a]aformat=channel_layouts=mono,showwaves=s=${wave.w}x${wave.h}:mode=cline:rate=${FPS}:scale=sqrt:colors=white@0.9[wv];` +
      `[bg][wv]overlay=${wave.x}:${wave.y}:format=yuv420:eof_action=pass[v]`;
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
      "-framerate",
      String(FPS),
      "-i",
      frame,
      "-i",
      wav,
      "-filter_complex",
      graph,
      "-map",
      "[v]",
      "-map",
      "1:a",
      "-c:v",
      "libx264",
      "-preset",
      X264_PRESET,
      "-crf",
      "23",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-b:a",
      "96k",
      "-ar",
      "44100",
      // the looped still is endless: stop at the speech's end
      "-t",
      duration.toFixed(3),
      "-shortest",
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
    await runProcess("ffmpeg", args, { signal, timeoutMs: 600_000, onStdoutLine: progressParser(duration, report) });
    await rename(partial, outFile);
    report(1);
  } finally {
    await rm(partial, { force: true });
    await rm(tmp, { recursive: true, force: true });
  }
}
