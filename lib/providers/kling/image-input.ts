import { loadInput, toBase64 } from "../http/load-input";
import { ProviderError } from "../http/provider-error";

/** Kling's own limit for input images (stricter than our 20 MB). */
const KLING_IMAGE_MAX_BYTES = 10 * 1024 ** 2;

/**
 * A client image as Kling takes it: an http(s) URL is passed on (Kling fetches it), a data: URI becomes raw
 * base64 without the `data:` prefix, which Kling would reject. The bytes are checked to be PNG/JPEG/WebP first.
 */
export async function klingImage(uri: string, field: string, provider: string, signal: AbortSignal): Promise<string> {
  if (/^https?:\/\//i.test(uri)) return uri;
  const loaded = await loadInput(uri, "image", field, signal);
  if (loaded.bytes.length > KLING_IMAGE_MAX_BYTES) {
    throw new ProviderError("INVALID_INPUT", `${field} is larger than Kling's 10 MB limit for images`, { provider, field });
  }
  return toBase64(loaded);
}
