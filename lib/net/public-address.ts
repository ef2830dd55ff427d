import ipaddr from "ipaddr.js";
import { env } from "../env";

/**
 * Which network addresses we may call on a client's behalf (their image URLs, webhook endpoints): public unicast
 * only. Loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local and reserved ranges
 * are refused, IPv4-mapped and IPv4-compatible IPv6 included — unless the operator allows them in DOITONG_ALLOWED_PRIVATE_HOSTS
 * (comma-separated host names or CIDR ranges), which local development and tests use.
 */
export function isAllowedAddress(address: string, hostname?: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.range() === "unicast" && !isIPv4Compatible(parsed)) return true;
  return isAllowListed(parsed, hostname);
}

/**
 * `::a.b.c.d` (IPv4-compatible IPv6, deprecated since RFC 4291; `[::127.0.0.1]` in a URL is `[::7f00:1]`): ipaddr
 * calls it unicast, but it is no public address anyone may use, and some stacks route it to the IPv4 address it
 * embeds. Refused whatever it embeds.
 */
function isIPv4Compatible(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0);
}

function isAllowListed(address: ipaddr.IPv4 | ipaddr.IPv6, hostname?: string): boolean {
  for (const entry of allowList()) {
    if (entry.kind === "host") {
      if (hostname && hostname.toLowerCase() === entry.host) return true;
    } else if (address.kind() === entry.range[0].kind() && address.match(entry.range)) {
      return true;
    }
  }
  return false;
}

type AllowEntry = { kind: "host"; host: string } | { kind: "cidr"; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

let cache: { raw: string; entries: AllowEntry[] } | undefined;

function allowList(): AllowEntry[] {
  const raw = env().DOITONG_ALLOWED_PRIVATE_HOSTS;
  if (cache?.raw === raw) return cache.entries;
  const entries = raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((item): AllowEntry => {
      if (item.includes("/")) return { kind: "cidr", range: ipaddr.parseCIDR(item) };
      if (ipaddr.isValid(item)) return { kind: "cidr", range: [ipaddr.parse(item), ipaddr.parse(item).kind() === "ipv4" ? 32 : 128] };
      return { kind: "host", host: item };
    });
  cache = { raw, entries };
  return entries;
}
