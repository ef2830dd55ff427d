import dns from "node:dns/promises";
import { invalidInput } from "../errors";
import { parseHttpUrl } from "./fetch-public-url";
import { isAllowedAddress } from "./public-address";

/**
 * Refuses, before anything is accepted or charged, a client URL (input image, webhook) that is not http(s) or
 * whose host resolves to a private, loopback, link-local or metadata address. Fetching re-checks at connect time
 * (fetchPublicUrl), so a host that later re-resolves elsewhere (DNS rebinding) is still refused then.
 */
export async function assertPublicUrl(raw: string, field: string): Promise<void> {
  const url = parseHttpUrl(raw, field);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(host, { all: true });
  } catch {
    // Not resolvable from here right now: nothing private to protect; the fetch or delivery will fail and say so.
    return;
  }
  if (addresses.some((a) => !isAllowedAddress(a.address, host))) {
    throw invalidInput(field, `${field} points to a private or local network address, which is not allowed`, "private-address");
  }
}

/** Every URL-valued input of a generation request (data: URIs need no network and are checked when read). */
export async function assertPublicInputUrls(input: Record<string, unknown>): Promise<void> {
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === "string" && /^https?:/i.test(value)) await assertPublicUrl(value, `input.${name}`);
  }
}
