import { z } from "zod";
import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import { GenerationType, KeySpendPeriod } from "../generated/prisma/enums";
import { effectiveLimits } from "../limits/account-limits";
import { findProvider } from "../providers/catalog";
import { apiKeysChanged } from "../auth/api-keys";
import { auditActor, type Caller } from "../auth/caller";
import { recordAudit } from "../audit/record-audit";
import { KEY_SCOPES } from "../auth/key-rules";
import { type ApiKeyInfo, getApiKeyInfo } from "../auth/manage-api-keys";

/** A key's own limits, as the keys page's form and `updateApiKeyLimits` send them; null clears a limit. */
const limitsSchema = z
  .object({
    spendCap: z.number().int().min(1).max(1_000_000_000).nullable(),
    spendPeriod: z.enum(KeySpendPeriod).nullable(),
    rpmLimit: z.number().int().min(1).nullable(),
    expiresAt: z.date().nullable(),
    scopes: z.array(z.enum(KEY_SCOPES)).max(KEY_SCOPES.length),
    allowedProviders: z.array(z.string().trim().min(1).max(64)).max(100),
    allowedTypes: z.array(z.enum(GenerationType)).max(4),
  })
  .partial();

export type ApiKeyLimitsChange = z.input<typeof limitsSchema>;

/**
 * Sets an API key's own limits (dashboard only). A spend cap needs its period (and clearing one clears both); the
 * per-minute limit must be below the plan's (a key can only be stricter than its account); an expiry is in the
 * future; providers must exist. Takes effect on the key's next request here at once (the key cache is dropped),
 * elsewhere within the key cache's lifetime — a spend cap at once everywhere, as it is read in the admission.
 */
export async function setApiKeyLimits(caller: Caller, id: string, raw: unknown, now = new Date()): Promise<ApiKeyInfo> {
  const parsed = limitsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(issue.path.join(".") || "limits", issue.message);
  }
  const change = parsed.data;
  const client = await db();
  const key = await client.apiKey.findFirst({ where: { id, accountId: caller.accountId }, include: { account: true } });
  if (!key) throw notFound("API key", id);
  const cap = change.spendCap === undefined ? key.spendCap : change.spendCap;
  const period = change.spendPeriod === undefined ? key.spendPeriod : change.spendPeriod;
  if ((cap === null) !== (period === null)) {
    if (change.spendCap === null || change.spendPeriod === null) Object.assign(change, { spendCap: null, spendPeriod: null });
    else throw invalidInput(cap === null ? "spendCap" : "spendPeriod", "A spend cap needs both an amount and a period (DAY, MONTH or TOTAL)");
  }
  const planRpm = effectiveLimits(key.account).requestsPerMinute;
  if (change.rpmLimit != null && planRpm !== null && change.rpmLimit >= planRpm) {
    throw invalidInput("rpmLimit", `A key's limit must be below the plan's ${planRpm} requests per minute`);
  }
  if (change.expiresAt && change.expiresAt <= now) throw invalidInput("expiresAt", "The expiry must be in the future");
  const unknown = change.allowedProviders?.find((p) => !findProvider(p));
  if (unknown !== undefined) throw invalidInput("allowedProviders", `Unknown provider "${unknown}"`);
  if (change.scopes) change.scopes = [...new Set(change.scopes)];
  const limits = (k: typeof key) => ({
    spendCap: k.spendCap,
    spendPeriod: k.spendPeriod,
    rpmLimit: k.rpmLimit,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    scopes: k.scopes,
    allowedProviders: k.allowedProviders,
    allowedTypes: k.allowedTypes,
  });
  await client.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({ where: { id }, data: change, include: { account: true } });
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "key.limits_changed",
      actor: auditActor(caller),
      targetType: "api_key",
      targetId: id,
      before: { name: key.name, ...limits(key) },
      after: limits(updated),
    });
  });
  apiKeysChanged();
  return getApiKeyInfo(caller, id);
}
