import { readFileHead } from "./file-head";

/** Bytes read from the start: an ID3v2 tag without pictures, the first frame and its Xing/Info header. */
export const MP3_HEAD_BYTES = 8192;
// MPEG version bits → sample rates by index (2.5, reserved, 2, 1).
const SAMPLE_RATES: Record<number, number[]> = { 0: [11025, 12000, 8000], 2: [22050, 24000, 16000], 3: [44100, 48000, 32000] };

/**
 * Seconds of an MP3 from its Xing/Info header (frames × samples per frame ÷ sample rate), to the microsecond, as
 * ffprobe reports it — without starting ffprobe (~0.2 CPU-s a run, almost all of it the dynamic loader). LAME and
 * ffmpeg write that header into every MP3 they save to a file (our speech, the vendor fakes'). Answers undefined
 * for anything else — no such header, a frame that is not MPEG layer III right after the ID3 tag, a header whose
 * byte count disagrees with the file (ffmpeg then estimates from the bitrate) — so the caller asks ffprobe.
 */
export async function mp3Duration(file: string): Promise<number | undefined> {
  const { head, size } = await readFileHead(file, MP3_HEAD_BYTES);
  return mp3DurationFromHead(head, size);
}

/** `head`: the file's first MP3_HEAD_BYTES bytes; `fileSize`: its whole length. */
export function mp3DurationFromHead(head: Buffer, fileSize: number): number | undefined {
  let at = 0;
  if (head.length >= 10 && head.toString("latin1", 0, 3) === "ID3") {
    // Syncsafe size (7 bits a byte), plus the 10-byte header and an optional 10-byte footer.
    at = 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]) + (head[5] & 0x10 ? 10 : 0);
  }
  if (at + 4 > head.length || head[at] !== 0xff || (head[at + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (head[at + 1] >> 3) & 3;
  const layer = (head[at + 1] >> 1) & 3;
  const sampleRate = SAMPLE_RATES[version]?.[(head[at + 2] >> 2) & 3];
  if (layer !== 1 || !sampleRate) return undefined; // layer bits 01 = layer III
  const lsf = version !== 3; // MPEG-2 and 2.5: half the samples per frame, shorter side info
  const mono = head[at + 3] >> 6 === 3;
  const tag = at + 4 + (lsf ? (mono ? 9 : 17) : mono ? 17 : 32); // after the side info
  if (tag + 16 > head.length) return undefined;
  const name = head.toString("latin1", tag, tag + 4);
  if (name !== "Xing" && name !== "Info") return undefined;
  const flags = head.readUInt32BE(tag + 4);
  if (!(flags & 1)) return undefined; // no frame count
  const frames = head.readUInt32BE(tag + 8);
  if (flags & 2) {
    // ffmpeg distrusts the frame count when the byte count is off by more than 1/16; stricter here, to be sure.
    const bytes = head.readUInt32BE(tag + 12);
    if (Math.abs(fileSize - bytes) > Math.min(fileSize, bytes) / 32) return undefined;
  }
  if (frames < 1) return undefined;
  return Math.round((frames * (lsf ? 576 : 1152) * 1e6) / sampleRate) / 1e6;
}
