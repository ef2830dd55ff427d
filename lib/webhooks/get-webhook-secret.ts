import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { KeyMode } from "../generated/prisma/client";
import { ensureWebhookSecret, readSecrets } from "./webhook-secret";

export interface WebhookSecretInfo {
  secret: string;
  /** While set (and in the future), deliveries are signed with the previous secret too. */
  previousSecretExpiresAt: Date | null;
}

/**
 * The mode whose webhook settings a caller asks for: an API key's own (asking for the other is refused — a test
 * key never sees live settings), the dashboard's choice, LIVE by default.
 */
export function webhookModeFor(caller: Caller, asked?: KeyMode | null): KeyMode {
  const own = modeScope(caller).mode;
  if (own && asked && asked !== own) throw invalidInput("mode", `A ${own.toLowerCase()} key sees only ${own.toLowerCase()}-mode webhook settings`);
  return own ?? asked ?? "LIVE";
}

/** The signing secret of a mode (created on first read), for `me { webhookSecret }` and the dashboard. */
export async function getWebhookSecret(caller: Caller, mode?: KeyMode | null): Promise<WebhookSecretInfo> {
  const client = await db();
  const chosen = webhookModeFor(caller, mode);
  const secret = await ensureWebhookSecret(client, caller.accountId, chosen);
  const { expires } = await readSecrets(client, caller.accountId, chosen);
  return { secret, previousSecretExpiresAt: expires && expires > new Date() ? expires : null };
}
