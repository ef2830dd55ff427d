import { googleAccessToken, optionalCredential } from "../google/auth";
import { googleCheck } from "../google/errors";
import type { VendorClient } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const GOOGLE_TTS_API = "https://texttospeech.googleapis.com";

export interface TtsAuth {
  client: VendorClient;
  /** `?key=` when the server has an API key; otherwise the client sends an OAuth bearer. */
  query?: { key: string };
}

/**
 * Cloud Text-to-Speech takes an API key (`?key=`, GOOGLE_TTS_API_KEY) or an OAuth token (the same service-account
 * key or access token as Vertex AI, see google/auth.ts). The key wins when both are configured.
 */
export function googleTtsAuth(vendor: VendorContext, signal: AbortSignal): TtsAuth {
  const key = optionalCredential(vendor, "GOOGLE_TTS_API_KEY");
  const client: VendorClient = {
    provider: "google-tts",
    vendorName: "Google Text-to-Speech",
    vendor,
    headers: async (): Promise<Record<string, string>> => (key ? {} : { authorization: `Bearer ${await googleAccessToken(vendor, "google-tts", signal)}` }),
    check: googleCheck("google-tts", "Google Text-to-Speech"),
  };
  return { client, query: key ? { key } : undefined };
}
