import { open } from "node:fs/promises";

/** What probeMedia needs from an MP4/MOV, read from its boxes exactly as ffprobe reports it. */
export interface Mp4Info {
  /** ftyp's major brand, trimmed ("isom", "qt"); "" without an ftyp box. */
  majorBrand: string;
  /** mvhd duration ÷ timescale, to the microsecond (what ffprobe prints as format.duration). */
  duration?: number;
  video?: { codec: string; width: number; height: number };
  audio?: { codec: string };
}

// The whole moov is read into memory; a faststart preview's is a few kB. Larger ones go to ffprobe.
const MAX_MOOV_BYTES = 8 * 1024 * 1024;
const MAX_TOP_BOXES = 64;

/** Sample-entry fourcc → ffprobe's codec_name. mp4a is looked at more closely (its esds says AAC or MP3). */
const VIDEO_CODECS: Record<string, string> = { avc1: "h264", avc3: "h264", hvc1: "hevc", hev1: "hevc", vp09: "vp9", av01: "av1" };
const AUDIO_CODECS: Record<string, string> = { Opus: "opus", fLaC: "flac", "ac-3": "ac3", "ec-3": "eac3", alac: "alac" };
// esds objectTypeIndication: MPEG-4 AAC and the three MPEG-2 AAC profiles.
const AAC_OBJECT_TYPES = new Set([0x40, 0x66, 0x67, 0x68]);

interface Box {
  type: string;
  /** Offsets of the payload within the buffer. */
  start: number;
  end: number;
}

