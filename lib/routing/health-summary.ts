import type { GenerationType } from "../generated/prisma/client";
import { switchesNow } from "../providers/switches/switch-cache";
import type { RoutingScope } from "./choose-provider";
import { healthKey, providerHealths } from "./health-store";
import { speedTables } from "./speed-stats";

/**
 * One word for a provider's state as a client sees it. The operators' switches come first: a provider they switched
 * off, or whose circuit they hold open, must never read as healthy because its vendor has not failed lately.
 */
export type ProviderStatus = "operational" | "degraded" | "down" | "paused" | "switched_off";

export interface HealthSummary {
  status: ProviderStatus;
  circuit: "closed" | "open" | "half_open";
  /** True while an operator holds the circuit open or closed (it then ignores the vendor's faults). */
  circuitHeld: boolean;
  /** Share of vendor faults among the recent calls this server made (0–1). */
  faultRate: number;
  recentCalls: number;
  /** Median start-to-result time of this week's completed generations; null without history. */
  p50Seconds: number | null;
  completedRuns: number;
  retryAt: Date | null;
}

/**
 * Live health of providers for the catalog: circuit state and failure rate, p50 time from our history, and the
 * operators' hold on each. One read of the health store for all of them (an MGET on Redis), not one per provider.
 * The caller loads the switch table first (providerSwitches().ensureLoaded()).
 */
export async function healthSummaries(providerIds: readonly string[], type: GenerationType, scope: RoutingScope): Promise<HealthSummary[]> {
  const [healths, speeds] = await Promise.all([providerHealths(providerIds.map((id) => healthKey(id, scope))), speedTables(type, scope.mode)]);
  return providerIds.map((providerId, i) => {
    const health = healths[i];
    const p50 = speeds.p50(providerId);
    return {
      status: statusOf(providerId, scope, health),
      circuit: health.state,
      circuitHeld: health.forced,
      faultRate: Math.round(health.faultRate * 1000) / 1000,
      recentCalls: health.samples,
      p50Seconds: p50 ? Math.round(p50.seconds * 10) / 10 : null,
      completedRuns: p50?.samples ?? 0,
      retryAt: health.retryAt,
    };
  });
}

function statusOf(providerId: string, scope: RoutingScope, health: { state: HealthSummary["circuit"]; forced: boolean }): ProviderStatus {
  // DISABLED, or TEST_ONLY seen with a live key: refused whatever its circuit says.
  if (switchesNow().refusal(providerId, scope.mode)) return "switched_off";
  switch (health.state) {
    case "open":
      return health.forced ? "paused" : "down";
    case "half_open":
      return "degraded";
    case "closed":
      return "operational";
  }
}
