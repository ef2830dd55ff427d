import { env } from "../env";
import { invalidInput } from "../errors";
import type { Generation, Plan } from "../generated/prisma/client";
import { PLANS } from "./plans";

/**
 * How long generated media is kept. Written as a number and a unit — `90m`, `1h`, `7d`, `30d` — or `forever` (only
 * on a plan without a maximum). A generation's retention is its request's `retention`, else the workspace default,
 * else the plan's maximum; the plan's maximum caps all three (a request above it is refused, a workspace default
 * above it — left from a bigger plan — is cut down to it).
 */
const UNITS = { m: 60, h: 3_600, d: 86_400 } as const;
export const MIN_RETENTION_SECONDS = 3_600;
const MAX_DAYS = 3_650;

/** `retention` as seconds, or null for `forever`; INVALID_INPUT on `field` for a malformed or out-of-range value. */
export function parseRetention(text: string, plan: Plan, field = "retention"): number | null {
  const value = text.trim().toLowerCase();
  const max = PLANS[plan].maxRetentionSeconds;
  if (value === "forever") {
    if (max === null) return null;
    throw invalidInput(field, `The ${PLANS[plan].name} plan keeps media at most ${formatRetention(max)}; "forever" needs a plan without a maximum`, "over-plan-maximum");
  }
  const match = /^(\d{1,6})([mhd])$/.exec(value);
  if (!match) throw invalidInput(field, `retention is a number and a unit (m, h or d), e.g. "1h", "7d", "30d"; got ${JSON.stringify(text)}`, "format");
  const seconds = Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
  if (seconds < MIN_RETENTION_SECONDS) throw invalidInput(field, "retention must be at least 1h", "too-short");
  if (seconds > MAX_DAYS * UNITS.d) throw invalidInput(field, `retention may be at most ${MAX_DAYS}d`, "over-plan-maximum");
  if (max !== null && seconds > max) {
    throw invalidInput(field, `The ${PLANS[plan].name} plan keeps media at most ${formatRetention(max)}`, "over-plan-maximum");
  }
  return seconds;
}

/** Seconds as the largest whole unit (`7d`, `36h`, `90m`); null is `forever`. */
export function formatRetention(seconds: number | null): string {
  if (seconds === null) return "forever";
  if (seconds % UNITS.d === 0) return `${seconds / UNITS.d}d`;
  if (seconds % UNITS.h === 0) return `${seconds / UNITS.h}h`;
  return `${Math.ceil(seconds / UNITS.m)}m`;
}

/** The retention a generation gets: asked for (already within the plan), else the workspace's, capped by the plan. */
export function effectiveRetention(plan: Plan, workspaceDefault: number | null, requested?: number | null): number | null {
  if (requested !== undefined) return requested;
  const max = PLANS[plan].maxRetentionSeconds;
  if (workspaceDefault === null) return max;
  return max === null ? workspaceDefault : Math.min(workspaceDefault, max);
}

/** When the media of a generation that finished at `finishedAt` is due for deletion (DOITONG_RETENTION_TIME_SCALE applies). */
export function mediaExpiry(retentionSeconds: number | null, finishedAt: Date): Date | null {
  if (retentionSeconds === null) return null;
  return new Date(finishedAt.getTime() + (retentionSeconds * 1000) / env().DOITONG_RETENTION_TIME_SCALE);
}

export type MediaState = Pick<Generation, "status" | "storageKey" | "mediaExpiresAt" | "mediaExpiredAt" | "deletedAt">;

/**
 * Whether a generation's files can still be served. By the clock as well as by `mediaExpiredAt`: a row read before
 * the purge ran (a cached copy, a purge running late) must not hand out links to files that are due to go.
 */
export function hasMedia(g: MediaState, now = Date.now()): boolean {
  return g.status === "COMPLETED" && Boolean(g.storageKey) && !mediaDeleted(g, now);
}

/** Whether a generation's files were deleted on purpose (or are due to be): retention ran out, or it was deleted. */
export function mediaDeleted(g: Pick<MediaState, "mediaExpiresAt" | "mediaExpiredAt" | "deletedAt">, now = Date.now()): boolean {
  return Boolean(g.mediaExpiredAt || g.deletedAt || (g.mediaExpiresAt && g.mediaExpiresAt.getTime() <= now));
}
