import http from "node:http";

/**
 * Starts a POST, sends `send` bytes of its body and no more, and returns the server's answer. A server that caps
 * bodies answers now; one that buffers the whole body never does (rejected after `timeoutMs`). With
 * `announce` the request declares that Content-Length; without, the body is chunked and has no declared length.
 */
export function answerBeforeBodyEnds(
  url: string,
  { headers = {}, announce, send, timeoutMs = 15_000 }: { headers?: Record<string, string>; announce?: number; send: number; timeoutMs?: number },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { ...headers, ...(announce === undefined ? {} : { "content-length": String(announce) }) } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms while the body was still unfinished (the server is waiting for all of it)`));
    }, timeoutMs);
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    // The server may close the connection once it has answered; that is not a failure of the test.
    req.on("error", (error) => setTimeout(() => reject(error), 500));
    const chunk = Buffer.alloc(1024, "a");
    for (let sent = 0; sent < send; sent += chunk.length) req.write(chunk);
  });
}
