import { googleCheck } from "../google/errors";
import { vertexClient, vertexModel } from "../google/vertex";
import type { VendorClient } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const GEMINI_API = "https://generativelanguage.googleapis.com/v1beta";
const VENDOR = { provider: "imagen", vendorName: "Google Gemini Image" } as const;

/**
 * Google's image models answer `generateContent` on both of Google's APIs: the Gemini API with an API key
 * (GEMINI_API_KEY), or Vertex AI with OAuth (GOOGLE_VERTEX_PROJECT plus a token or a service-account key).
 * A server with a Vertex project uses Vertex, as Imagen did; IMAGEN_BACKEND=gemini|vertex overrides. The sandbox
 * has no settings, so test jobs use the Gemini API's shape.
 */
export type ImageBackend = "gemini" | "vertex";

export function imageBackend(vendor: VendorContext): ImageBackend {
  const forced = vendor.setting("IMAGEN_BACKEND");
  if (forced === "gemini" || forced === "vertex") return forced;
  return vendor.setting("GOOGLE_VERTEX_PROJECT") ? "vertex" : "gemini";
}

/** Where `:generateContent` is and who signs the call, for this server's backend. */
export function imageEndpoint(vendor: VendorContext, model: string, signal: AbortSignal): { client: VendorClient; path: string } {
  if (imageBackend(vendor) === "gemini") {
    const client: VendorClient = {
      ...VENDOR,
      vendor,
      headers: () => ({ "x-goog-api-key": vendor.credential("GEMINI_API_KEY") }),
      check: googleCheck(VENDOR.provider, VENDOR.vendorName),
    };
    return { client, path: `/models/${model}:generateContent` };
  }
  // Gemini 3 image models are served from Vertex AI's global endpoint; GOOGLE_VERTEX_IMAGE_LOCATION picks a region.
  const project = vendor.setting("GOOGLE_VERTEX_PROJECT") ?? vendor.credential("GOOGLE_VERTEX_PROJECT");
  const target = vertexModel(vendor, GEMINI_API, project, model, vendor.setting("GOOGLE_VERTEX_IMAGE_LOCATION") ?? "global");
  return { client: vertexClient(vendor, VENDOR.provider, VENDOR.vendorName, signal), path: `${target.url}:generateContent` };
}

export { VENDOR as IMAGE_VENDOR };
