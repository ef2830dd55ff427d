import { openAsBlob } from "node:fs";
import path from "node:path";
import { probeMedia } from "../../media/probe";
import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { type LoadedInput, type LoadedInputFile, loadInput, loadInputFile } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import { scenarioOf } from "../sandbox/scenarios";
import type { GenerationJob, ProviderAdapter, RunContext } from "../types";
import { VIGGLE_API, viggleClient } from "./client";
import { createViggleFake } from "./fake";
import { type ViggleJob, viggleFast, viggleFields } from "./transform";

/**
 * Viggle API (`POST /api/render` multipart, `GET /api/render/{job_id}`, `DELETE /api/render/{job_id}` at
 * apis.viggle.ai), following Viggle's API reference at docs.viggle.ai (Create Render Job, Render Options, job
 * status flow, error codes), checked 2026-12-05; Viggle publishes no client library or fetchable OpenAPI file.
 *
 * Viggle's docs ask for a status poll every 3–5 s; it has no callbacks.
 */
const POLL_MS = 4_000;
/** A render takes a few times the clip's length; past 15 minutes plus 10 s per second of video it is stuck. */
const maxWaitMs = (seconds: number) => (15 * 60 + 10 * seconds) * 1000;
/** Container durations run a few frames over the clip's nominal length. */
const DURATION_TOLERANCE_S = 0.25;

export const viggleAdapter: ProviderAdapter = {
  id: "viggle",
  defaultBaseUrl: VIGGLE_API,
  baseUrlEnv: "VIGGLE_BASE_URL",

  async submit(job, ctx) {
    if (!job.input.image) throw new ProviderError("INVALID_INPUT", "Viggle needs input.image: the character to animate", { provider: "viggle", field: "input.image" });
    if (!job.input.video) throw new ProviderError("INVALID_INPUT", "Viggle needs input.video: the dance to copy", { provider: "viggle", field: "input.video" });
    const form = new FormData();
    for (const [name, value] of Object.entries(viggleFields(job.options))) form.append(name, value);
    await appendCharacter(form, job.input.image, ctx);
    const seconds = await appendDrivingVideo(form, job, ctx);
    // Viggle takes no prompt, where other vendors' fakes find the sandbox marker: a prompt naming one sends it in a
    // header instead (Viggle ignores it), so the fake can be steered in TEST mode and in tests against it.
    const scenario = scenarioOf(job.text);
    const headers = scenario === "ok" ? undefined : { "x-sandbox-scenario": scenario };
    const res = await vendorRequest(viggleClient(ctx.vendor), { path: "/api/render", form, headers, signal: ctx.signal, timeoutMs: 10 * 60_000 });
    return { kind: "task", task: { id: acceptedTaskId(res.json<Partial<ViggleJob>>().job_id, { provider: "viggle", vendorName: "Viggle" }), seconds } };
  },

  async follow(job, task, ctx) {
    const client = viggleClient(ctx.vendor);
    const followed = await followTask<ViggleJob>({
      provider: "viggle",
      vendorName: "Viggle",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: maxWaitMs(Number(task.seconds ?? job.options.duration ?? 60)),
      cancel: () => viggleAdapter.cancel!(task, ctx),
      async check() {
        // The status endpoint needs no key; sending it does no harm and keeps one client.
        const j = (await vendorRequest(client, { path: `/api/render/${task.id}`, signal: ctx.signal })).json<ViggleJob>();
        switch (j.status) {
          case "complete":
            return { done: true, value: j };
          case "failed":
            throw failed(j);
          case "cancelled":
            throw new ProviderError("GENERATION_FAILED", "Viggle cancelled the job", { provider: "viggle", accepted: true });
          case "queued":
          case "processing":
          case "rendering":
          case "merging":
          default:
            return { done: false, progress: j.progress_pct ?? 0 };
        }
      },
    });
    if (followed.kind === "slice") return followed;
    const done = followed.value;
    if (!done.cdn_url) throw new ProviderError("GENERATION_FAILED", "Viggle finished without a video", { provider: "viggle", accepted: true });
    return { kind: "done", value: { file: await downloadResult(done.cdn_url, { provider: "viggle", vendorName: "Viggle", ctx, name: "viggle.mp4" }) } };
  },

  /** `DELETE /api/render/{job_id}` stops a queued or running job and refunds its credits. */
  async cancel(task, ctx) {
    await vendorRequest(viggleClient(ctx.vendor), { method: "DELETE", path: `/api/render/${task.id}`, signal: ctx.signal });
  },

  createFake: createViggleFake,
};

