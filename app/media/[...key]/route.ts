import { Readable } from "node:stream";
import { mimeTypeFor, openFile, verifyMediaSignature } from "@/lib/storage";

// GET /media/<key>?expires=&sig= — serves a stored result to whoever holds a valid, unexpired signed URL.
export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = (await params).key.join("/");
  const url = new URL(request.url);
  if (!verifyMediaSignature(key, url.searchParams.get("expires"), url.searchParams.get("sig"))) {
    return Response.json({ error: { code: "NOT_FOUND", message: "This media link is invalid or has expired" } }, { status: 403 });
  }
  const file = await openFile(key);
  if (!file) return Response.json({ error: { code: "NOT_FOUND", message: "No such file" } }, { status: 404 });
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": mimeTypeFor(key),
      "content-length": String(file.size),
      "cache-control": "private, max-age=3600",
      "content-disposition": `inline; filename="${key.split("/").pop()}"`,
    },
  });
}
