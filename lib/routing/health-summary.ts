import type { GenerationType } from "../generated/prisma/client";
import type { RoutingScope } from "./choose-provider";
import { healthKey, providerHealth } from "./health-store";
import { speedTables } from "./speed-stats";

export interface HealthSummary {
  circuit: "closed" | "open" | "half_open";
  /** Share of vendor faults among the recent calls this server made (0–1). */
  faultRate: number;
  recentCalls: number;
  /** Median start-to-result time of this week's completed generations; null without history. */
  p50Seconds: number | null;
  completedRuns: number;
  retryAt: Date | null;
}

/** Live health of one provider for the catalog: circuit state and failure rate, p50 time from our history. */
export async function healthSummary(providerId: string, type: GenerationType, scope: RoutingScope): Promise<HealthSummary> {
  const [health, speeds] = await Promise.all([providerHealth(healthKey(providerId, scope)), speedTables(type, scope.mode)]);
  const p50 = speeds.p50(providerId);
  return {
    circuit: health.state,
    faultRate: Math.round(health.faultRate * 1000) / 1000,
    recentCalls: health.samples,
    p50Seconds: p50 ? Math.round(p50.seconds * 10) / 10 : null,
    completedRuns: p50?.samples ?? 0,
    retryAt: health.retryAt,
  };
}