const isDataUri = (uri: string) => /^data:/i.test(uri);
const blob = (input: LoadedInput) => new Blob([new Uint8Array(input.bytes)], { type: input.mimeType });

/** A URL is passed on (Viggle fetches it); a data: URI is uploaded as the `ref_image` file. */
async function appendCharacter(form: FormData, image: string, ctx: RunContext): Promise<void> {
  if (!isDataUri(image)) {
    form.append("ref_image_url", image);
    return;
  }
  const loaded = await loadInput(image, "image", "input.image", ctx.signal);
  form.append("ref_image", blob(loaded), `character.${loaded.mimeType.split("/")[1]}`);
}

/**
 * Viggle bills one credit per second of the driving video, so its length is measured before anything is sent:
 * a video longer than the `duration` this generation was priced for is refused. The video is uploaded when it
 * came as a data: URI or in fast mode (which Viggle only allows with an upload); otherwise its URL is passed on.
 * It is measured from a file in the work directory and uploaded from there, so a 200 MB video never sits in memory.
 */
async function appendDrivingVideo(form: FormData, job: GenerationJob, ctx: RunContext): Promise<number> {
  const uri = job.input.video as string;
  const loaded = await loadInputFile(uri, "video", "input.video", path.join(ctx.workDir, "viggle-driving-video"), ctx.signal);
  const seconds = await measureSeconds(loaded);
  const paid = Number(job.options.duration);
  if (seconds > paid + DURATION_TOLERANCE_S) {
    const needed = Math.ceil(seconds - DURATION_TOLERANCE_S);
    const message = `The driving video is ${seconds.toFixed(1)} s long, but this generation was priced for options.duration ${paid} s`;
    throw new ProviderError("INVALID_INPUT", `${message}; set duration to at least ${needed} or trim the video`, { provider: "viggle", field: "options.duration" });
  }
  if (isDataUri(uri) || viggleFast(job.options)) {
    const extension = loaded.mimeType === "video/quicktime" ? "mov" : loaded.mimeType.split("/")[1];
    form.append("driving_video", await openAsBlob(loaded.file, { type: loaded.mimeType }), `driving.${extension}`);
  } else {
    form.append("driving_video_url", uri);
  }
  return seconds;
}

async function measureSeconds(video: LoadedInputFile): Promise<number> {
  try {
    const { duration } = await probeMedia(video.file);
    if (!duration) throw new Error("no duration");
    return duration;
  } catch {
    throw new ProviderError("INVALID_INPUT", "input.video is not a video whose length can be read", { provider: "viggle", field: "input.video" });
  }
}

/** Viggle's failure codes are not documented one by one; its label and message say when moderation stopped a job. */
function failed(j: ViggleJob): ProviderError {
  const reason = j.error_message || j.error || j.error_code || "no reason given";
  const moderated = /moderat|nsfw|safety|policy/i.test(`${j.error ?? ""} ${j.error_message ?? ""}`);
  return new ProviderError("GENERATION_FAILED", moderated ? `Viggle's content moderation blocked this job: ${reason}` : `Viggle failed: ${reason}`, {
    provider: "viggle",
    vendorCode: j.error_code ?? undefined,
    accepted: true,
  });
}
