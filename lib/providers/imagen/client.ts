import { DEFAULT_VERTEX_LOCATION, type VertexModel, vertexClient, vertexModel, vertexRoot } from "../google/vertex";
import type { VendorClient } from "../http/vendor-request";
import type { VendorContext } from "../types";

/** Imagen 4 is served by Vertex AI only (it left the Gemini API); GOOGLE_VERTEX_LOCATION picks the regional host. */
export const IMAGEN_API = vertexRoot(DEFAULT_VERTEX_LOCATION);

export const imagenClient = (vendor: VendorContext, signal: AbortSignal): VendorClient => vertexClient(vendor, "imagen", "Google Imagen", signal);

/** The model under this server's project; the project is a credential so the sandbox supplies a fake one. */
export const imagenTarget = (vendor: VendorContext, model: string): VertexModel =>
  vertexModel(vendor, IMAGEN_API, vendor.credential("GOOGLE_VERTEX_PROJECT"), model);
