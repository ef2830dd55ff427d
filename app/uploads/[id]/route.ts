import { receiveUpload } from "@/lib/uploads/receive-upload";

// PUT /uploads/<id>?expires=&sig= — the bytes of an upload made with createUpload, as the raw body, streamed to
// storage. Used when files live in the data directory; with a bucket, createUpload hands out a presigned PUT.
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const url = new URL(request.url);
  const received = await receiveUpload(
    (await params).id,
    { expires: url.searchParams.get("expires"), sig: url.searchParams.get("sig") },
    request.body,
    request.headers.get("content-length"),
  );
  if (received.kind === "refused") return Response.json({ error: { code: received.code, message: received.message } }, { status: received.status });
  const { id, status, mimeType, size, expiresAt } = received.upload;
  return Response.json({ id, status, mimeType, size, expiresAt });
}
