import type { VendorClient } from "../http/vendor-request";
import type { VendorContext } from "../types";
import { googleAccessToken } from "./auth";
import { googleCheck } from "./errors";

export const DEFAULT_VERTEX_LOCATION = "us-central1";

/** Vertex AI's API root for a location: regional hosts, except the `global` location. */
export const vertexRoot = (location: string) => (location === "global" ? "https://aiplatform.googleapis.com/v1" : `https://${location}-aiplatform.googleapis.com/v1`);

export interface VertexModel {
  /** Absolute URL of `…/publishers/google/models/{model}`; append `:predict` etc. */
  url: string;
  project: string;
  location: string;
}

/**
 * Where a Google model lives on Vertex AI for this server. The adapter's default base URL stands for "Google's own
 * hosts", so the configured location picks its regional host; any other base URL (a proxy, the sandbox fake)
 * is used as given, with the same paths below it.
 */
export function vertexModel(vendor: VendorContext, defaultBaseUrl: string, project: string, model: string, location?: string): VertexModel {
  const loc = location ?? vendor.setting("GOOGLE_VERTEX_LOCATION") ?? DEFAULT_VERTEX_LOCATION;
  const root = vendor.baseUrl === defaultBaseUrl ? vertexRoot(loc) : vendor.baseUrl.replace(/\/+$/, "");
  return { url: `${root}/projects/${project}/locations/${loc}/publishers/google/models/${model}`, project, location: loc };
}

/** OAuth bearer (minted or configured, see auth.ts) and Google's error shape. */
export function vertexClient(vendor: VendorContext, provider: string, vendorName: string, signal: AbortSignal): VendorClient {
  return {
    provider,
    vendorName,
    vendor,
    headers: async () => ({ authorization: `Bearer ${await googleAccessToken(vendor, provider, signal)}` }),
    check: googleCheck(provider, vendorName),
  };
}
