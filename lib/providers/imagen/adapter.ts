import { writeResult } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { IMAGEN_API, imagenClient, imagenTarget } from "./client";
import { createImagenFake } from "./fake";
import { type ImagenPrediction, imagenModel, imagenResult, toImagenRequest } from "./transform";

/** Ultra can take half a minute; the default minute is too tight for a synchronous call at peak. */
const PREDICT_TIMEOUT_MS = 120_000;

/** Synchronous: one `:predict` call answers with the image bytes. No tasks, callbacks or cancel. */
export const imagenAdapter: ProviderAdapter = {
  id: "imagen",
  defaultBaseUrl: IMAGEN_API,
  baseUrlEnv: "IMAGEN_BASE_URL",

  async submit(job, ctx) {
    const target = imagenTarget(ctx.vendor, imagenModel(job.options));
    const res = await vendorRequest(imagenClient(ctx.vendor, ctx.signal), {
      path: `${target.url}:predict`,
      json: toImagenRequest(job),
      signal: ctx.signal,
      timeoutMs: PREDICT_TIMEOUT_MS,
    });
    const result = imagenResult(res.json<{ predictions?: ImagenPrediction[] }>().predictions);
    if ("filtered" in result) {
      throw new ProviderError("GENERATION_FAILED", `Google Imagen's safety filter removed the image: ${result.filtered}`, {
        provider: "imagen",
        vendorCode: "RAI_FILTERED",
        accepted: true,
      });
    }
    return { file: await writeResult(ctx, result.mimeType === "image/jpeg" ? "imagen.jpg" : "imagen.png", result.bytes) };
  },

  createFake: createImagenFake,
};
