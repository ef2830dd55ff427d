import { env } from "../env";
import { requestOrigin } from "../net/client-address";

/**
 * The origin put into links we mail (sign-up confirmation): DOITONG_PUBLIC_URL, else NEXTAUTH_URL, else the origin
 * the request came to (its Host; a proxy's X-Forwarded-Host only with DOITONG_TRUST_PROXY). Set one of the two in
 * production: a mailed link built from a Host header is only as trustworthy as whoever sent that header.
 */
export function linkOrigin(request: Request): string {
  const configured = env().DOITONG_PUBLIC_URL ?? env().NEXTAUTH_URL;
  return (configured ?? requestOrigin(request)).replace(/\/+$/, "");
}
