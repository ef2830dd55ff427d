import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

/**
 * A local stand-in for an S3-compatible bucket (path-style: /<bucket>/<key>), speaking S3's wire format for what
 * Doitong uses: PutObject (header-signed with its payload hash checked, or presigned with signed Content-Length and
 * Content-Type), multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload, Abort — what
 * `@aws-sdk/lib-storage` sends for large files), GetObject/HeadObject (header-signed or presigned, with Range and
 * response-content-* overrides) and DeleteObject, with S3's XML errors. Every signature is recomputed with AWS's own
 * SigV4 signer from the request as received, so a request the real service would refuse is refused here too — a
 * wrong key, a changed byte of the URL, an expired presigned link, a body of another length than was signed.
 * Bodies stream to files in a temporary folder, so a 500 MB object costs no memory here either.
 */
export interface FakeS3Object {
  file: string;
  size: number;
  contentType: string;
  /** The whole object, read from its file (for small objects in assertions). */
  readonly body: Buffer;
}

export interface FakeS3 {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, FakeS3Object>;
  /** Every request, in order, with what we answered (`multipart`: which step of a multipart upload it was). */
  requests: { method: string; key: string; presigned: boolean; range?: string; status: number; multipart?: "create" | "part" | "complete" | "abort" }[];
  /** Multipart uploads begun and neither completed nor aborted. */
  openMultipartUploads(): number;
  /** The next `count` PutObjects answer 503 SlowDown (as S3 does under load). */
  throttle(count: number): void;
  close(): Promise<void>;
}

/** Bodies up to this size are also kept in memory for the signer; larger ones are only on disk. */
const IN_MEMORY_BODY = 16 * 1024 ** 2;

