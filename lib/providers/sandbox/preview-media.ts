import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
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
  const file = made ?? renderOrReuse(key, wanted);
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

/**
 * With DOITONG_PREVIEW_CACHE_DIR, what any process on this machine rendered for the same request is read back
 * instead of rendered again: every test server and test process has its own `recent`, and a test run starts over a
 * hundred of them, asking for the same few previews ("A cat" at the vendor's size). The file is named by the hash of
 * what decides its bytes, written whole under another name and renamed, so a reader never sees half of one; two
 * processes rendering the same preview at once both write the same bytes. The folder is not cleaned: the caller
 * owns it (tests make one per run).
 */
async function renderOrReuse(key: string, wanted: Wanted): Promise<PreviewFile> {
  const dir = env().DOITONG_PREVIEW_CACHE_DIR;
  if (!dir) return render(wanted);
  const file = path.join(dir, createHash("sha256").update(key).digest("hex").slice(0, 40));
  const kept = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") logger("previews").warn({ err: error, file }, "a kept preview could not be read: rendering it again");
    return undefined;
  });
  if (kept) return { bytes: kept, contentType: contentTypeOf(wanted) };
  const made = await render(wanted);
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(partial, made.bytes);
    await rename(partial, file);
  } catch (error) {
    // The preview itself was made: only the next process's reuse is lost.
    logger("previews").warn({ err: error, file }, "a preview could not be kept for reuse");
    await rm(partial, { force: true });
  }
  return made;
}

function contentTypeOf({ kind, format }: Wanted): string {
  if (kind === "image") return format === "jpeg" ? "image/jpeg" : "image/png";
  if (kind === "audio") return format === "wav" ? "audio/wav" : "audio/mpeg";
  return "video/mp4";
}

async function render(wanted: Wanted): Promise<PreviewFile> {
  const { kind, prompt, width, height, seed, seconds, format: asked } = wanted;
  const contentType = contentTypeOf(wanted);
  if (kind === "image") {
    return { bytes: await renderImage({ prompt, width, height, seed, format: asked === "jpeg" ? "jpeg" : "png" }), contentType };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "doitong-fake-"));
  try {
    if (kind === "audio") {
      const format = asked === "wav" ? "wav" : "mp3";
      const outFile = path.join(dir, `speech.${format}`);
      await renderSpeech({ text: prompt, voice: "en-us", speed: 1, format, outFile });
      return { bytes: await readFile(outFile), contentType };
    }
    const outFile = path.join(dir, "video.mp4");
    if (kind === "avatar") {
      await renderAvatar({ text: prompt, voice: "en-us", speed: 1, width, height, seed, outFile });
    } else {
      await renderVideo({ prompt, width, height, duration: seconds, fps: 24, seed, outFile });
    }
    return { bytes: await readFile(outFile), contentType };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
