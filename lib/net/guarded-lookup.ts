import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { isAllowedAddress } from "./public-address";

/**
 * The DNS lookup for every connection we make to an address a client gave us (input URLs, webhook endpoints):
 * it fails for any address isAllowedAddress refuses, so the socket can only connect to an allowed one — the
 * address checked is the address connected to, leaving no DNS-rebinding window. The one place the private-address
 * rule meets the network; pass it as `lookup` to http(s).request.
 *
 * (request-filtering-agent does the same at the agent, but allows only IPs and CIDRs, not the host names that
 * DOITONG_ALLOWED_PRIVATE_HOSTS may list, and would be a second definition of "private" beside public-address.ts.)
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    if (addresses.length === 0 || addresses.some((a) => !isAllowedAddress(a.address, hostname))) {
      return callback(Object.assign(new Error(`${hostname} resolves to a disallowed address`), { code: BLOCKED }), "", 4);
    }
    if ((options as dns.LookupAllOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

const BLOCKED = "EBLOCKED";

/** Whether a request failed because guardedLookup refused the address. */
export function isBlockedAddress(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === BLOCKED;
}
