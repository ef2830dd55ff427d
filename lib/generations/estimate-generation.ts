import { planGeneration } from "./plan-generation";

export interface Estimate {
  provider: string;
  creditCost: number;
  estimatedTime: number;
  options: Record<string, unknown>;
}

/** What `generate` would choose and charge for this input, with nothing reserved or started. */
export function estimateGeneration(rawInput: unknown): Estimate {
  const plan = planGeneration(rawInput);
  return { provider: plan.provider.id, creditCost: plan.creditCost, estimatedTime: plan.estimatedTime, options: plan.options };
}
