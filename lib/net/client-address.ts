import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { env } from "../env";

/**
 * Who is at the other end of a request, and which origin it used — decided by the connection itself unless
 * DOITONG_TRUST_PROXY says a reverse proxy in front of us sets the X-Forwarded-* headers.
 *
 * Next.js keeps X-Forwarded-For/-Host/-Proto exactly as the client sent them (it only fills in missing ones), and
 * route handlers never see the socket. So at server start we subscribe to Node's `http.server.request.start`
 * channel (published before the request reaches Next) and write the socket's address into PEER_HEADER,
 * overwriting whatever a client put there. Without a trusted proxy, that header and Host are all we believe.
 */
export const PEER_HEADER = "x-doitong-peer";

let tagging = false;

/** Call once at server start (lib/boot.ts). */
export function tagPeerAddresses(): void {
  if (tagging) return;
  tagging = true;
  diagnostics.subscribe("http.server.request.start", (message) => {
    const request = (message as { request?: IncomingMessage }).request;
    if (request) request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
  });
}

/** How many proxies in front of us append to X-Forwarded-For: DOITONG_TRUST_PROXY=on|true is 1, a number is that many, off|unset 0. */
export function trustedProxyHops(): number {
  const raw = (env().DOITONG_TRUST_PROXY ?? "off").trim().toLowerCase();
  if (raw === "on" || raw === "true") return 1;
  const hops = Number(raw);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

/**
 * The client's IP address (normalised: IPv4-mapped IPv6 as IPv4), for per-address limits. Behind trusted proxies,
 * the entry the outermost trusted proxy appended to X-Forwarded-For (entries further left are the client's own
 * claims); otherwise the socket's address. "unknown" when neither is there (all such requests share one budget).
 */
export function clientAddress(request: Request): string {
  const hops = trustedProxyHops();
  if (hops > 0) {
    const chain = (request.headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const entry = chain[Math.max(0, chain.length - hops)];
    if (entry) return normalise(entry);
  }
  return normalise(request.headers.get(PEER_HEADER) ?? "") || "unknown";
}

/**
 * The origin clients use for links (signed media URLs, Checkout returns): DOITONG_PUBLIC_URL, else the request's —
 * with X-Forwarded-Host/-Proto believed only behind a trusted proxy (lib/net/client-address.ts).
 */
export function publicBaseUrl(request: Request): string {
  return env().DOITONG_PUBLIC_URL ?? requestOrigin(request);
}

/**
 * The origin the client used, for links we hand out (signed media URLs, Stripe return URLs) when
 * DOITONG_PUBLIC_URL is not set: the trusted proxy's X-Forwarded-Proto/-Host, or else the Host header over the
 * protocol of our own listener (plain http for `next start`).
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const trusted = trustedProxyHops() > 0;
  const forwardedHost = trusted ? firstValue(request.headers.get("x-forwarded-host")) : undefined;
  const forwardedProto = trusted ? firstValue(request.headers.get("x-forwarded-proto")) : undefined;
  const host = forwardedHost ?? request.headers.get("host") ?? url.host;
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}

function firstValue(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}

/**
 * The normalised form of addresses seen lately: every keyed request names its caller's address (the audit log's),
 * and parsing it with ipaddr.js cost about a fortieth of a trivial request's CPU (issue 22). A connection's
 * requests, and a client's connections, repeat the same few addresses. Bounded: a flood of distinct addresses
 * empties it instead of growing it.
 */
const normalised = new Map<string, string>();
const REMEMBERED = 4096;

function normalise(address: string): string {
  let known = normalised.get(address);
  if (known === undefined) {
    if (normalised.size >= REMEMBERED) normalised.clear();
    normalised.set(address, (known = parse(address)));
  }
  return known;
}

function parse(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return "";
  const parsed = ipaddr.parse(bare);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address().toString() : parsed.toString();
}
