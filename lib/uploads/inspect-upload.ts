import { looksLikeSvg, sniff } from "../providers/http/load-input";
import { kindOf } from "./upload-kinds";

/** Bytes read from the start of an upload: enough for every signature sniff() knows, and for an SVG's XML prologue. */
export const HEAD_BYTES = 512;

export type Inspection = { ok: true; mimeType: string } | { ok: false; reason: string };

/**
 * What the first bytes of an upload really are. The declared content type is not trusted: the bytes must be a
 * format some vendor takes, of the kind that was declared (a video declared as a picture is refused), never SVG.
 */
export function inspectUploadHead(declaredType: string, head: Buffer): Inspection {
  if (looksLikeSvg(head)) return { ok: false, reason: "SVG images are not accepted; upload PNG, JPEG or WebP" };
  const mimeType = sniff(head);
  const declaredKind = kindOf(declaredType);
  if (!mimeType || !kindOf(mimeType)) return { ok: false, reason: `The file is not a format we accept for an ${declaredKind ?? "input"} (it was declared as ${declaredType})` };
  if (kindOf(mimeType) !== declaredKind) {
    return { ok: false, reason: `The file is ${mimeType} (${kindOf(mimeType)}), but the upload was declared as ${declaredType} (${declaredKind})` };
  }
  return { ok: true, mimeType };
}
