import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import type { ApiKey, KeyMode } from "../generated/prisma/client";
import { apiKeysChanged, createApiKey, type NewApiKey } from "./api-keys";
import type { Caller } from "./caller";

export type ApiKeyInfo = Pick<ApiKey, "id" | "name" | "mode" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt">;

const INFO = { id: true, name: true, mode: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** The account's keys, newest first; never the keys themselves (only their display prefix). */
export async function listApiKeys(caller: Caller): Promise<ApiKeyInfo[]> {
  const client = await db();
  return client.apiKey.findMany({ where: { accountId: caller.accountId }, select: INFO, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** A new key; the full key is in the result and nowhere else, ever. */
export async function createAccountApiKey(caller: Caller, input: { name: string; mode?: KeyMode }): Promise<NewApiKey & { info: ApiKeyInfo }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw invalidInput("name", "Give the key a name of 1–100 characters");
  if (input.mode !== undefined && input.mode !== "LIVE" && input.mode !== "TEST") throw invalidInput("mode", "Key mode must be LIVE or TEST");
  const client = await db();
  const created = await createApiKey(client, caller.accountId, { name, mode: input.mode });
  const info = await client.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: INFO });
  return { ...created, info };
}

/** Revokes a key at once: the next request with it is UNAUTHENTICATED (keys are checked on every request). */
export async function revokeApiKey(caller: Caller, id: string): Promise<ApiKeyInfo> {
  const client = await db();
  const { count } = await client.apiKey.updateMany({ where: { id, accountId: caller.accountId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count > 0) apiKeysChanged(); // this instance's key cache forgets it now (api-keys.ts says how others catch up)
  const key = await client.apiKey.findFirst({ where: { id, accountId: caller.accountId }, select: INFO });
  if (!key) throw notFound("API key", id);
  if (count === 0 && !key.revokedAt) throw notFound("API key", id);
  return key;
}
