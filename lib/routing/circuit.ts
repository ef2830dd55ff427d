import { env } from "../env";

/**
 * The circuit breaker's rules, as pure functions over a small record (kept in memory or in Redis by
 * health-store.ts). Closed: requests flow. Open: after 5 vendor faults in a row, or half of the last 20 calls
 * (with at least 10) failing — the provider is skipped until a cool-down passes (30 s, doubling per re-open up to
 * 10 min). Half-open: after the cool-down one request probes it; success closes the circuit, a fault re-opens it.
 */
export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitRecord {
  /** The last outcomes, newest last: "1" success, "0" vendor fault. */
  outcomes: string;
  consecutiveFaults: number;
  /** Epoch ms until which the circuit is open; 0 when it has not tripped. */
  openUntil: number;
  /** How many times it opened in a row without a success between (drives the back-off). */
  opens: number;
}

export const WINDOW = 20;
export const CONSECUTIVE_FAULTS_TO_OPEN = 5;
const MIN_SAMPLES_FOR_RATE = 10;
const FAULT_RATE_TO_OPEN = 0.5;
const MAX_COOLDOWN_MS = 10 * 60_000;

export const emptyRecord = (): CircuitRecord => ({ outcomes: "", consecutiveFaults: 0, openUntil: 0, opens: 0 });

export function baseCooldownMs(): number {
  return env().DOITONG_CIRCUIT_COOLDOWN_MS || 30_000;
}

export function stateOf(record: CircuitRecord, now: number): CircuitState {
  if (record.openUntil === 0) return "closed";
  return record.openUntil > now ? "open" : "half_open";
}

export function faultRate(record: CircuitRecord): number {
  if (record.outcomes.length === 0) return 0;
  return [...record.outcomes].filter((o) => o === "0").length / record.outcomes.length;
}

/** The record after one more outcome. */
export function withOutcome(record: CircuitRecord, ok: boolean, now: number): CircuitRecord {
  const outcomes = (record.outcomes + (ok ? "1" : "0")).slice(-WINDOW);
  if (ok) return { outcomes, consecutiveFaults: 0, openUntil: 0, opens: 0 };
  const next = { ...record, outcomes, consecutiveFaults: record.consecutiveFaults + 1 };
  const state = stateOf(record, now);
  const trips =
    state === "half_open" ||
    (state === "closed" && (next.consecutiveFaults >= CONSECUTIVE_FAULTS_TO_OPEN || (outcomes.length >= MIN_SAMPLES_FOR_RATE && faultRate(next) >= FAULT_RATE_TO_OPEN)));
  if (!trips) return next;
  const cooldown = Math.min(MAX_COOLDOWN_MS, baseCooldownMs() * 2 ** record.opens);
  return { ...next, openUntil: now + cooldown, opens: record.opens + 1 };
}
