import { createHmac, timingSafeEqual } from "node:crypto";
import { serverSecret } from "../storage/secret";

/** How long a PUT link stays valid: time for a large file on a slow line, short enough not to linger. */
export const PUT_URL_TTL_SECONDS = 60 * 60;

function signature(uploadId: string, expires: number): string {
  return createHmac("sha256", serverSecret()).update(`upload-put\n${uploadId}\n${expires}`).digest("base64url");
}

/**
 * Where a client PUTs an upload's bytes when files live in the data directory: `/uploads/<id>` on this server, with
 * a signature binding the id and the expiry (the link alone authorises the PUT, as a presigned bucket URL does).
 */
export function uploadPutUrl(baseUrl: string, uploadId: string, expires: number): string {
  return `${baseUrl.replace(/\/$/, "")}/uploads/${uploadId}?expires=${expires}&sig=${signature(uploadId, expires)}`;
}

export function verifyUploadPutSignature(uploadId: string, expires: string | null, sig: string | null, now = Date.now()): boolean {
  const exp = Number(expires);
  if (!sig || !Number.isSafeInteger(exp) || exp * 1000 < now) return false;
  const expected = Buffer.from(signature(uploadId, exp));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
