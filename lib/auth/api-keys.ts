import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors";
import type { Db } from "../db";
import { newId } from "../ids";
import type { GenerationType, KeyMode, Plan } from "../generated/prisma/client";
import { isKeyScope } from "./key-scopes";
import { effectiveLimits } from "../limits/account-limits";
import type { ApiKeyCaller } from "./caller";
import { processSingleton } from "../process-singleton";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { env } from "../env";
import { SingleFlight } from "../single-flight";

/**
 * API keys: `dk_live_` or `dk_test_` + 192 random bits (base64url). Only a SHA-256 hash and a short display prefix
 * are stored; the full key is returned once, at creation. A key is format-checked before any database work.
 *
 * Why a lookup by hash is a constant-time comparison in effect: the presented key is hashed first, and only the
 * hash is compared — by the unique index, or by the Map key of the cache below. Any timing difference those
 * lookups have depends on how the *hash* of the guess relates to stored hashes, and learning that (a prefix of a
 * SHA-256 output) gives no information about any key's bytes: finding a key whose hash has a given prefix is a
 * preimage search, and keys have 192 random bits. There is no byte-by-byte comparison of secrets to time.
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

/** `createdById`: the person creating it, whose usage its work counts as (null: the admin command, the system). */
export async function createApiKey(
  db: Pick<Db, "apiKey">,
  accountId: string,
  { name, mode = "LIVE", createdById = null }: { name: string; mode?: KeyMode; createdById?: string | null },
): Promise<NewApiKey> {
  const key = `dk_${mode === "TEST" ? "test" : "live"}_${randomBytes(24).toString("base64url")}`;
  const id = newId("key");
  const prefix = key.slice(0, PREFIX_LENGTH);
  await db.apiKey.create({ data: { id, accountId, name, mode, prefix, hash: hashApiKey(key), createdById } });
  return { id, key, prefix };
}

export type { ApiKeyCaller };

/**
 * A short-lived cache of valid keys (hash → key and account limits), because looking the key up was the largest
 * cost of a cheap request such as polling `generation(id)`. Exactness:
 * - On this instance a revoked key stops working at once: revocation bumps `epoch` (apiKeysChanged), and an entry
 *   is only used while the epoch it was read under is current. An entry read while a revocation was committing
 *   carries the older epoch, so it is never used.
 * - Another instance (or the admin command, a process of its own) is not told: there a revoked key, or a plan or
 *   limit change, takes effect within KEY_CACHE_MS (1 s by default; DOITONG_KEY_CACHE_MS=0 turns the cache off).
 * - Only valid keys are cached, and at most MAX_ENTRIES of them.
 * Credits, day limits, parallel slots and idempotency never come from here: they are decided in the database.
 */
interface CachedKey {
  caller: ApiKeyCaller;
  readAt: number;
  epoch: number;
}

const MAX_ENTRIES = 10_000;
const lastUsedOutage = outageLog(logger("auth"), "Writing API keys' lastUsedAt");
/** lastUsedAt is informational: written at most once a minute per key and instance, never on every request. */
const LAST_USED_EVERY_MS = 60_000;

interface KeyCache {
  entries: Map<string, CachedKey>;
  epoch: number;
  lastUsedWrite: Map<string, number>;
  reading: SingleFlight<ApiKeyCaller, number>;
}

const cache: KeyCache = processSingleton("api-key-cache", () => ({
  entries: new Map<string, CachedKey>(),
  epoch: 0,
  lastUsedWrite: new Map<string, number>(),
  /**
   * The read of each key under way, by hash: requests that find its entry missing or expired wait for it instead of
   * reading the key themselves — only for a read begun under the current epoch (one begun before a revocation here
   * is not shared after it).
   */
  reading: new SingleFlight<ApiKeyCaller, number>((epoch) => epoch === cache.epoch),
}));

function cacheMs(): number {
  const ms = env().DOITONG_KEY_CACHE_MS;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 10_000) : 0;
}

/** Call after revoking a key (or changing an account's limits) in this process: cached keys are read again. */
export function apiKeysChanged(): void {
  cache.epoch += 1;
  cache.entries.clear();
}

/** Resolves a bearer key to its account, or throws UNAUTHENTICATED. Never says which check failed. */
export async function authenticateApiKeyOrThrow(db: Db, key: string | undefined): Promise<ApiKeyCaller> {
  if (!key) {
    throw new AppError("UNAUTHENTICATED", "Missing API key: send `Authorization: Bearer <api key>`");
  }
  if (!looksLikeApiKey(key)) throw invalidKey();
  const hash = hashApiKey(key);
  const ttl = cacheMs();
  if (!ttl) return readKey(db, hash, 0);
  const hit = cache.entries.get(hash);
  const age = hit && hit.epoch === cache.epoch ? Date.now() - hit.readAt : Infinity;
  if (hit && age < ttl) {
    throwIfExpired(hit.caller.key.expiresAt);
    // Past half its life, the entry is read again in the background while it still answers, so a key in steady
    // use never expires under its requests: at 50 connections, every request that arrived in the moment between
    // expiry and the new read waited for a read of its own (p99 150-210 ms against a p50 of 14, bench/api.ts).
    if (age >= ttl / 2) rereadInBackground(db, hash);
    touchLastUsed(db, hit.caller.apiKeyId, undefined);
    return hit.caller;
  }
  return readOnce(db, hash, ttl);
}

