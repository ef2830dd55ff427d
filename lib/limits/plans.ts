import type { Plan } from "../generated/prisma/client";

/** The plan table from the product page: the single source for enforcement, `me`, and the pages that show it. */
export interface PlanLimits {
  /** API requests per minute; null = unlimited. */
  requestsPerMinute: number | null;
  /** Generations running at once; null = unlimited. */
  parallel: number | null;
  /** Generations per UTC day; null = unlimited. */
  daily: number | null;
}

const DAY = 86_400;

/**
 * `maxRetentionSeconds`: the longest a generation's media may be kept (a request's `retention` and the workspace
 * default are capped by it; it is also the default when neither is set); null = kept until deleted.
 */
export const PLANS: Record<Plan, { name: string; limits: PlanLimits; custom: boolean; weight: number; maxRetentionSeconds: number | null }> = {
  FREE: { name: "Free", limits: { requestsPerMinute: 10, parallel: 1, daily: 100 }, custom: false, weight: 1, maxRetentionSeconds: 7 * DAY },
  STARTER: { name: "Starter", limits: { requestsPerMinute: 30, parallel: 3, daily: 1_000 }, custom: false, weight: 2, maxRetentionSeconds: 30 * DAY },
  PRO: { name: "Pro", limits: { requestsPerMinute: 60, parallel: 10, daily: 10_000 }, custom: false, weight: 3, maxRetentionSeconds: 90 * DAY },
  // Enterprise limits are set per account by an operator; these are the defaults until they are.
  ENTERPRISE: { name: "Enterprise", limits: { requestsPerMinute: 600, parallel: 50, daily: null }, custom: true, weight: 4, maxRetentionSeconds: null },
};

/**
 * Scheduling weights are kept small on purpose: an account gets `weight` turns at a runner slot for each turn of a
 * weight-1 account with work waiting (lib/jobs/claim-generations.ts), so a Free job waits behind at most a handful
 * of an Enterprise account's jobs, never behind its whole backlog.
 */
export const MAX_PLAN_WEIGHT = Math.max(...Object.values(PLANS).map((p) => p.weight));

export const PLAN_IDS = Object.keys(PLANS) as Plan[];
