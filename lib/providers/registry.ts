import type { KeyMode } from "../generated/prisma/client";
import { findProvider } from "./catalog";
import type { ProviderAdapter, ProviderSpec } from "./types";

/**
 * Every provider's adapter, loaded on first use. Exhaustive: a catalog provider missing here fails the registry
 * test. A provider is available LIVE when its credentials are set, and always in TEST mode (its fake answers).
 */
const ADAPTERS: Record<string, () => Promise<ProviderAdapter>> = {
  local: async () => (await import("./local/adapter")).localAdapter,
  runway: async () => (await import("./runway/adapter")).runwayAdapter,
};

export interface Availability {
  available: boolean;
  reason?: string;
}

export function hasAdapter(providerId: string): boolean {
  return Object.hasOwn(ADAPTERS, providerId);
}

export function availability(spec: ProviderSpec, mode: KeyMode = "LIVE"): Availability {
  if (!hasAdapter(spec.id)) return { available: false, reason: `${spec.name} is not available on this server yet.` };
  if (mode === "TEST") return { available: true };
  const missing = spec.credentials.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    return { available: false, reason: `${spec.name} is not configured on this server (it needs ${missing.join(", ")}). Test keys can use it against its built-in fake.` };
  }
  return { available: true };
}

export async function getAdapter(providerId: string): Promise<ProviderAdapter> {
  if (!hasAdapter(providerId) || !findProvider(providerId)) throw new Error(`No adapter for provider ${providerId}`);
  return ADAPTERS[providerId]();
}
