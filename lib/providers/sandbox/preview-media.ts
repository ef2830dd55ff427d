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

/** Real media for a fake vendor to hand back: the local provider's renderers, at the size the vendor would make. */
export async function renderPreview(request: PreviewRequest): Promise<PreviewFile> {
  const width = even(request.width ?? 640);
  const height = even(request.height ?? 360);
  const seed = request.seed ?? 1;
  const prompt = request.prompt.replace(/\[sandbox:[a-z_]+\]/g, "").trim() || "sandbox";
  if (request.kind === "image") {
    const format = request.format === "jpeg" ? "jpeg" : "png";
    return { bytes: await renderImage({ prompt, width, height, seed, format }), contentType: `image/${format}` };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "doitong-fake-"));
  try {
    if (request.kind === "audio") {
      const format = request.format === "wav" ? "wav" : "mp3";
      const outFile = path.join(dir, `speech.${format}`);
      await renderSpeech({ text: prompt, voice: "en-us", speed: 1, format, outFile });
      return { bytes: await readFile(outFile), contentType: format === "wav" ? "audio/wav" : "audio/mpeg" };
    }
    const outFile = path.join(dir, "video.mp4");
    if (request.kind === "avatar") {
      await renderAvatar({ text: prompt, voice: "en-us", speed: 1, width, height, seed, outFile });
    } else {
      await renderVideo({ prompt, width, height, duration: request.seconds ?? 5, fps: 24, seed, outFile });
    }
    return { bytes: await readFile(outFile), contentType: "video/mp4" };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