/** The child boxes of buf[start, end); undefined if a size does not fit (a damaged file: ffprobe decides). */
function children(buf: Buffer, start: number, end: number): Box[] | undefined {
  const boxes: Box[] = [];
  for (let at = start; at < end;) {
    if (at + 8 > end) return undefined;
    let size = buf.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return undefined;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return undefined;
    boxes.push({ type: buf.toString("latin1", at + 4, at + 8), start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

const child = (buf: Buffer, box: Box | undefined, type: string) => (box ? children(buf, box.start, box.end)?.find((b) => b.type === type) : undefined);

/** The first sample entry of a track's stsd (fourcc and where its payload is), or undefined. */
function sampleEntry(buf: Buffer, trak: Box): Box | undefined {
  const stsd = child(buf, child(buf, child(buf, child(buf, trak, "mdia"), "minf"), "stbl"), "stsd");
  if (!stsd || stsd.end - stsd.start < 8 || buf.readUInt32BE(stsd.start + 4) < 1) return undefined;
  return children(buf, stsd.start + 8, stsd.end)?.[0];
}

/** objectTypeIndication from an mp4a entry's esds (ES_Descriptor → DecoderConfigDescriptor), or undefined. */
function mp4aObjectType(buf: Buffer, entry: Box, quicktimeVersion: number): number | undefined {
  // AudioSampleEntry: 28 bytes; QuickTime sound description v1 adds 16, v2 adds 36.
  const skip = 28 + (quicktimeVersion === 1 ? 16 : quicktimeVersion === 2 ? 36 : 0);
  const boxes = children(buf, entry.start + skip, entry.end);
  const wave = boxes?.find((b) => b.type === "wave");
  const esds = boxes?.find((b) => b.type === "esds") ?? (wave ? child(buf, wave, "esds") : undefined);
  if (!esds) return undefined;
  let at = esds.start + 4; // version and flags
  const descriptor = (tag: number): boolean => {
    if (at >= esds.end || buf[at] !== tag) return false;
    at += 1;
    for (let i = 0; i < 4 && at < esds.end; i++) if (!(buf[at++] & 0x80)) break; // size: up to 4 bytes, 7 bits each
    return true;
  };
  if (!descriptor(0x03)) return undefined;
  const flags = buf[at + 2]; // after the 2-byte ES_ID; each flag adds a field, in this order
  at += 3;
  if (flags & 0x80) at += 2; // dependsOn_ES_ID
  if (flags & 0x40) at += 1 + (buf[at] ?? 0); // URL
  if (flags & 0x20) at += 2; // OCR_ES_ID
  if (!descriptor(0x04) || at >= esds.end) return undefined;
  return buf[at];
}

/**
 * Read an MP4/MOV's duration, first video and audio track from its boxes, without starting ffprobe (~0.15 CPU-s a
 * run, almost all of it the dynamic loader). Answers undefined for anything it does not fully understand —
 * fragmented files, a moov past 8 MB, an unknown codec, a damaged box — so the caller asks ffprobe instead.
 */
export async function readMp4Info(file: string): Promise<Mp4Info | undefined> {
  const fh = await open(file, "r");
  try {
    const { size: fileSize } = await fh.stat();
    const head = Buffer.alloc(16);
    let majorBrand = "";
    let moov: Buffer | undefined;
    let at = 0;
    for (let n = 0; at < fileSize; n++) {
      if (n === MAX_TOP_BOXES) return undefined; // not a file any muxer writes
      const { bytesRead } = await fh.read(head, 0, 16, at);
      if (bytesRead < 8) return undefined;
      let size = head.readUInt32BE(0);
      let header = 8;
      if (size === 1) {
        if (bytesRead < 16) return undefined;
        size = Number(head.readBigUInt64BE(8));
        header = 16;
      } else if (size === 0) size = fileSize - at;
      const type = head.toString("latin1", 4, 8);
      if (size < header || at + size > fileSize) return undefined;
      if (type === "moof" || type === "mvex") return undefined; // fragmented: durations live elsewhere
      if (type === "ftyp" && !majorBrand && size >= header + 4) {
        const brand = Buffer.alloc(4);
        await fh.read(brand, 0, 4, at + header);
        majorBrand = brand.toString("latin1").trim();
      }
      if (type === "moov") {
        if (size > MAX_MOOV_BYTES) return undefined;
        moov = Buffer.alloc(size - header);
        const { bytesRead: got } = await fh.read(moov, 0, moov.length, at + header);
        if (got < moov.length) return undefined;
        if (majorBrand) break; // ftyp comes first when there is one
      }
      at += size;
    }
    return moov ? fromMoov(moov, majorBrand) : undefined;
  } finally {
    await fh.close();
  }
}

function fromMoov(buf: Buffer, majorBrand: string): Mp4Info | undefined {
  const boxes = children(buf, 0, buf.length);
  if (!boxes || boxes.some((b) => b.type === "mvex")) return undefined;
  const info: Mp4Info = { majorBrand };
  const mvhd = boxes.find((b) => b.type === "mvhd");
  if (mvhd) {
    const v1 = buf[mvhd.start] === 1;
    if (mvhd.end - mvhd.start < (v1 ? 32 : 20)) return undefined;
    const timescale = buf.readUInt32BE(mvhd.start + (v1 ? 20 : 12));
    const units = v1 ? Number(buf.readBigUInt64BE(mvhd.start + 24)) : buf.readUInt32BE(mvhd.start + 16);
    // ffmpeg: av_rescale(duration, 1e6, timescale), rounded to the nearest microsecond.
    if (timescale > 0 && units > 0) info.duration = Math.round((units * 1e6) / timescale) / 1e6;
  }
  for (const trak of boxes.filter((b) => b.type === "trak")) {
    const hdlr = child(buf, child(buf, trak, "mdia"), "hdlr");
    const handler = hdlr ? buf.toString("latin1", hdlr.start + 8, hdlr.start + 12) : "";
    if (handler !== "vide" && handler !== "soun") continue;
    if ((handler === "vide" && info.video) || (handler === "soun" && info.audio)) continue;
    const entry = sampleEntry(buf, trak);
    if (!entry) return undefined;
    if (handler === "vide") {
      const codec = VIDEO_CODECS[entry.type];
      if (!codec || entry.end - entry.start < 28) return undefined;
      info.video = { codec, width: buf.readUInt16BE(entry.start + 24), height: buf.readUInt16BE(entry.start + 26) };
    } else {
      let codec = AUDIO_CODECS[entry.type];
      if (entry.type === "mp4a" && entry.end - entry.start >= 28) {
        const objectType = mp4aObjectType(buf, entry, buf.readUInt16BE(entry.start + 8));
        codec = objectType !== undefined && AAC_OBJECT_TYPES.has(objectType) ? "aac" : "";
      }
      if (!codec) return undefined;
      info.audio = { codec };
    }
  }
  return info;
}
