import { headers } from "next/headers";

// A Host header is client-controlled: accept only a plain host[:port] (or [ipv6]:port) so the sample never shows junk.
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin this request reached, so the quick-start samples work when pasted as they are. Proxies report the
 * client-facing scheme in x-forwarded-proto (possibly a list: the first entry is the client's).
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("host")?.trim() ?? "";
  const forwarded = h.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : "http";
  return `${proto}://${HOST.test(host) ? host : "localhost:3000"}`;
}
