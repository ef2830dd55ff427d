import sharp from "sharp";
import { loadInput, toBase64 } from "../http/load-input";
import { ProviderError } from "../http/provider-error";

/** Kling's own limit for input images (stricter than our 20 MB). */
const KLING_IMAGE_MAX_BYTES = 10 * 1024 ** 2;

/**
 * A client image as Kling takes it. Kling's image2video and image generation references accept JPG/JPEG/PNG only
 * (Base64 without a `data:` prefix, or a URL), up to 10 MB. An http(s) URL is passed on (Kling fetches it, and
 * refuses other formats with code 1201); inline bytes are checked, and WebP, which we accept everywhere else, is
 * re-encoded losslessly as PNG rather than refused, so the same input works with every provider.
 */
export async function klingImage(uri: string, field: string, provider: string, signal: AbortSignal): Promise<string> {
  if (/^https?:\/\//i.test(uri)) return uri;
  const loaded = await loadInput(uri, "image", field, signal);
  const accepted = loaded.mimeType === "image/webp" ? { bytes: await sharp(loaded.bytes).png().toBuffer(), mimeType: "image/png" } : loaded;
  if (accepted.bytes.length > KLING_IMAGE_MAX_BYTES) {
    throw new ProviderError("INVALID_INPUT", `${field} is larger than Kling's 10 MB limit for images`, { provider, field });
  }
  return toBase64(accepted);
}
