import type { KeyMode, Role } from "../generated/prisma/client";
import type { PlanLimits } from "../limits/plans";
import type { KeyRules } from "./key-rules";

/** Who is calling a domain verb. Every query a verb makes is scoped by `accountId`. */
export interface Caller {
  accountId: string;
  /** The API key used, or null for the dashboard and system work. */
  apiKeyId: string | null;
  /** TEST callers (test API keys) run against the vendors' fakes and spend no credits. Default LIVE. */
  mode?: KeyMode;
  /** The API key's own rules (scopes, allowed providers and types); absent for the dashboard and system work. */
  key?: KeyRules;
  /** The request's client address, for the audit log (lib/net/client-address.ts). */
  ip?: string | null;
}

/** A caller of the public API, authenticated by an API key. */
export interface ApiKeyCaller extends Caller {
  kind: "apiKey";
  apiKeyId: string;
  mode: KeyMode;
  key: KeyRules;
  /** The account's limits as of this request (plan changes apply to the next request). */
  limits: PlanLimits;
}

/** A person signed in to the dashboard. */
export interface SessionCaller extends Caller {
  kind: "session";
  apiKeyId: null;
  userId: string;
  /** The person's (confirmed) email. */
  email: string;
  /** Their role in the workspace they act in (`accountId`): lib/teams/permissions.ts says what it allows. */
  role: Role;
  limits: PlanLimits;
}

export type RequestCaller = ApiKeyCaller | SessionCaller;

/**
 * What a caller may see of its account's mode-bound data (generations, their events, webhook endpoints, deliveries
 * and secrets): a test key only test-mode data — test keys live in CI and on laptops, so one that leaks must not
 * expose or touch live work. Live keys and the dashboard act for the whole account.
 */
export function modeScope(caller: Caller): { mode?: "TEST" } {
  return caller.apiKeyId && caller.mode === "TEST" ? { mode: "TEST" } : {};
}

/** The signed-in person behind a caller; null for an API key and the system. */
export function callerUserId(caller: Caller): string | null {
  return "userId" in caller && typeof caller.userId === "string" ? caller.userId : null;
}

/** The caller as the audit log records it (lib/audit/record-audit.ts): the person or the key, and the address. */
export function auditActor(caller: Caller): { userId: string | null; apiKeyId: string | null; ip: string | null } {
  return { userId: callerUserId(caller), apiKeyId: caller.apiKeyId, ip: caller.ip ?? null };
}
