import type { GenerationType, ModelSpec, ProviderSpec } from "../types";
import { flux11Pro, fluxDev, fluxKontext, fluxPro, fluxUltra } from "./bfl";
import { elevenlabs } from "./elevenlabs";
import { googleTts, imagen, veo } from "./google";
import { hedra } from "./hedra";
import { heygen } from "./heygen";
import { kling, kolors } from "./kling";
import { local } from "./local";
import { luma } from "./luma";
import { minimax } from "./minimax";
import { fluxFast } from "./replicate";
import { runway } from "./runway";
import { seedance } from "./seedance";
import { stableDiffusion } from "./stability";
import { topview } from "./topview";
import { viggle } from "./viggle";

/** Every provider, in the order the catalog lists them. */
export const CATALOG: readonly ProviderSpec[] = [
  kling,
  minimax,
  veo,
  runway,
  luma,
  viggle,
  seedance,
  topview,
  imagen,
  fluxDev,
  fluxPro,
  flux11Pro,
  fluxUltra,
  fluxKontext,
  fluxFast,
  kolors,
  stableDiffusion,
  hedra,
  heygen,
  elevenlabs,
  googleTts,
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
