import type { Plan } from "../generated/prisma/client";
import { PLANS, type PlanLimits } from "./plans";

export interface LimitedAccount {
  plan: Plan;
  rpmLimit: number | null;
  parallelLimit: number | null;
  dailyLimit: number | null;
}

/** Generations that may wait beyond the running ones, per parallel slot, before `generate` says RATE_LIMIT. */
export const QUEUE_PER_SLOT = 10;

/** The limits in force for an account: its own custom limits where set (0 = unlimited), else its plan's. */
export function effectiveLimits(account: LimitedAccount): PlanLimits {
  const base = PLANS[account.plan].limits;
  const pick = (custom: number | null, fallback: number | null) => (custom === null ? fallback : custom === 0 ? null : custom);
  return {
    requestsPerMinute: pick(account.rpmLimit, base.requestsPerMinute),
    parallel: pick(account.parallelLimit, base.parallel),
    daily: pick(account.dailyLimit, base.daily),
  };
}

/** How many generations may be QUEUED or PROCESSING at once; null = unlimited. */
export function activeCapacity(limits: PlanLimits): number | null {
  return limits.parallel === null ? null : limits.parallel * (1 + QUEUE_PER_SLOT);
}
