import fs from "node:fs";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import ipaddr from "ipaddr.js";
import { AppError, invalidInput } from "../errors";
import { describeNetworkError } from "./describe-network-error";
import { guardedLookup, isBlockedAddress } from "./guarded-lookup";
import { isAllowedAddress } from "./public-address";

export interface FetchedUrl {
  bytes: Buffer;
  contentType: string;
  finalUrl: string;
}

export interface FetchPublicOptions {
  /** The input field the URL came from, named in every error (`input.image`). */
  field: string;
  maxBytes: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const MAX_REDIRECTS = 3;

/**
 * GETs a URL a client gave us, refusing anything but http(s) to public addresses. The address check happens in
 * the socket's DNS lookup, so the address we check is the one we connect to (no DNS-rebinding window), and every
 * redirect hop is checked again. Problems are INVALID_INPUT naming the field.
 */
export async function fetchPublicUrl(raw: string, options: FetchPublicOptions): Promise<FetchedUrl> {
  const { res, finalUrl } = await openPublicUrl(raw, options);
  const chunks: Buffer[] = [];
  await pipeline(res, sizeLimit(options), new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) })).catch(bodyFailed(options));
  return { bytes: Buffer.concat(chunks), contentType: contentTypeOf(res), finalUrl };
}

/** The same GET, streamed into `file` (a 200 MB video never sits in memory); returns its size. */
export async function fetchPublicUrlToFile(raw: string, file: string, options: FetchPublicOptions): Promise<{ size: number; contentType: string; finalUrl: string }> {
  const { res, finalUrl } = await openPublicUrl(raw, options);
  const limit = sizeLimit(options);
  await pipeline(res, limit, fs.createWriteStream(file)).catch(bodyFailed(options));
  return { size: limit.bytes, contentType: contentTypeOf(res), finalUrl };
}

/** Follows redirects (each hop checked) to a 2xx answer whose body is still unread. */
async function openPublicUrl(raw: string, options: FetchPublicOptions): Promise<{ res: IncomingMessage; finalUrl: string }> {
  let url = parseHttpUrl(raw, options.field);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await get(url, options);
    if (res.redirect) {
      url = parseHttpUrl(new URL(res.redirect, url).toString(), options.field);
      continue;
    }
    return { res: res.body!, finalUrl: url.toString() };
  }
  throw invalidInput(options.field, `${options.field} redirects more than ${MAX_REDIRECTS} times`);
}

/** A body cut off mid-way (timeout, reset) is the client's URL failing, said like any other fetch failure. */
const bodyFailed = (options: FetchPublicOptions) => (error: Error) => {
  if (error instanceof AppError || error.name === "AbortError") throw error;
  throw invalidInput(options.field, `${options.field} could not be fetched: ${describeNetworkError(error)}`);
};

const contentTypeOf = (res: IncomingMessage) => res.headers["content-type"]?.split(";")[0].trim() ?? "application/octet-stream";

/** Counts bytes through; more than maxBytes is INVALID_INPUT (and ends the download). */
function sizeLimit(options: FetchPublicOptions): Transform & { bytes: number } {
  const limit = Object.assign(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        limit.bytes += chunk.length;
        done(limit.bytes > options.maxBytes ? tooLarge(options) : null, chunk);
      },
    }),
    { bytes: 0 },
  );
  return limit;
}

/** Scheme and literal-address checks that need no network (the rest happens at connect time). */
export function parseHttpUrl(raw: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidInput(field, `${field} is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalidInput(field, `${field} must be an http(s) URL`);
  if (url.username || url.password) throw invalidInput(field, `${field} must not contain credentials`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isAllowedAddress(host, host)) throw privateAddress(field);
  return url;
}

function privateAddress(field: string) {
  return invalidInput(field, `${field} points to a private or local network address, which is not allowed`, "private-address");
}

function get(url: URL, options: FetchPublicOptions): Promise<{ redirect?: string; body?: IncomingMessage }> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.get(url, { lookup: guardedLookup, timeout: options.timeoutMs ?? 20_000, signal: options.signal, headers: { "user-agent": "Doitong/1.0" } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ redirect: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return reject(invalidInput(options.field, `${options.field} could not be fetched (HTTP ${status})`));
      }
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > options.maxBytes) {
        res.destroy();
        return reject(tooLarge(options));
      }
      resolve({ body: res });
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (error: Error & { code?: string }) => {
      if (isBlockedAddress(error)) return reject(privateAddress(options.field));
      if (error.name === "AbortError") return reject(error);
      reject(invalidInput(options.field, `${options.field} could not be fetched: ${describeNetworkError(error)}`));
    });
  });
}

function tooLarge(options: FetchPublicOptions) {
  return invalidInput(options.field, `${options.field} is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`);
}
