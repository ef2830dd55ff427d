/**
 * Test keys run every provider against its built-in fake. A marker in the prompt picks what the fake does, so a
 * developer can try each error path from a laptop: `"a cat [sandbox:moderation]"`.
 */
export const SANDBOX_SCENARIOS = {
  rate_limit: "The vendor answers 429 (its own rate-limit shape) to every submit → PROVIDER_UNAVAILABLE",
  rate_limit_once: "The first submit gets 429 with Retry-After, the retry succeeds",
  outage: "The vendor answers 503 → PROVIDER_UNAVAILABLE",
  invalid: "The vendor rejects the parameters → INVALID_INPUT",
  moderation: "The vendor accepts the job, then its safety filter blocks it → GENERATION_FAILED",
  fail: "The vendor accepts the job, then it fails → GENERATION_FAILED",
  timeout: "The job never finishes → GENERATION_FAILED after the model's time limit",
  expired_url: "The result link has already expired when we fetch it → GENERATION_FAILED",
  malformed: "The vendor answers the submit with something that is not JSON → PROVIDER_UNAVAILABLE",
  partial: "Every second job with this prompt fails (numOutputs made as separate jobs) → COMPLETED with the outputs made, charged for those",
} as const;

export type Scenario = keyof typeof SANDBOX_SCENARIOS | "ok";

export function scenarioOf(text: unknown): Scenario {
  const match = typeof text === "string" ? /\[sandbox:([a-z_]+)\]/.exec(text) : null;
  return match && match[1] in SANDBOX_SCENARIOS ? (match[1] as Scenario) : "ok";
}

/** For `rate_limit_once`: true the first time a key is seen by this fake. */
export class FirstTime {
  private readonly seen = new Set<string>();
  check(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
