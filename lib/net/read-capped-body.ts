/**
 * A request body read up to `maxBytes` and no further: a Content-Length over the cap is refused before a byte is
 * read, and a body without one (chunked) is refused as soon as it passes the cap — the rest is never buffered, so
 * a 40 MB upload to a 16 KB endpoint costs 16 KB of memory, not 40 MB.
 */
export type CappedBody = { kind: "read"; text: string } | { kind: "too-large"; maxBytes: number };

export async function readCappedBody(request: Request, maxBytes: number): Promise<CappedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return { kind: "too-large", maxBytes };
  if (!request.body) return { kind: "read", text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading; the server discards what is still on its way.
      await reader.cancel();
      return { kind: "too-large", maxBytes };
    }
    chunks.push(value);
  }
  return { kind: "read", text: Buffer.concat(chunks).toString("utf8") };
}

/** The answer to a body over the cap (PAYLOAD_TOO_LARGE in lib/errors.ts). */
export function payloadTooLarge(maxBytes: number): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `The request body may be at most ${Math.round(maxBytes / 1024)} KB here` } },
    { status: 413, headers: { connection: "close" } },
  );
}