export async function startFakeS3(options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? "doitong-media";
  const region = options.region ?? "us-east-1";
  const accessKeyId = options.accessKeyId ?? "AKIAFAKES3TESTKEY";
  const secretAccessKey = options.secretAccessKey ?? "fake-s3-secret-access-key-0123456789";
  const signer = new SignatureV4({ service: "s3", region, credentials: { accessKeyId, secretAccessKey }, sha256: Hash.bind(null, "sha256"), uriEscapePath: false });
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "fake-s3-"));
  const objects: FakeS3["objects"] = new Map();
  const multipart = new Map<string, { key: string; contentType: string; parts: Map<number, { file: string; size: number; etag: string }> }>();
  const requests: FakeS3["requests"] = [];
  let throttled = 0;
  let files = 0;

  const object = (file: string, size: number, contentType: string): FakeS3Object => ({
    file,
    size,
    contentType,
    get body() {
      return fs.readFileSync(file);
    },
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const [, bucketName, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const body = await receiveBody(req, path.join(dir, `body-${++files}`));
    const presigned = url.searchParams.has("X-Amz-Signature");
    const uploadId = url.searchParams.get("uploadId");
    const step = url.searchParams.has("uploads") ? "create" : uploadId ? (req.method === "PUT" ? "part" : req.method === "DELETE" ? "abort" : "complete") : undefined;
    const answer = (status: number, headers: Record<string, string | number>, payload?: Buffer | string | fs.ReadStream) => {
      requests.push({ method: req.method ?? "", key, presigned, range: req.headers.range, status, ...(step ? { multipart: step } : {}) });
      res.writeHead(status, headers);
      if (payload instanceof fs.ReadStream) payload.pipe(res);
      else res.end(payload);
    };
    const error = (status: number, code: string, message: string) => {
      void fs.promises.rm(body.file, { force: true });
      answer(
        status,
        { "content-type": "application/xml" },
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><Key>${key}</Key></Error>`,
      );
    };
    const xml = (payload: string) => answer(200, { "content-type": "application/xml" }, `<?xml version="1.0" encoding="UTF-8"?>${payload}`);

    const auth = await verify(req, url, body);
    if (auth !== "ok") return error(403, auth.code, auth.message);
    if (bucketName !== bucket) return error(404, "NoSuchBucket", "The specified bucket does not exist");

    if (step === "create") {
      await fs.promises.rm(body.file, { force: true });
      const id = randomBytes(12).toString("hex");
      multipart.set(id, { key, contentType: String(req.headers["content-type"] ?? "binary/octet-stream"), parts: new Map() });
      return xml(`<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
    }
    if (uploadId) {
      const upload = multipart.get(uploadId);
      if (!upload || upload.key !== key) return error(404, "NoSuchUpload", "The specified multipart upload does not exist.");
      if (step === "part") {
        const etag = `"${body.md5}"`;
        upload.parts.set(Number(url.searchParams.get("partNumber")), { file: body.file, size: body.size, etag });
        return answer(200, { etag });
      }
      if (step === "abort") {
        multipart.delete(uploadId);
        await Promise.all([...upload.parts.values()].map((p) => fs.promises.rm(p.file, { force: true })));
        return answer(204, {});
      }
      const listed = [
        ...fs
          .readFileSync(body.file, "utf8")
          .matchAll(/<Part>\s*(?:<ETag>([^<]*)<\/ETag>\s*<PartNumber>(\d+)<\/PartNumber>|<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]*)<\/ETag>)/g),
      ].map((m) => ({
        number: Number(m[2] ?? m[3]),
        etag: (m[1] ?? m[4]).replace(/&quot;/g, '"'),
      }));
      await fs.promises.rm(body.file, { force: true });
      if (listed.length === 0 || listed.some((p, i) => upload.parts.get(p.number)?.etag !== p.etag || (i > 0 && p.number <= listed[i - 1].number))) {
        return error(400, "InvalidPart", "One or more of the specified parts could not be found.");
      }
      const target = path.join(dir, `object-${++files}`);
      const out = fs.createWriteStream(target);
      for (const p of listed) {
        for await (const chunk of fs.createReadStream(upload.parts.get(p.number)!.file)) if (!out.write(chunk)) await once(out, "drain");
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      await Promise.all([...upload.parts.values()].map((p) => fs.promises.rm(p.file, { force: true })));
      multipart.delete(uploadId);
      replace(
        key,
        object(
          target,
          listed.reduce((n, p) => n + upload.parts.get(p.number)!.size, 0),
          upload.contentType,
        ),
      );
      return xml(
        `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"${randomBytes(16).toString("hex")}-${listed.length}"</ETag></CompleteMultipartUploadResult>`,
      );
    }
    if (req.method === "PUT") {
      if (throttled > 0) {
        throttled -= 1;
        return error(503, "SlowDown", "Please reduce your request rate.");
      }
      replace(key, object(body.file, body.size, String(req.headers["content-type"] ?? "binary/octet-stream")));
      return answer(200, { etag: `"${body.md5}"` });
    }
    await fs.promises.rm(body.file, { force: true });
    if (req.method === "DELETE") {
      replace(key, undefined);
      return answer(204, {});
    }
    if (req.method === "GET" && key === "" && url.searchParams.get("list-type") === "2") {
      // ListObjectsV2, one page (the fake never holds more than S3's 1,000 a page in a test).
      const prefix = url.searchParams.get("prefix") ?? "";
      const listed = [...objects.entries()].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
      const contents = listed.map(([k, o]) => `<Contents><Key>${k}</Key><Size>${o.size}</Size></Contents>`).join("");
      return xml(
        `<ListBucketResult><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${listed.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
      );
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const stored = objects.get(key);
      if (!stored) return error(404, "NoSuchKey", "The specified key does not exist.");
      const headers: Record<string, string | number> = {
        "content-type": url.searchParams.get("response-content-type") ?? stored.contentType,
        "accept-ranges": "bytes",
        etag: `"${stored.file.split("-").pop()}"`,
      };
      const disposition = url.searchParams.get("response-content-disposition");
      if (disposition) headers["content-disposition"] = disposition;
      const range = req.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
      const size = stored.size;
      if (!range) return answer(200, { ...headers, "content-length": size }, req.method === "GET" ? fs.createReadStream(stored.file) : undefined);
      const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      const end = range[1] === "" || range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
      if (start > end || start >= size) return error(416, "InvalidRange", "The requested range is not satisfiable");
      const slice = req.method === "GET" ? fs.createReadStream(stored.file, { start, end }) : undefined;
      return answer(206, { ...headers, "content-length": end - start + 1, "content-range": `bytes ${start}-${end}/${size}` }, slice);
    }
    return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
  };
  const server = http.createServer((req, res) => void handle(req, res));

  function replace(key: string, next: FakeS3Object | undefined) {
    const previous = objects.get(key);
    if (previous && previous.file !== next?.file) void fs.promises.rm(previous.file, { force: true });
    if (next) objects.set(key, next);
    else objects.delete(key);
  }

  /** Recomputes the request's SigV4 signature (header or query) and compares; checks the payload hash and expiry. */
  async function verify(req: http.IncomingMessage, url: URL, body: ReceivedBody): Promise<"ok" | { code: string; message: string }> {
    const denied = { code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided." };
    // Everything but what the signer itself adds when presigning.
    const added = new Set(["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"]);
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => !added.has(k)));
    const base = { method: req.method ?? "GET", protocol: "http:", hostname: "127.0.0.1", port: (server.address() as AddressInfo).port, path: url.pathname, query };
    if (url.searchParams.has("X-Amz-Signature")) {
      const p = url.searchParams;
      if (!p.get("X-Amz-Credential")?.startsWith(`${accessKeyId}/`))
        return { code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." };
      const signedAt = parseAmzDate(p.get("X-Amz-Date") ?? "");
      const expiresIn = Number(p.get("X-Amz-Expires"));
      if (!signedAt || !Number.isFinite(expiresIn)) return denied;
      const signed = (p.get("X-Amz-SignedHeaders") ?? "host").split(";");
      // As S3's presigner does: the payload hash stays in the query as sent, and also rides along as an unsigned,
      // unhoisted header from which the signer takes it.
      const payloadHash = base.query["X-Amz-Content-Sha256"];
      const headers = { ...pick(req, signed), ...(payloadHash ? { "x-amz-content-sha256": payloadHash } : {}) };
      const keep = new Set(["x-amz-content-sha256"]);
      const expected = await signer.presign({ ...base, headers }, { signingDate: signedAt, expiresIn, unhoistableHeaders: keep, unsignableHeaders: keep });
      if (expected.query?.["X-Amz-Signature"] !== p.get("X-Amz-Signature")) return denied;
      if (Date.now() > signedAt.getTime() + expiresIn * 1000) return { code: "AccessDenied", message: "Request has expired" };
      return "ok";
    }
    const header = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/[^,]+, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(String(req.headers.authorization ?? ""));
    if (!header) return { code: "AccessDenied", message: "Access Denied" };
    if (header[1] !== accessKeyId) return { code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." };
    const declared = String(req.headers["x-amz-content-sha256"] ?? "");
    if (/^[0-9a-f]{64}$/.test(declared) && declared !== body.sha256) {
      return { code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
    }
    const signedAt = parseAmzDate(String(req.headers["x-amz-date"] ?? ""));
    if (!signedAt) return denied;
    const expected = await signer.sign({ ...base, headers: pick(req, header[2].split(";")), body: body.bytes }, { signingDate: signedAt });
    const signature = /Signature=([0-9a-f]+)/.exec(String(expected.headers.authorization))?.[1];
    return signature === header[3] ? "ok" : denied;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    openMultipartUploads: () => multipart.size,
    throttle: (count) => void (throttled = count),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}

function pick(req: http.IncomingMessage, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(req.headers[name] ?? "")]));
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

interface ReceivedBody {
  file: string;
  size: number;
  sha256: string;
  md5: string;
  /** The body itself when small (the signer may need it); undefined for large ones. */
  bytes?: Buffer;
}

/** Streams a request body into `file`, hashing it on the way. */
async function receiveBody(req: http.IncomingMessage, file: string): Promise<ReceivedBody> {
  const sha256 = createHash("sha256");
  const md5 = createHash("md5");
  const kept: Buffer[] = [];
  let size = 0;
  const out = fs.createWriteStream(file);
  for await (const chunk of req) {
    const data = chunk as Buffer;
    sha256.update(data);
    md5.update(data);
    size += data.length;
    if (size <= IN_MEMORY_BODY) kept.push(data);
    if (!out.write(data)) await once(out, "drain");
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { file, size, sha256: sha256.digest("hex"), md5: md5.digest("hex"), bytes: size <= IN_MEMORY_BODY ? Buffer.concat(kept) : undefined };
}
