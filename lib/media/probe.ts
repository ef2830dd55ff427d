import sharp from "sharp";
import { readFileHead } from "./file-head";
import { MP3_HEAD_BYTES, mp3DurationFromHead } from "./mp3-info";
import { type Mp4Info, readMp4Info } from "./mp4-info";
import { runProcess } from "./run-process";

export interface MediaInfo {
  /** "png" | "jpeg" | "webp" | "gif" | "mp4" | "mov" | "m4a" | "mp3" | "wav" | "webm" | ... */
  format: string;
  mimeType: string;
  /** Bytes on disk. */
  size: number;
  width?: number;
  height?: number;
  /** Seconds, rounded to 3 decimals. */
  duration?: number;
  hasAudio?: boolean;
  videoCodec?: string;
  audioCodec?: string;
}

const MIME: Record<string, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  avif: "image/avif",
  tiff: "image/tiff",
  mp4: "video/mp4",
  mov: "video/quicktime",
  m4a: "audio/mp4",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  webm: "video/webm",
  mkv: "video/x-matroska",
  ogg: "audio/ogg",
  flac: "audio/flac",
  aac: "audio/aac",
};

/** ISO BMFF (MP4, MOV, M4A) starts with one of these boxes. */
const ISO_BOXES = new Set(["ftyp", "moov", "mdat", "free", "skip", "wide"]);

/** Sniff still-image formats by magic bytes so sharp only sees files it can decode. */
function sniffImage(head: Buffer): string | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head.toString("latin1", 0, 4) === "GIF8") return "gif";
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (head.toString("latin1", 4, 8) === "ftyp" && /^avi[fs]$/.test(head.toString("latin1", 8, 12))) return "avif";
  return null;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  disposition?: { attached_pic?: number };
}
interface FfprobeOutput {
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
  streams?: FfprobeStream[];
}

/** ffprobe reports demuxer names ("mov,mp4,m4a,3gp,3g2,mj2"); turn them into one concrete format. */
function containerFormat(out: FfprobeOutput, hasVideo: boolean): string {
  const name = out.format?.format_name ?? "unknown";
  if (name.includes("mp4") || name.includes("mov")) {
    const brand = (out.format?.tags?.major_brand ?? "").trim().toLowerCase();
    if (brand === "qt") return "mov";
    return hasVideo ? "mp4" : "m4a";
  }
  if (name.includes("webm")) return "webm";
  if (name.includes("matroska")) return "mkv";
  return name.split(",")[0];
}

async function ffprobe(file: string): Promise<FfprobeOutput> {
  const { stdout } = await runProcess("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], { timeoutMs: 30_000 });
  return JSON.parse(stdout) as FfprobeOutput;
}

/** An MP4 read from its boxes, in ffprobe's words, so both take the same path below. */
function asFfprobe(mp4: Mp4Info): FfprobeOutput {
  const streams: FfprobeStream[] = [];
  if (mp4.video) streams.push({ codec_type: "video", codec_name: mp4.video.codec, width: mp4.video.width, height: mp4.video.height });
  if (mp4.audio) streams.push({ codec_type: "audio", codec_name: mp4.audio.codec });
  return {
    format: { format_name: "mov,mp4,m4a,3gp,3g2,mj2", duration: mp4.duration?.toFixed(6), tags: mp4.majorBrand ? { major_brand: mp4.majorBrand } : {} },
    streams,
  };
}

/** What ffprobe would say of an MP4 or MP3 that the readers above fully understand; undefined otherwise. */
async function fromHeaders(file: string, head: Buffer, size: number): Promise<FfprobeOutput | undefined> {
  if (ISO_BOXES.has(head.toString("latin1", 4, 8))) {
    const mp4 = await readMp4Info(file);
    return mp4 && asFfprobe(mp4);
  }
  const mpegSync = head[0] === 0xff && (head[1] & 0xe0) === 0xe0;
  if (head.toString("latin1", 0, 3) === "ID3" || mpegSync) {
    const seconds = mp3DurationFromHead(head, size);
    if (seconds === undefined) return undefined;
    return { format: { format_name: "mp3", duration: seconds.toFixed(6) }, streams: [{ codec_type: "audio", codec_name: "mp3" }] };
  }
  return undefined;
}

/**
 * Measure a media file. Every value is read from the file itself (sharp for stills, the boxes of an MP4/MOV/M4A, the
 * Xing/Info header of an MP3, ffprobe for other audio/video and for files those readers do not fully understand) so
 * what we store and bill for is what was actually produced.
 */
export async function probeMedia(file: string): Promise<MediaInfo> {
  // Enough of the start for the image sniffer, the MP4 box check and an MP3's Xing/Info header.
  const { head, size } = await readFileHead(file, MP3_HEAD_BYTES);
  const imageFormat = sniffImage(head);

  if (imageFormat) {
    const meta = await sharp(file).metadata();
    // autoOrient gives the displayed size (EXIF rotation applied), which is what users see.
    const { width, height } = meta.autoOrient ?? meta;
    return { format: imageFormat, mimeType: MIME[imageFormat], size, width, height };
  }

  const out = (await fromHeaders(file, head, size)) ?? (await ffprobe(file));
  const streams = out.streams ?? [];
  // MP3 cover art shows up as a one-frame video stream; it does not make the file a video.
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === "audio");
  const format = containerFormat(out, Boolean(video));
  const seconds = Number.parseFloat(out.format?.duration ?? "");

  const info: MediaInfo = {
    format,
    mimeType: MIME[format] ?? "application/octet-stream",
    size,
    hasAudio: Boolean(audio),
  };
  if (format === "webm" && !video) info.mimeType = "audio/webm";
  if (video?.width && video.height) {
    info.width = video.width;
    info.height = video.height;
  }
  if (Number.isFinite(seconds)) info.duration = Math.round(seconds * 1000) / 1000;
  if (video?.codec_name) info.videoCodec = video.codec_name;
  if (audio?.codec_name) info.audioCodec = audio.codec_name;
  return info;
}
