import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a service (Redis, PostgreSQL) that a test can cut — every connection dropped, new ones
 * refused, as when the service goes away — and restore. Only this proxy is cut: the service itself, which other
 * tests and agents share, keeps running.
 */
export interface ToggleProxy {
  /** The target's URL with the proxy's address instead (same scheme, credentials and path). */
  url: string;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

/** Without a target (no such service here) the proxy refuses everything. */
export async function toggleProxy(target: string | undefined): Promise<ToggleProxy> {
  let open = Boolean(target);
  const sockets = new Set<net.Socket>();
  const to = target ? new URL(target) : undefined;
  const defaultPort = to?.protocol.startsWith("postgres") ? 5432 : 6379;
  const proxy = net.createServer((client) => {
    if (!open || !to) return client.destroy();
    const upstream = net.connect(Number(to.port || defaultPort), to.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      // Either side dropping (a cut, the service closing) ends the pair; the client sees a closed connection.
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const url = new URL(target ?? "redis://127.0.0.1");
  url.hostname = "127.0.0.1";
  url.port = String((proxy.address() as AddressInfo).port);
  return {
    url: url.toString(),
    down() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      open = Boolean(target);
    },
    close: () =>
      new Promise<void>((r) => {
        open = false;
        for (const s of sockets) s.destroy();
        proxy.close(() => r());
      }),
  };
}
