import { AppError } from "../../errors";
import type { GenerationType, KeyMode } from "../../generated/prisma/client";
import { chosenModel } from "../lineup";
import type { ModelSpec, Options, ProviderSpec } from "../types";
import { switchesNow } from "./switch-cache";
import { refusalMessage, type SwitchRefusal } from "./switch-table";

/**
 * PROVIDER_UNAVAILABLE for a provider or model an operator switched off: the operator's public message in the
 * message and, as data, in extensions (operatorMessage, switch, provider, model).
 */
export function switchRefusalError(provider: ProviderSpec, refusal: SwitchRefusal): AppError {
  return new AppError("PROVIDER_UNAVAILABLE", `${refusalMessage(provider.name, refusal)} Omit "provider" to let the API choose.`, {
    provider: provider.id,
    ...(refusal.model ? { model: refusal.model } : {}),
    switch: refusal.state,
    operatorMessage: refusal.publicMessage,
  });
}

/** Throws when the model these options run on is switched off for this mode (the provider's own switch is availability's). */
export function throwIfModelSwitchedOff(provider: ProviderSpec, type: GenerationType, appliedOptions: Options, mode: KeyMode): void {
  const model = chosenModel(provider.models[type] as ModelSpec, appliedOptions);
  const refusal = switchesNow().refusal(provider.id, mode, model.id);
  if (refusal?.model) throw switchRefusalError(provider, refusal);
}