const readOnce = (db: Db, hash: string, ttl: number): Promise<ApiKeyCaller> => cache.reading.run(hash, cache.epoch, () => readKey(db, hash, ttl));

function rereadInBackground(db: Db, hash: string): void {
  if (cache.reading.running(hash)) return;
  // A failed re-read changes nothing: the entry answers until it expires, and the request after that reads the
  // key itself and gets the error (a revoked or suspended key's read has already dropped the entry).
  readOnce(db, hash, cacheMs()).catch((err: unknown) => {
    if (!(err instanceof AppError)) logger("auth").warn({ err }, "Re-reading a cached API key failed: its entry answers until it expires");
  });
}

/** The key's row: a caller (cached for `ttl` ms, when set), or UNAUTHENTICATED. */
async function readKey(db: Db, hash: string, ttl: number): Promise<ApiKeyCaller> {
  const epoch = cache.epoch;
  const readAt = Date.now();
  const row = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      accountId: true,
      mode: true,
      revokedAt: true,
      lastUsedAt: true,
      scopes: true,
      allowedProviders: true,
      allowedTypes: true,
      rpmLimit: true,
      expiresAt: true,
      account: { select: { plan: true, rpmLimit: true, parallelLimit: true, dailyLimit: true, suspendedAt: true } },
    },
  });
  if (!row || row.revokedAt) {
    cache.entries.delete(hash);
    throw invalidKey();
  }
  throwIfExpired(row.expiresAt);
  // Never cached while suspended; a suspension clears this instance's cache (apiKeysChanged), others within KEY_CACHE_MS.
  if (row.account.suspendedAt) {
    cache.entries.delete(hash);
    throw workspaceSuspended();
  }
  touchLastUsed(db, row.id, row.lastUsedAt);
  const caller = toCaller(row);
  if (ttl) remember(hash, { caller, readAt, epoch });
  return caller;
}

interface KeyRow {
  id: string;
  accountId: string;
  mode: KeyMode;
  scopes: string[];
  allowedProviders: string[];
  allowedTypes: GenerationType[];
  rpmLimit: number | null;
  expiresAt: Date | null;
  account: { plan: Plan; rpmLimit: number | null; parallelLimit: number | null; dailyLimit: number | null };
}

function toCaller(row: KeyRow): ApiKeyCaller {
  const key = { scopes: row.scopes.filter(isKeyScope), allowedProviders: row.allowedProviders, allowedTypes: row.allowedTypes, rpmLimit: row.rpmLimit, expiresAt: row.expiresAt };
  return { kind: "apiKey", accountId: row.accountId, apiKeyId: row.id, mode: row.mode, key, limits: effectiveLimits(row.account) };
}

/** A suspended workspace's key and sessions say so (the key is right; its workspace is on hold). */
export function workspaceSuspended(): AppError {
  return new AppError("WORKSPACE_SUSPENDED", "This workspace is suspended: contact Doitong support");
}

/** An expired key says so (unlike a wrong or revoked one): its owner knows it, and it will not work again. */
function throwIfExpired(expiresAt: Date | null): void {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("UNAUTHENTICATED", `This API key expired at ${expiresAt.toISOString()}: create a new one in the dashboard`, {
      reason: "key-expired",
      expiredAt: expiresAt.toISOString(),
    });
  }
}

function remember(hash: string, entry: CachedKey): void {
  cache.entries.delete(hash); // re-insert: Map order is then oldest-read first
  cache.entries.set(hash, entry);
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
}

function touchLastUsed(db: Db, apiKeyId: string, storedLastUsed: Date | null | undefined): void {
  const now = Date.now();
  let last = cache.lastUsedWrite.get(apiKeyId);
  if (last === undefined && storedLastUsed) last = storedLastUsed.getTime();
  if (last !== undefined && now - last < LAST_USED_EVERY_MS) {
    if (!cache.lastUsedWrite.has(apiKeyId)) cache.lastUsedWrite.set(apiKeyId, last);
    return;
  }
  cache.lastUsedWrite.set(apiKeyId, now);
  if (cache.lastUsedWrite.size > MAX_ENTRIES) cache.lastUsedWrite.delete(cache.lastUsedWrite.keys().next().value!);
  db.apiKey.update({ where: { id: apiKeyId }, data: { lastUsedAt: new Date(now) } }).then(
    () => lastUsedOutage.succeeded(),
    (err: unknown) => lastUsedOutage.failed(err, { apiKeyId }),
  );
}

function invalidKey(): AppError {
  return new AppError("UNAUTHENTICATED", "Invalid or revoked API key");
}

/** `Authorization: Bearer <key>` → key (case-insensitive scheme, surrounding spaces ignored). */
export function bearerToken(header: string | null): string | undefined {
  const match = header?.match(/^\s*Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
