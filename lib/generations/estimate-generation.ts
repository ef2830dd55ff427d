import type { Caller } from "../auth/caller";
import { planGeneration } from "./plan-generation";

export interface Estimate {
  provider: string;
  creditCost: number;
  estimatedTime: number;
  options: Record<string, unknown>;
  appliedOptions: Record<string, unknown>;
  warnings: string[];
}

/** What `generate` would choose and charge for this input, with nothing reserved or started. */
export function estimateGeneration(caller: Caller, rawInput: unknown): Estimate {
  const plan = planGeneration(rawInput, caller.mode ?? "LIVE");
  return {
    provider: plan.provider.id,
    creditCost: plan.creditCost,
    estimatedTime: plan.estimatedTime,
    options: plan.options,
    appliedOptions: plan.appliedOptions,
    warnings: plan.warnings,
  };
}
