import fs from "node:fs";
import path from "node:path";
import { env } from "../../env";
import { AppError } from "../../errors";
import { logger } from "../../log";
import { dimensions } from "../catalog/shared-options";
import { loadInlineOrOwnInput } from "../http/load-input";
import type { GenerationJob, ProviderAdapter, RunContext } from "../types";
import { renderAvatar } from "./render-avatar";
import { renderImage } from "./render-image";
import { renderSpeech } from "./render-speech";
import { renderVideo } from "./render-video";

/**
 * The local preview provider: turns a validated job into a real file in the work directory. Rendering errors
 * become GENERATION_FAILED with a plain reason; an abort (cancel) propagates as AbortError.
 */
export const localAdapter: ProviderAdapter = {
  id: "local",
  defaultBaseUrl: "local:",
  async submit(job, ctx) {
    try {
      return { kind: "done", value: { file: await render(job, ctx) } };
    } catch (error) {
      // An abort (cancel), or an input refused with its reason (a portrait that is not PNG, JPEG or WebP).
      if ((error as Error).name === "AbortError" || error instanceof AppError) throw error;
      logger("local").error({ err: error, generationId: job.generationId, type: job.type }, "the local preview failed to render");
      throw new AppError("GENERATION_FAILED", `The local preview could not render this ${job.type.toLowerCase()}`);
    }
  },
};

async function render(job: GenerationJob, ctx: RunContext): Promise<string> {
  const o = job.options;
  const seed = Number(o.seed ?? 0);
  // The plan resolved input.voice (or a portable name) into the applied voice.
  const voice = String(o.voice ?? job.input.voice ?? "en-us");
  const progress = (fraction: number) => ctx.onProgress(fraction * 100);
  switch (job.type) {
    case "IMAGE": {
      const format = o.format === "jpeg" ? "jpeg" : "png";
      const size = dimensions(String(o.resolution), String(o.aspectRatio));
      const bytes = await renderImage({ prompt: job.text, ...size, seed, format, style: optional(o.style) });
      const file = path.join(ctx.workDir, `image.${format === "jpeg" ? "jpg" : "png"}`);
      await fs.promises.writeFile(file, bytes);
      return file;
    }
    case "AUDIO": {
      const format = o.format === "wav" ? "wav" : "mp3";
      const file = path.join(ctx.workDir, `speech.${format}`);
      await renderSpeech({ text: job.text, voice, speed: Number(o.speed ?? 1), format, outFile: file, signal: ctx.signal });
      return file;
    }
    case "VIDEO": {
      const file = path.join(ctx.workDir, "video.mp4");
      const size = dimensions(String(o.resolution), String(o.aspectRatio));
      await renderVideo({
        prompt: job.text,
        ...size,
        duration: Number(o.duration),
        fps: Number(o.fps ?? 24),
        seed,
        pace: env().DOITONG_LOCAL_RENDER_PACE || undefined,
        style: optional(o.style),
        outFile: file,
        signal: ctx.signal,
        onProgress: progress,
      });
      return file;
    }
    case "AVATAR": {
      const file = path.join(ctx.workDir, "avatar.mp4");
      const size = dimensions(String(o.resolution), String(o.aspectRatio));
      await renderAvatar({
        text: job.text,
        voice,
        speed: Number(o.speed ?? 1),
        ...size,
        seed,
        face: optional(o.avatarId),
        image: await portrait(job.input.image),
        outFile: file,
        signal: ctx.signal,
        onProgress: progress,
      });
      return file;
    }
  }
}

/** A text option (validated against the option list before it gets here). */
const optional = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * The portrait for an avatar, when given inline as a data: URI or as an upload (remote URLs are fetched by vendor
 * adapters; the preview fetches nothing): PNG, JPEG or WebP, sniffed from the bytes.
 */
async function portrait(uri: string | undefined): Promise<Buffer | undefined> {
  return uri ? (await loadInlineOrOwnInput(uri, "image", "input.image"))?.bytes : undefined;
}
