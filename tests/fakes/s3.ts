import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

/**
 * A local stand-in for an S3-compatible bucket (path-style: /<bucket>/<key>), speaking S3's wire format for what
 * Doitong uses: PutObject (header-signed, payload hash checked) and GetObject (header-signed or presigned, with
 * Range and response-content-disposition), with S3's XML errors. Every signature is recomputed with AWS's own
 * SigV4 signer from the request as received, so a request the real service would refuse is refused here too —
 * a wrong key, a changed byte of the URL, an expired presigned link.
 */
export interface FakeS3 {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Every request, in order, with what we answered. */
  requests: { method: string; key: string; presigned: boolean; range?: string; status: number }[];
  /** The next `count` PutObjects answer 503 SlowDown (as S3 does under load). */
  throttle(count: number): void;
  close(): Promise<void>;
}

export async function startFakeS3(options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? "doitong-media";
  const region = options.region ?? "us-east-1";
  const accessKeyId = options.accessKeyId ?? "AKIAFAKES3TESTKEY";
  const secretAccessKey = options.secretAccessKey ?? "fake-s3-secret-access-key-0123456789";
  const signer = new SignatureV4({ service: "s3", region, credentials: { accessKeyId, secretAccessKey }, sha256: Hash.bind(null, "sha256"), uriEscapePath: false });
  const objects: FakeS3["objects"] = new Map();
  const requests: FakeS3["requests"] = [];
  let throttled = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const [, bucketName, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const body = await readBody(req);
    const presigned = url.searchParams.has("X-Amz-Signature");
    const answer = (status: number, headers: Record<string, string | number>, payload?: Buffer | string) => {
      requests.push({ method: req.method ?? "", key, presigned, range: req.headers.range, status });
      res.writeHead(status, headers).end(payload);
    };
    const error = (status: number, code: string, message: string) =>
      answer(status, { "content-type": "application/xml" }, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><Key>${key}</Key></Error>`);

    const auth = await verify(req, url, body);
    if (auth !== "ok") return error(403, auth.code, auth.message);
    if (bucketName !== bucket) return error(404, "NoSuchBucket", "The specified bucket does not exist");

    if (req.method === "PUT") {
      if (throttled > 0) {
        throttled -= 1;
        return error(503, "SlowDown", "Please reduce your request rate.");
      }
      objects.set(key, { body, contentType: String(req.headers["content-type"] ?? "binary/octet-stream") });
      return answer(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const object = objects.get(key);
      if (!object) return error(404, "NoSuchKey", "The specified key does not exist.");
      const headers: Record<string, string | number> = { "content-type": object.contentType, "accept-ranges": "bytes", etag: `"${createHash("md5").update(object.body).digest("hex")}"` };
      const disposition = url.searchParams.get("response-content-disposition");
      if (disposition) headers["content-disposition"] = disposition;
      const range = req.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
      if (!range) return answer(200, { ...headers, "content-length": object.body.length }, req.method === "GET" ? object.body : undefined);
      const size = object.body.length;
      const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      const end = range[1] === "" || range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
      if (start > end || start >= size) return error(416, "InvalidRange", "The requested range is not satisfiable");
      const slice = object.body.subarray(start, end + 1);
      return answer(206, { ...headers, "content-length": slice.length, "content-range": `bytes ${start}-${end}/${size}` }, req.method === "GET" ? slice : undefined);
    }
    return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
  });

  /** Recomputes the request's SigV4 signature (header or query) and compares; checks the payload hash and expiry. */
  async function verify(req: http.IncomingMessage, url: URL, body: Buffer): Promise<"ok" | { code: string; message: string }> {
    const denied = { code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided." };
    // Everything but what the signer itself adds when presigning.
    const added = new Set(["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"]);
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => !added.has(k)));
    const base = { method: req.method ?? "GET", protocol: "http:", hostname: "127.0.0.1", port: (server.address() as AddressInfo).port, path: url.pathname, query };
    if (url.searchParams.has("X-Amz-Signature")) {
      const p = url.searchParams;
      if (!p.get("X-Amz-Credential")?.startsWith(`${accessKeyId}/`)) return { code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." };
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
    if (/^[0-9a-f]{64}$/.test(declared) && declared !== createHash("sha256").update(body).digest("hex")) {
      return { code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
    }
    const signedAt = parseAmzDate(String(req.headers["x-amz-date"] ?? ""));
    if (!signedAt) return denied;
    const expected = await signer.sign({ ...base, headers: pick(req, header[2].split(";")), body }, { signingDate: signedAt });
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
    throttle: (count) => void (throttled = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function pick(req: http.IncomingMessage, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(req.headers[name] ?? "")]));
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
