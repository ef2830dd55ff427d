import ipaddr from "ipaddr.js";
import { env } from "../env";

/**
 * Which network addresses we may call on a client's behalf (their image URLs, webhook endpoints): public unicast
 * only. Loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local and reserved ranges
 * are refused, IPv4-mapped IPv6 included — unless the operator allows them in DOITONG_ALLOWED_PRIVATE_HOSTS
 * (comma-separated host names or CIDR ranges), which local development and tests use.
 */
export function isAllowedAddress(address: string, hostname?: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.range() === "unicast") return true;
  return isAllowListed(parsed, hostname);
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
