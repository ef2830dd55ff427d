import { DEFAULT_VERTEX_LOCATION, type VertexModel, vertexClient, vertexModel, vertexRoot } from "../google/vertex";
import type { VendorClient } from "../http/vendor-request";
import type { VendorContext } from "../types";

/**
 * Veo is served by Vertex AI only (Google's "Gemini Enterprise Agent Platform", same hosts and paths): the Gemini
 * API shut its Veo models down on 2026-10-22, and `@google/genai` 3.x offers generateVideos only in Vertex mode.
 * GOOGLE_VERTEX_LOCATION picks the regional host (Veo 3.1 is served in us-central1).
 */
export const VEO_API = vertexRoot(DEFAULT_VERTEX_LOCATION);

export const VEO = { provider: "veo", vendorName: "Google Veo" } as const;

export const veoClient = (vendor: VendorContext, signal: AbortSignal): VendorClient => vertexClient(vendor, VEO.provider, VEO.vendorName, signal);

/** The model under this server's project; the project is a credential so the sandbox supplies a fake one. */
export const veoTarget = (vendor: VendorContext, model: string): VertexModel => vertexModel(vendor, VEO_API, vendor.credential("GOOGLE_VERTEX_PROJECT"), model);
