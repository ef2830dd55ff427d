import type { GenerationType, ModelSpec, ProviderSpec } from "../types";
import { flux11Pro, fluxDev, fluxFast, fluxKontext, fluxPro, fluxUltra, imagen, kolors, stableDiffusion } from "./image";
import { local } from "./local";
import { elevenlabs, googleTts, hedra, heygen } from "./speech-avatar";
import { kling, luma, minimax, runway, seedance, topview, veo, viggle } from "./video";

/** Every provider, in the order the catalog lists them. */
export const CATALOG: readonly ProviderSpec[] = [
  kling, minimax, veo, runway, luma, viggle, seedance, topview,
  imagen, fluxDev, fluxPro, flux11Pro, fluxUltra, fluxKontext, fluxFast, kolors, stableDiffusion,
  hedra, heygen, elevenlabs, googleTts,
  local,
];

const byId = new Map(CATALOG.map((p) => [p.id, p]));

export function findProvider(id: string): ProviderSpec | undefined {
  return byId.get(id);
}

export function providersFor(type: GenerationType): ProviderSpec[] {
  return CATALOG.filter((p) => p.models[type]);
}

export function modelFor(provider: ProviderSpec, type: GenerationType): ModelSpec | undefined {
  return provider.models[type];
}
