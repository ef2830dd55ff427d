import { createHmac } from "node:crypto";
import { serverSecret } from "../storage/secret";
import { env } from "../env";

/** Signs dashboard session cookies: NEXTAUTH_SECRET, or one derived from the server secret (embedded default). */
export function sessionSecret(): string {
  return env().NEXTAUTH_SECRET || createHmac("sha256", serverSecret()).update("next-auth session").digest("hex");
}
