import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import type { ApiKey, KeyMode } from "../generated/prisma/client";
import { readKeyBudgets } from "../limits/key-spend";
import { apiKeysChanged, createApiKey, type NewApiKey } from "./api-keys";
import { recordAudit } from "../audit/record-audit";
import { auditActor, type Caller, callerUserId } from "./caller";

type KeyColumns = Pick<
  ApiKey,
  | "id"
  | "name"
  | "mode"
  | "prefix"
  | "createdAt"
  | "lastUsedAt"
  | "revokedAt"
  | "spendCap"
  | "spendPeriod"
  | "rpmLimit"
  | "expiresAt"
  | "scopes"
  | "allowedProviders"
  | "allowedTypes"
>;

/** A key as the dashboard shows it, with what it spent in its cap's current period (null: no cap). */
export type ApiKeyInfo = KeyColumns & { spent: number | null };

const INFO = {
  id: true,
  name: true,
  mode: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  spendCap: true,
  spendPeriod: true,
  rpmLimit: true,
  expiresAt: true,
  scopes: true,
  allowedProviders: true,
  allowedTypes: true,
} as const;

/** The account's keys, newest first; never the keys themselves (only their display prefix). */
export async function listApiKeys(caller: Caller): Promise<ApiKeyInfo[]> {
  const client = await db();
  const keys = await client.apiKey.findMany({ where: { accountId: caller.accountId }, select: INFO, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return withSpend(keys);
}

/** One key of the caller's account, or NOT_FOUND. */
export async function getApiKeyInfo(caller: Caller, id: string): Promise<ApiKeyInfo> {
  const client = await db();
  const key = await client.apiKey.findFirst({ where: { id, accountId: caller.accountId }, select: INFO });
  if (!key) throw notFound("API key", id);
  return (await withSpend([key]))[0];
}

/** The spend the admission would count now (lib/limits/key-spend.ts), for the capped keys. */
async function withSpend(keys: KeyColumns[]): Promise<ApiKeyInfo[]> {
  const capped = keys.filter((k) => k.spendCap !== null).map((k) => k.id);
  const budgets = await readKeyBudgets(await db(), capped);
  return keys.map((k) => ({ ...k, spent: budgets.get(k.id)?.spent ?? null }));
}

/** A new key; the full key is in the result and nowhere else, ever. */
export async function createAccountApiKey(caller: Caller, input: { name: string; mode?: KeyMode }): Promise<NewApiKey & { info: ApiKeyInfo }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw invalidInput("name", "Give the key a name of 1–100 characters");
  if (input.mode !== undefined && input.mode !== "LIVE" && input.mode !== "TEST") throw invalidInput("mode", "Key mode must be LIVE or TEST");
  const client = await db();
  return client.$transaction(async (tx) => {
    const created = await createApiKey(tx, caller.accountId, { name, mode: input.mode, createdById: callerUserId(caller) });
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: INFO });
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "key.created",
      actor: auditActor(caller),
      targetType: "api_key",
      targetId: key.id,
      after: { name: key.name, mode: key.mode, prefix: key.prefix },
    });
    return { ...created, info: { ...key, spent: key.spendCap === null ? null : 0 } };
  });
}

/** Revokes a key at once: the next request with it is UNAUTHENTICATED (keys are checked on every request). */
export async function revokeApiKey(caller: Caller, id: string): Promise<ApiKeyInfo> {
  const client = await db();
  const count = await client.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateMany({ where: { id, accountId: caller.accountId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count > 0) {
      const key = await tx.apiKey.findUniqueOrThrow({ where: { id }, select: INFO });
      await recordAudit(tx, {
        accountId: caller.accountId,
        action: "key.revoked",
        actor: auditActor(caller),
        targetType: "api_key",
        targetId: id,
        before: { name: key.name, mode: key.mode, prefix: key.prefix, revokedAt: null },
        after: { revokedAt: key.revokedAt?.toISOString() ?? null },
      });
    }
    return revoked.count;
  });
  if (count > 0) apiKeysChanged(); // this instance's key cache forgets it now (api-keys.ts says how others catch up)
  const key = await getApiKeyInfo(caller, id);
  if (count === 0 && !key.revokedAt) throw notFound("API key", id);
  return key;
}
