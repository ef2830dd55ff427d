import { Readable, Transform, type TransformCallback } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { db } from "../db";
import type { ErrorCode } from "../errors";
import type { Upload } from "../generated/prisma/client";
import { logger } from "../log";
import { putStream } from "../storage/streams";
import { HEAD_BYTES, inspectUploadHead } from "./inspect-upload";
import { isUploadId } from "./upload-kinds";
import { verifyUploadPutSignature } from "./upload-url";

export type Received = { kind: "stored"; upload: Upload } | { kind: "refused"; status: number; code: ErrorCode; message: string };

const refused = (status: number, code: ErrorCode, message: string): Received => ({ kind: "refused", status, code, message });

/** A refusal found while the bytes stream through; the partial file is removed by putStream. */
class Refusal extends Error {
  constructor(readonly received: Received) {
    super(received.kind === "refused" ? received.message : "refused");
  }
}

/**
 * The PUT of an upload's bytes to this server (files in the data directory). The signed link is the authority, as
 * a presigned bucket URL would be. The body streams to a temporary file — a 200 MB video never sits in memory —
 * while its first bytes are sniffed (wrong kind, SVG or unknown: stopped at once) and its length is counted
 * (more than declared: stopped at once; fewer: refused at the end). Only then does the upload become READY.
 */
export async function receiveUpload(
  uploadId: string,
  link: { expires: string | null; sig: string | null },
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
): Promise<Received> {
  if (!isUploadId(uploadId) || !verifyUploadPutSignature(uploadId, link.expires, link.sig)) {
    return refused(403, "NOT_FOUND", "This upload link is invalid or has expired; create a new upload");
  }
  const client = await db();
  const upload = await client.upload.findUnique({ where: { id: uploadId } });
  if (!upload || upload.expiresAt <= new Date()) return refused(404, "NOT_FOUND", `Upload ${uploadId} was not found`);
  if (upload.status === "READY") return refused(409, "INVALID_INPUT", `Upload ${uploadId} already has its file; create a new upload for another`);
  if (contentLength !== null && Number(contentLength) !== upload.size) {
    return refused(Number(contentLength) > upload.size ? 413 : 400, "INVALID_INPUT", `This upload was declared as ${upload.size} bytes; the request has ${contentLength}`);
  }
  if (!body) return refused(400, "INVALID_INPUT", "The request has no body");

  const checker = new UploadChecker(upload);
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  // A client that goes away mid-upload fails the write (and its partial file is removed).
  source.once("error", (error) => checker.destroy(error));
  try {
    await putStream(upload.storageKey, source.pipe(checker), upload.contentType);
  } catch (error) {
    if (error instanceof Refusal) return error.received;
    if (checker.received < upload.size) return refused(400, "INVALID_INPUT", `The upload stopped after ${checker.received} of ${upload.size} bytes; PUT the whole file again`);
    logger("uploads").error({ err: error, uploadId }, "storing an upload failed");
    throw error;
  }
  if (checker.received !== upload.size) {
    return refused(400, "INVALID_INPUT", `The upload stopped after ${checker.received} of ${upload.size} bytes; PUT the whole file again`);
  }
  const completedAt = new Date();
  await client.upload.updateMany({ where: { id: uploadId, status: "PENDING" }, data: { status: "READY", mimeType: checker.mimeType, completedAt } });
  return { kind: "stored", upload: { ...upload, status: "READY", mimeType: checker.mimeType ?? null, completedAt } };
}

/** Passes bytes through once the first HEAD_BYTES look right; counts them against the declared size. */
class UploadChecker extends Transform {
  received = 0;
  mimeType?: string;
  private head: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly upload: Upload) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.upload.size) return done(new Refusal(refused(413, "INVALID_INPUT", `The body is longer than the ${this.upload.size} bytes declared`)));
    if (this.mimeType) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < HEAD_BYTES && this.received < this.upload.size) return done();
    this.inspect(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.mimeType || this.headLength === 0) return done();
    this.inspect(done);
  }

  private inspect(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    const inspection = inspectUploadHead(this.upload.contentType, head.subarray(0, HEAD_BYTES));
    if (!inspection.ok) return done(new Refusal(refused(415, "INVALID_INPUT", inspection.reason)));
    this.mimeType = inspection.mimeType;
    done(null, head);
  }
}
