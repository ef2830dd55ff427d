import { googleCheck } from "../google/errors";
import type { VendorClient } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const GEMINI_API = "https://generativelanguage.googleapis.com/v1beta";

/**
 * Veo is reached through the Gemini API with an API key, unless this server names a Google Cloud project
 * (GOOGLE_VERTEX_PROJECT): then through Vertex AI with OAuth. VEO_BACKEND=gemini|vertex overrides the choice (a
 * server may need the project for Imagen and still want Veo on its Gemini key). The sandbox has no settings, so
 * test jobs always use the Gemini API's shape.
 */
export type VeoBackend = "gemini" | "vertex";

export function veoBackend(vendor: VendorContext): VeoBackend {
  const forced = vendor.setting("VEO_BACKEND");
  if (forced === "gemini" || forced === "vertex") return forced;
  return vendor.setting("GOOGLE_VERTEX_PROJECT") ? "vertex" : "gemini";
}

/** Gemini API: `x-goog-api-key` on every call, including the result download; Google's error shape. */
export function geminiClient(vendor: VendorContext): VendorClient {
  return {
    provider: "veo",
    vendorName: "Google Veo",
    vendor,
    headers: () => ({ "x-goog-api-key": vendor.credential("GEMINI_API_KEY") }),
    check: googleCheck("veo", "Google Veo"),
  };
}
