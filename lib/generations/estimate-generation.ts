import type { Caller } from "../auth/caller";
import type { Warning } from "../providers/warnings";
import { planGeneration } from "./plan-generation";

export interface Estimate {
  provider: string;
  /** For every output asked for (numOutputs × the price of one). */
  creditCost: number;
  numOutputs: number;
  estimatedTime: number;
  options: Record<string, unknown>;
  appliedOptions: Record<string, unknown>;
  warnings: string[];
  warningDetails: Warning[];
}

/** What `generate` would choose and charge for this input, with nothing reserved or started. */
export async function estimateGeneration(caller: Caller, rawInput: unknown): Promise<Estimate> {
  const plan = await planGeneration(rawInput, { mode: caller.mode ?? "LIVE", accountId: caller.accountId, allowedProviders: caller.key?.allowedProviders });
  return {
    provider: plan.provider.id,
    creditCost: plan.creditCost,
    numOutputs: plan.numOutputs,
    estimatedTime: plan.estimatedTime,
    options: plan.options,
    appliedOptions: plan.appliedOptions,
    warnings: plan.warnings,
    warningDetails: plan.warningDetails,
  };
}
