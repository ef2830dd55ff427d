import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of PostgreSQL that counts the app's round trips to the database: every frontend message
 * that makes the client wait for the server — a simple Query ('Q') or the Sync ('S') that ends an extended-protocol
 * batch (Parse/Bind/Execute) — is one. It also keeps each one's SQL text (the simple query, or the batch's Parse),
 * so a test can say which statements a request made. Nothing is changed on the way through.
 */
export interface RoundTripProxy {
  /** The target's URL with the proxy's address instead. */
  url: string;
  /** Forgets what was counted so far. */
  reset(): void;
  /** The SQL of each round trip since the last reset, in the order they were sent. */
  statements(): string[];
  close(): Promise<void>;
}

export async function roundTripProxy(target: string): Promise<RoundTripProxy> {
  const to = new URL(target);
  const sockets = new Set<net.Socket>();
  let seen: string[] = [];
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(to.port || 5432), to.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    const reader = frontendReader((sql) => seen.push(sql));
    client.on("data", (chunk: Buffer) => {
      reader(chunk);
      upstream.write(chunk);
    });
    client.on("end", () => upstream.end());
    upstream.pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((proxy.address() as AddressInfo).port);
  return {
    url: url.toString(),
    reset: () => {
      seen = [];
    },
    statements: () => [...seen],
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => r());
      }),
  };
}

/** Splits one connection's client-to-server bytes into messages; calls `roundTrip` for each Query and Sync. */
function frontendReader(roundTrip: (sql: string) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let started = false; // the startup message (and an SSLRequest before it) has no type byte
  let parsed: string[] = [];
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        if (code !== 80877103) started = true; // 80877103: SSLRequest, answered with one byte before the startup
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0]);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const body = buffer.subarray(5, 1 + length);
      buffer = buffer.subarray(1 + length);
      if (type === "Q") roundTrip(cString(body, 0));
      else if (type === "P")
        parsed.push(cString(body, body.indexOf(0) + 1)); // name\0 query\0 …
      else if (type === "S") {
        roundTrip(parsed.join("; ") || "(sync)");
        parsed = [];
      }
    }
  };
}

function cString(buffer: Buffer, from: number): string {
  const end = buffer.indexOf(0, from);
  return buffer.toString("utf8", from, end < 0 ? buffer.length : end);
}
