import type { KeyMode } from "../generated/prisma/client";
import { findProvider } from "./catalog";
import type { ProviderAdapter, ProviderSpec } from "./types";
import { vendorSetting } from "../env";
import { switchesNow } from "./switches/switch-cache";
import { refusalMessage, type SwitchRefusal } from "./switches/switch-table";

/**
 * Every provider's adapter, loaded on first use. Exhaustive: a catalog provider missing here fails the registry
 * test. A provider is available LIVE when its credentials are set, and always in TEST mode (its fake answers),
 * unless an operator switched it off (or to test-only, for live keys).
 */
const ADAPTERS: Record<string, () => Promise<ProviderAdapter>> = {
  local: async () => (await import("./local/adapter")).localAdapter,
  runway: async () => (await import("./runway/adapter")).runwayAdapter,
  kling: async () => (await import("./kling/adapter")).klingAdapter,
  kolors: async () => (await import("./kling/adapter")).kolorsAdapter,
  minimax: async () => (await import("./minimax/adapter")).minimaxAdapter,
  luma: async () => (await import("./luma/adapter")).lumaAdapter,
  seedance: async () => (await import("./seedance/adapter")).seedanceAdapter,
  viggle: async () => (await import("./viggle/adapter")).viggleAdapter,
  topview: async () => (await import("./topview/adapter")).topviewAdapter,
  veo: async () => (await import("./veo/adapter")).veoAdapter,
  imagen: async () => (await import("./imagen/adapter")).imagenAdapter,
  "google-tts": async () => (await import("./google-tts/adapter")).googleTtsAdapter,
  "flux-dev": async () => (await import("./bfl/adapter")).fluxDevAdapter,
  "flux-pro": async () => (await import("./bfl/adapter")).fluxProAdapter,
  "flux-1.1-pro": async () => (await import("./bfl/adapter")).flux11ProAdapter,
  "flux-ultra": async () => (await import("./bfl/adapter")).fluxUltraAdapter,
  "flux-kontext": async () => (await import("./bfl/adapter")).fluxKontextAdapter,
  "flux-fast": async () => (await import("./replicate/adapter")).fluxFastAdapter,
  "stable-diffusion": async () => (await import("./stability/adapter")).stableDiffusionAdapter,
  hedra: async () => (await import("./hedra/adapter")).hedraAdapter,
  heygen: async () => (await import("./heygen/adapter")).heygenAdapter,
  elevenlabs: async () => (await import("./elevenlabs/adapter")).elevenLabsAdapter,
};

export interface Availability {
  available: boolean;
  reason?: string;
  /** Set when an operator's switch is what makes it unavailable (lib/providers/switches). */
  switched?: SwitchRefusal;
}

export function hasAdapter(providerId: string): boolean {
  return Object.hasOwn(ADAPTERS, providerId);
}

export function availability(spec: ProviderSpec, mode: KeyMode = "LIVE"): Availability {
  if (!hasAdapter(spec.id)) return { available: false, reason: `${spec.name} is not available on this server yet.` };
  const switched = switchesNow().refusal(spec.id, mode);
  if (switched) return { available: false, reason: refusalMessage(spec.name, switched), switched };
  if (mode === "TEST") return { available: true };
  if (hasCredentials(spec)) return { available: true };
  const sets = spec.credentialSets ?? [spec.credentials];
  const needs = sets.map((set) => set.filter((name) => !vendorSetting(name)).join(" + ")).join(", or ");
  return { available: false, reason: `${spec.name} is not configured on this server (it needs ${needs}). Test keys can use it against its built-in fake.` };
}

/** Whether live calls can reach the vendor: one complete set of its credentials is set. */
export function hasCredentials(spec: ProviderSpec): boolean {
  return (spec.credentialSets ?? [spec.credentials]).some((set) => set.every((name) => vendorSetting(name)));
}

export async function getAdapter(providerId: string): Promise<ProviderAdapter> {
  if (!hasAdapter(providerId) || !findProvider(providerId)) throw new Error(`No adapter for provider ${providerId}`);
  return ADAPTERS[providerId]();
}
