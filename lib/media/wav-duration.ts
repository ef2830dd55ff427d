import { readFileHead } from "./file-head";

/** Bytes read from the start of the file: the RIFF header with its `fmt ` chunk and the `data` chunk's header. */
const HEAD_BYTES = 4096;

/**
 * Seconds of PCM audio in a RIFF/WAVE file, from its header alone (data bytes ÷ bytes per second), or undefined
 * when the file is not a WAV whose header says so. espeak-ng writes such a header; reading it saves an ffprobe
 * (~0.15 CPU-s, almost all of it the dynamic loader) for each talking-head clip.
 */
export async function wavDuration(file: string): Promise<number | undefined> {
  const { head, size } = await readFileHead(file, HEAD_BYTES);
  return wavDurationFromHeader(head, size);
}

/** `head`: the file's first bytes; `fileSize`: its whole length (a data size past the end is cut to what is there). */
export function wavDurationFromHeader(head: Buffer, fileSize: number): number | undefined {
  if (head.length < 12 || head.toString("latin1", 0, 4) !== "RIFF" || head.toString("latin1", 8, 12) !== "WAVE") return undefined;
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= head.length;) {
    const id = head.toString("latin1", at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === "fmt " && at + 20 <= head.length) byteRate = head.readUInt32LE(at + 16);
    if (id === "data") {
      if (!byteRate) return undefined;
      const bytes = Math.min(size, fileSize - (at + 8));
      return Math.round((bytes / byteRate) * 1000) / 1000;
    }
    at += 8 + size + (size % 2); // chunks are padded to an even length
  }
  return undefined;
}
