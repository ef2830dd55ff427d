import { AppError } from "../errors";
import type { GenerationType, KeyMode } from "../generated/prisma/client";
import { providersFor } from "../providers/catalog";
import { availability } from "../providers/registry";
import type { ModelSpec, ProviderSpec } from "../providers/types";
import { admit, HEALTH_READ_MS, healthKey, type ProviderHealth, providerHealths } from "./health-store";
import { QUALITY_SCORES } from "./quality-scores";
import { type Priority, rankCandidates } from "./rank-candidates";
import { speedTables } from "./speed-stats";

/** Who the request is for: health circuits and speed history are kept per mode (and per account for TEST). */
export interface RoutingScope {
  mode: KeyMode;
  accountId: string;
  /**
   * The plan is for a generation being accepted now: a half-open circuit's one trial request goes to it. Estimates
   * and previews only look, so they never use up a recovering provider's trial.
   */
  accepting?: boolean;
  /** The API key's allowed providers (empty or absent: any); the others are excluded from the ranking. */
  allowedProviders?: readonly string[];
}

export interface RoutingCandidate {
  provider: string;
  /** 0–1 for candidates that could take the request; null for excluded ones. */
  score: number | null;
  reason: string;
}

/** Why this provider: recorded on the generation and returned by the API. */
export interface Routing {
  priority: Priority | null;
  qualityVersion: string;
  candidates: RoutingCandidate[];
  chosen: string;
  reason: string;
}

/** What planning one provider yields; the planner supplies it so routing stays free of input parsing. */
export interface ProviderPlan {
  provider: ProviderSpec;
  appliedOptions: Record<string, string | number | boolean>;
  creditCost: number;
}

interface RequestShape {
  type: GenerationType;
  input: Record<string, string | undefined>;
}

const INPUT_FIELDS = ["image", "endImage", "video", "audio"] as const;

/**
 * Ranks every catalog model that can do this request for the priority and returns them best first, with the
 * reason each one was excluded or scored as it was. Excluded: not configured (LIVE without keys), circuit open,
 * an input it cannot use or lacks, options it rejects, or a price above maxCost (all from `planOne`).
 * None left → INVALID_INPUT naming what excluded what (PROVIDER_UNAVAILABLE when only outages/config did).
 */
