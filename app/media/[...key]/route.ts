import { Readable } from "node:stream";
import { isMediaGone } from "@/lib/retention/media-gone";
import { bucketLocation, mimeTypeFor, openFile, verifyMediaSignature } from "@/lib/storage";

// GET /media/<key>?expires=&sig= — serves a stored result to whoever holds a valid, unexpired signed URL.
// Supports single byte ranges, which browsers use to seek in audio and video. With a bucket, it redirects to a
// presigned URL of the object instead (which serves ranges itself), so the bytes never pass through us.
// A valid link to media deleted on purpose (retention ran out, deleteGeneration, workspace deleted, upload expired)
// answers 410 Gone with code MEDIA_EXPIRED; 404 is only for a file missing otherwise.
export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = (await params).key.join("/");
  const url = new URL(request.url);
  if (!verifyMediaSignature(key, url.searchParams.get("expires"), url.searchParams.get("sig"))) {
    return Response.json({ error: { code: "NOT_FOUND", message: "This media link is invalid or has expired" } }, { status: 403 });
  }
  if (await isMediaGone(key)) {
    return Response.json({ error: { code: "MEDIA_EXPIRED", message: "This media was deleted: its retention ran out or it was deleted" } }, { status: 410 });
  }
  const location = await bucketLocation(key, Number(url.searchParams.get("expires")));
  if (location) return new Response(null, { status: 302, headers: { location, "cache-control": "private, no-store" } });
  const range = parseRange(request.headers.get("range"));
  const file = await openFile(key, range);
  if (!file) return Response.json({ error: { code: "NOT_FOUND", message: "No such file" } }, { status: 404 });
  if (file === "unsatisfiable") return new Response(null, { status: 416 });
  const headers: Record<string, string> = {
    "content-type": mimeTypeFor(key),
    "content-length": String(file.end - file.start + 1),
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=3600",
    "content-disposition": `inline; filename="${key.split("/").pop()}"`,
  };
  if (range) headers["content-range"] = `bytes ${file.start}-${file.end}/${file.size}`;
  return new Response(Readable.toWeb(file.stream) as ReadableStream, { status: range ? 206 : 200, headers });
}

function parseRange(header: string | null): { start?: number; end?: number } | undefined {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  return { start: match[1] ? Number(match[1]) : undefined, end: match[2] ? Number(match[2]) : undefined };
}
