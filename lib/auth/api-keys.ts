import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors";
import type { Db } from "../db";
import { newId } from "../ids";
import type { KeyMode } from "../generated/prisma/client";
import { effectiveLimits } from "../limits/account-limits";
import type { ApiKeyCaller } from "./caller";

/**
 * API keys: `dk_live_` or `dk_test_` + 192 random bits (base64url). Only a SHA-256 hash and a short display prefix
 * are stored; the full key is returned once, at creation. A key is format-checked before any database work, and
 * looked up by its hash (an exact index match, so no timing oracle over stored keys).
 */
const KEY_PATTERN = /^dk_(live|test)_[A-Za-z0-9_-]{32}$/;
const PREFIX_LENGTH = 12;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export interface NewApiKey {
  id: string;
  key: string;
  prefix: string;
}

export async function createApiKey(
  db: Pick<Db, "apiKey">,
  accountId: string,
  { name, mode = "LIVE" }: { name: string; mode?: KeyMode },
): Promise<NewApiKey> {
  const key = `dk_${mode === "TEST" ? "test" : "live"}_${randomBytes(24).toString("base64url")}`;
  const id = newId("key");
  const prefix = key.slice(0, PREFIX_LENGTH);
  await db.apiKey.create({ data: { id, accountId, name, mode, prefix, hash: hashApiKey(key) } });
  return { id, key, prefix };
}

export type { ApiKeyCaller };

/** Resolves a bearer key to its account, or throws UNAUTHENTICATED. Never says which check failed. */
export async function authenticateApiKeyOrThrow(db: Db, key: string | undefined): Promise<ApiKeyCaller> {
  if (!key) {
    throw new AppError("UNAUTHENTICATED", "Missing API key: send `Authorization: Bearer <api key>`");
  }
  const row = looksLikeApiKey(key)
    ? await db.apiKey.findUnique({
        where: { hash: hashApiKey(key) },
        select: {
          id: true, accountId: true, mode: true, revokedAt: true, lastUsedAt: true,
          account: { select: { plan: true, rpmLimit: true, parallelLimit: true, dailyLimit: true } },
        },
      })
    : null;
  if (!row || row.revokedAt) throw new AppError("UNAUTHENTICATED", "Invalid or revoked API key");
  // last-used is informational: write it at most once a minute per key, not on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    void db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return { kind: "apiKey", accountId: row.accountId, apiKeyId: row.id, mode: row.mode, limits: effectiveLimits(row.account) };
}

/** `Authorization: Bearer <key>` → key (case-insensitive scheme, surrounding spaces ignored). */
export function bearerToken(header: string | null): string | undefined {
  const match = header?.match(/^\s*Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