export async function rankProviders<P extends ProviderPlan>(
  request: RequestShape,
  priority: Priority,
  scope: RoutingScope,
  planOne: (provider: ProviderSpec) => P,
): Promise<{ ranked: (P & { score: number; reason: string })[]; routing: Omit<Routing, "chosen" | "reason">; health: Map<string, ProviderHealth> }> {
  // Each provider in catalog order: a plan, or why it was excluded. Health is read for the planned ones at once
  // (one round trip), then open circuits are excluded in their place, so `excluded` keeps the catalog's order.
  type Exclusion = RoutingCandidate & { kind: "request" | "unavailable"; error?: AppError };
  const outcomes: ({ plan: P } | { exclusion: Exclusion })[] = [];
  for (const provider of providersFor(request.type)) {
    const model = provider.models[request.type] as ModelSpec;
    if (scope.allowedProviders?.length && !scope.allowedProviders.includes(provider.id)) {
      outcomes.push({ exclusion: { provider: provider.id, score: null, reason: "excluded: not among the providers this API key may use", kind: "request" } });
      continue;
    }
    const { available, reason } = availability(provider, scope.mode);
    if (!available) {
      outcomes.push({ exclusion: { provider: provider.id, score: null, reason: `excluded: ${reason}`, kind: "unavailable" } });
      continue;
    }
    const unusable = INPUT_FIELDS.find((f) => request.input[f] && !model.inputs?.[f]);
    if (unusable) {
      outcomes.push({ exclusion: { provider: provider.id, score: null, reason: `excluded: cannot use input.${unusable}`, kind: "request" } });
      continue;
    }
    try {
      outcomes.push({ plan: planOne(provider) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A model an operator switched off is an outage of this provider for this request, not the client's mistake.
      const kind = error.code === "PROVIDER_UNAVAILABLE" ? "unavailable" : "request";
      outcomes.push({ exclusion: { provider: provider.id, score: null, reason: `excluded: ${error.message}`, kind, error } });
    }
  }
  const planned = outcomes.flatMap((o) => ("plan" in o ? [o.plan] : []));
  // A second-old copy will do for ranking (HEALTH_READ_MS): an automatic choice whose circuit just opened elsewhere
  // fails over like any vendor fault, and a half-open circuit's probe is still claimed in Redis.
  const healths = await providerHealths(
    planned.map((p) => healthKey(p.provider.id, scope)),
    Date.now(),
    { maxAgeMs: HEALTH_READ_MS },
  );
  const health = new Map(planned.map((p, i) => [p.provider.id, healths[i]]));
  const excluded: Exclusion[] = [];
  const plans: P[] = [];
  for (const outcome of outcomes) {
    if ("exclusion" in outcome) {
      excluded.push(outcome.exclusion);
      continue;
    }
    const { provider } = outcome.plan;
    const h = health.get(provider.id)!;
    if (h.state !== "open") {
      plans.push(outcome.plan);
      continue;
    }
    excluded.push({
      provider: provider.id,
      score: null,
      reason: h.forced
        ? "excluded: circuit held open by the operators"
        : `excluded: circuit open after repeated vendor failures (${Math.round(h.faultRate * 100)}% of the last ${h.samples} calls failed); retry after ${h.retryAt?.toISOString()}`,
      kind: "unavailable",
    });
  }
  // The local preview is not an AI model: it is chosen only when no model can take the request, and never as a fallback.
  if (plans.some((p) => !p.provider.preview)) {
    for (const preview of plans.filter((p) => p.provider.preview)) {
      excluded.push({
        provider: preview.provider.id,
        score: null,
        reason: "excluded: a preview renderer, not an AI model; chosen only when no model can take the request",
        kind: "unavailable",
      });
    }
    plans.splice(0, plans.length, ...plans.filter((p) => !p.provider.preview));
  }
  if (plans.length === 0) {
    // One provider could have taken it but for the request itself: its own error (with its field) says it best.
    const refusals = excluded.filter((e) => e.kind === "request");
    if (refusals.length === 1 && refusals[0].error) throw refusals[0].error;
    const onlyOutages = refusals.length === 0;
    const summary = excluded.map((e) => `${e.provider}: ${e.reason.replace(/^excluded: /, "")}`).join("; ");
    throw new AppError(onlyOutages ? "PROVIDER_UNAVAILABLE" : "INVALID_INPUT", `No ${request.type} provider can take this request. ${summary}`, {
      field: onlyOutages ? undefined : (commonField(refusals) ?? "provider"),
      excluded: excluded.map(({ provider, reason }) => ({ provider, reason })),
    });
  }
  const speeds = await speedTables(request.type, scope.mode);
  const scored = rankCandidates(
    plans.map((p) => ({
      provider: p.provider.id,
      name: p.provider.name,
      model: p.provider.models[request.type] as ModelSpec,
      appliedOptions: p.appliedOptions,
      creditCost: p.creditCost,
    })),
    request.type,
    priority,
    speeds,
  );
  const byId = new Map(plans.map((p) => [p.provider.id, p]));
  const ranked = scored.map((s) => ({ ...byId.get(s.provider)!, score: s.score, reason: s.reason }));
  return {
    ranked,
    health,
    routing: {
      priority,
      qualityVersion: QUALITY_SCORES.version,
      candidates: [
        ...ranked.map(({ provider, score, reason }) => ({ provider: provider.id, score, reason })),
        ...excluded.map(({ provider, score, reason }) => ({ provider, score, reason })),
      ],
    },
  };
}

/**
 * The best ranked candidate that admits a request now (a half-open circuit lets one probe through at a time).
 * `health`: what rankProviders read a moment ago, so a closed circuit admits without reading it a second time.
 */
export async function firstAdmitted<T extends { provider: ProviderSpec }>(ranked: T[], scope: RoutingScope, health?: Map<string, ProviderHealth>): Promise<T | undefined> {
  for (const candidate of ranked) {
    const known = health?.get(candidate.provider.id);
    if ((await admit(healthKey(candidate.provider.id, scope), { claim: scope.accepting === true, health: known })).allowed) return candidate;
  }
  return undefined;
}

/** A named provider is not rerouted; when its circuit is open the client hears it at once, before any charge. */
export async function throwIfCircuitOpen(provider: ProviderSpec, scope: RoutingScope): Promise<void> {
  const { allowed, health } = await admit(healthKey(provider.id, scope), { claim: scope.accepting === true });
  if (allowed) return;
  if (health.forced) {
    throw new AppError("PROVIDER_UNAVAILABLE", `${provider.name} is out of rotation right now (held by the operators); omit "provider" to let the API choose.`, {
      provider: provider.id,
      circuit: "forced_open",
    });
  }
  throw new AppError(
    "PROVIDER_UNAVAILABLE",
    `${provider.name} is failing right now (circuit open after repeated vendor errors); retry after ${health.retryAt?.toISOString() ?? "a short while"} or omit "provider" to let the API choose.`,
    { provider: provider.id, retryAfter: health.retryAt ? Math.max(1, Math.ceil((health.retryAt.getTime() - Date.now()) / 1000)) : 30 },
  );
}

/** The field every refusal names, when they agree (e.g. all reject options.duration). */
function commonField(refusals: { error?: AppError }[]): string | undefined {
  const fields = new Set(refusals.map((r) => r.error?.details.field));
  const [only] = fields;
  return fields.size === 1 && typeof only === "string" ? only : undefined;
}
