import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderImage } from "../local/render-image";
import { renderSpeech } from "../local/render-speech";
import { renderVideo } from "../local/render-video";
import { renderAvatar } from "../local/render-avatar";

export interface PreviewRequest {
  kind: "image" | "video" | "audio" | "avatar";
  prompt: string;
  width?: number;
  height?: number;
  seconds?: number;
  format?: "png" | "jpeg" | "mp3" | "wav";
  seed?: number;
}

export interface PreviewFile {
  bytes: Buffer;
  contentType: string;
}

const even = (n: number) => Math.max(16, Math.round(n / 2) * 2);

/**
 * The last previews made, by everything that decides their bytes. The renderers are deterministic (seeded art,
 * x264 and LAME give the same bytes for the same input), and fakes ask for the same preview again and again: the
 * same prompt for each case of a test file, the same clip for each retry. In a run of tests/providers this made
 * 86 clips instead of 103 and 40 speeches instead of 48. A failed render is forgotten, so the next ask tries again.
 */
const recent = new Map<string, Promise<PreviewFile>>();
const KEEP_RECENT = 32; // at most a few MB: clips of a few hundred kB

/** Real media for a fake vendor to hand back: the local provider's renderers, at the size the vendor would make. */
export function renderPreview(request: PreviewRequest): Promise<PreviewFile> {
  const width = even(request.width ?? 640);
  const height = even(request.height ?? 360);
  const seed = request.seed ?? 1;
  const prompt = request.prompt.replace(/\[sandbox:[a-z_]+\]/g, "").trim() || "sandbox";
  const wanted: Wanted = { kind: request.kind, prompt, width, height, seed, seconds: request.seconds ?? 5, format: request.format };
  const key = JSON.stringify(wanted);
  const made = recent.get(key);
  recent.delete(key); // (re)inserted below as the newest
  const file = made ?? render(wanted);
  if (!made) file.catch(() => recent.get(key) === file && recent.delete(key));
  recent.set(key, file);
  if (recent.size > KEEP_RECENT) recent.delete(recent.keys().next().value as string);
  return file;
}

interface Wanted {
  kind: PreviewRequest["kind"];
  prompt: string;
  width: number;
  height: number;
  seed: number;
  seconds: number;
  format: PreviewRequest["format"];
}

async function render({ kind, prompt, width, height, seed, seconds, format: asked }: Wanted): Promise<PreviewFile> {
  if (kind === "image") {
    const format = asked === "jpeg" ? "jpeg" : "png";
    return { bytes: await renderImage({ prompt, width, height, seed, format }), contentType: `image/${format}` };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "doitong-fake-"));
  try {
    if (kind === "audio") {
      const format = asked === "wav" ? "wav" : "mp3";
      const outFile = path.join(dir, `speech.${format}`);
      await renderSpeech({ text: prompt, voice: "en-us", speed: 1, format, outFile });
      return { bytes: await readFile(outFile), contentType: format === "wav" ? "audio/wav" : "audio/mpeg" };
    }
    const outFile = path.join(dir, "video.mp4");
    if (kind === "avatar") {
      await renderAvatar({ text: prompt, voice: "en-us", speed: 1, width, height, seed, outFile });
    } else {
      await renderVideo({ prompt, width, height, duration: seconds, fps: 24, seed, outFile });
    }
    return { bytes: await readFile(outFile), contentType: "video/mp4" };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
