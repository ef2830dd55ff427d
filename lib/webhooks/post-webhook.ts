import http from "node:http";
import https from "node:https";
import { AppError } from "../errors";
import { parseHttpUrl } from "../net/fetch-public-url";
import { describeNetworkError } from "../net/describe-network-error";
import { guardedLookup, isBlockedAddress } from "../net/guarded-lookup";

export const WEBHOOK_TIMEOUT_MS = 15_000;
const SNIPPET_CHARS = 500;
/** Read at most this much of a response: enough for the snippet, never a receiver's whole page. */
const MAX_READ_BYTES = 4_096;

export interface PostResult {
  /** Null when there was no HTTP response (refused, DNS, timeout…). */
  httpStatus: number | null;
  responseSnippet: string | null;
  error: string | null;
  retryAfter: string | null;
  durationMs: number;
}

/**
 * One POST of a signed webhook. Only to public addresses: the address is checked in the socket's own DNS lookup
 * (the one we connect to, so DNS rebinding cannot slip a private address in), literal addresses before
 * connecting, and redirects are never followed (a 3xx is a failed attempt). Never throws: every outcome is data
 * for the attempt log.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<PostResult> {
  const started = Date.now();
  const result = (r: Omit<PostResult, "durationMs">): PostResult => ({ ...r, durationMs: Date.now() - started });
  let target: URL;
  try {
    target = parseHttpUrl(url, "url");
  } catch (error) {
    return result({ httpStatus: null, responseSnippet: null, retryAfter: null, error: error instanceof AppError ? error.message : "Invalid URL" });
  }
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result(r));
    };
    const req = transport.request(
      target,
      {
        method: "POST",
        lookup: guardedLookup,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body).toString(), "user-agent": "Doitong-Webhooks/1.0" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const text = Buffer.concat(chunks).toString("utf8");
          finish({
            httpStatus: res.statusCode ?? null,
            responseSnippet: text ? text.slice(0, SNIPPET_CHARS) : null,
            retryAfter: headerValue(res.headers["retry-after"]),
            error: null,
          });
          res.destroy();
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_READ_BYTES) done();
        });
        res.on("end", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ httpStatus: null, responseSnippet: null, retryAfter: null, error: `Timed out after ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    req.on("error", (error: Error & { code?: string }) =>
      finish({
        httpStatus: null,
        responseSnippet: null,
        retryAfter: null,
        // The endpoint's owner reads this: what went wrong, not our socket's addresses (describeNetworkError).
        error: isBlockedAddress(error) ? "The URL resolves to a private or local network address, which is not allowed" : `Could not deliver: ${describeNetworkError(error)}`,
      }),
    );
    req.end(body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
