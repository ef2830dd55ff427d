import { findProvider } from "./catalog";
import type { ProviderAdapter, ProviderSpec } from "./types";

/**
 * Adapters that exist in this build, loaded on first use. A catalog provider without an adapter here, or whose
 * credentials are not all set, is listed but unavailable, and says why.
 */
const ADAPTERS: Record<string, () => Promise<ProviderAdapter>> = {
  local: async () => (await import("./local/adapter")).localAdapter,
};

export interface Availability {
  available: boolean;
  reason?: string;
}

export function availability(spec: ProviderSpec): Availability {
  const missing = spec.credentials.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    return { available: false, reason: `${spec.name} is not configured on this server (it needs ${missing.join(", ")}).` };
  }
  if (!ADAPTERS[spec.id]) {
    return { available: false, reason: `${spec.name} is not available on this server yet.` };
  }
  return { available: true };
}

export async function getAdapter(providerId: string): Promise<ProviderAdapter> {
  const load = ADAPTERS[providerId];
  if (!load || !findProvider(providerId)) throw new Error(`No adapter for provider ${providerId}`);
  return load();
}
