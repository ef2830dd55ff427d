import { db } from "../db";
import type { GenerationType, ProviderSwitchState } from "../generated/prisma/client";
import { CATALOG } from "../providers/catalog";
import { hasAdapter, hasCredentials } from "../providers/registry";
import { modelIds } from "../providers/switches/set-provider-switch";
import { providerSwitches } from "../providers/switches/switch-cache";
import type { SwitchRow } from "../providers/switches/switch-table";
import type { CircuitState } from "./circuit";
import { healthKey, providerHealths } from "./health-store";
import { speedTables } from "./speed-stats";

/** How far back the console's error rate looks. */
export const ERROR_WINDOW_HOURS = 24;

export interface ProviderOverview {
  id: string;
  name: string;
  vendor: string;
  types: GenerationType[];
  preview: boolean;
  /** Live keys can reach the vendor (credentials set); test keys always reach its fake. */
  configured: boolean;
  switch: SwitchRow | null;
  models: { id: string; switch: SwitchRow | null }[];
  /** The live circuit (shared by every instance with Redis). */
  circuit: CircuitState;
  circuitForced: boolean;
  retryAt: Date | null;
  /** Vendor faults among the circuit's recent live calls (0–1) and how many calls that is. */
  faultRate: number;
  recentCalls: number;
  /** Live generations finished in the last ERROR_WINDOW_HOURS: how many, and the share that failed. */
  finished: number;
  errorRate: number | null;
  /** p50 start-to-result seconds of this week's completed live generations, per type (null without history). */
  p50Seconds: Partial<Record<GenerationType, number | null>>;
}

/**
 * Every catalog provider with its switches and live health, for the operators' console: the circuit and fault
 * rate routing uses (health-store.ts), the share of failed live generations over the last day, and the p50 time
 * from the same history routing ranks SPEED with (speed-stats.ts).
 */
export async function providerOverview(now = new Date()): Promise<ProviderOverview[]> {
  const table = await providerSwitches().reload();
  const client = await db();
  const since = new Date(now.getTime() - ERROR_WINDOW_HOURS * 3600_000);
  const outcomes = await client.generation.groupBy({
    by: ["provider", "status"],
    where: { mode: "LIVE", completedAt: { gte: since }, status: { in: ["COMPLETED", "FAILED"] } },
    _count: { _all: true },
  });
  const types = [...new Set(CATALOG.flatMap((p) => Object.keys(p.models) as GenerationType[]))];
  const speeds = new Map(await Promise.all(types.map(async (t) => [t, await speedTables(t, "LIVE")] as const)));
  const healths = await providerHealths(CATALOG.map((provider) => healthKey(provider.id, { mode: "LIVE", accountId: "" })));
  return CATALOG.map((provider, i) => {
    const health = healths[i];
    const count = (status: "COMPLETED" | "FAILED") => outcomes.find((o) => o.provider === provider.id && o.status === status)?._count._all ?? 0;
    const finished = count("COMPLETED") + count("FAILED");
    const providerTypes = Object.keys(provider.models) as GenerationType[];
    return {
      id: provider.id,
      name: provider.name,
      vendor: provider.vendor,
      types: providerTypes,
      preview: provider.preview ?? false,
      configured: hasAdapter(provider.id) && hasCredentials(provider),
      switch: table.get(provider.id) ?? null,
      models: modelIds(provider)
        .filter((id) => id !== provider.id)
        .map((id) => ({ id, switch: table.get(provider.id, id) ?? null })),
      circuit: health.state,
      circuitForced: health.forced,
      retryAt: health.retryAt,
      faultRate: health.faultRate,
      recentCalls: health.samples,
      finished,
      errorRate: finished ? count("FAILED") / finished : null,
      p50Seconds: Object.fromEntries(providerTypes.map((t) => [t, speeds.get(t)?.p50(provider.id)?.seconds ?? null])),
    };
  });
}

/** The state a switch row puts its target in (no row: enabled). */
export const stateOf = (row: SwitchRow | null): ProviderSwitchState => row?.state ?? "ENABLED";
