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

export const PLANS: Record<Plan, { name: string; limits: PlanLimits; custom: boolean }> = {
  FREE: { name: "Free", limits: { requestsPerMinute: 10, parallel: 1, daily: 100 }, custom: false },
  STARTER: { name: "Starter", limits: { requestsPerMinute: 30, parallel: 3, daily: 1_000 }, custom: false },
  PRO: { name: "Pro", limits: { requestsPerMinute: 60, parallel: 10, daily: 10_000 }, custom: false },
  // Enterprise limits are set per account by an operator; these are the defaults until they are.
  ENTERPRISE: { name: "Enterprise", limits: { requestsPerMinute: 600, parallel: 50, daily: null }, custom: true },
};

export const PLAN_IDS = Object.keys(PLANS) as Plan[];
