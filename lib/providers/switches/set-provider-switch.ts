import { db } from "../../db";
import { AppError, invalidInput } from "../../errors";
import type { CircuitOverride, ProviderSwitchState } from "../../generated/prisma/client";
import type { Operator } from "../../ops/operators";
import { recordOperatorAction } from "../../ops/record-operator-action";
import { findProvider } from "../catalog";
import type { ProviderSpec } from "../types";
import { providerSwitches, switchChanges } from "./switch-cache";
import type { SwitchRow } from "./switch-table";

export const SWITCH_STATES = ["ENABLED", "DISABLED", "TEST_ONLY"] as const satisfies readonly ProviderSwitchState[];
export const CIRCUIT_OVERRIDES = ["AUTO", "FORCED_OPEN", "FORCED_CLOSED"] as const satisfies readonly CircuitOverride[];
export const MAX_PUBLIC_MESSAGE = 300;

export interface ProviderSwitchChange {
  provider: string;
  /** A model id of the provider's lineup; absent or "" for the provider as a whole. */
  model?: string;
  state: ProviderSwitchState;
  /** What API clients naming it read; kept only while it is not ENABLED. */
  publicMessage?: string | null;
  reason: string;
  /** The operator's address, for the audit log. */
  ip?: string | null;
}

/**
 * An operator turns a provider or one of its models on, off for new generations, or test-only. Audited as
 * ops.provider_switched (before and after) in the same transaction; this instance applies it at once, the others
 * at their next refresh (switch-cache.ts). Generations already accepted keep running.
 */
export async function setProviderSwitch(operator: Operator, change: ProviderSwitchChange): Promise<SwitchRow> {
  const provider = providerOrThrow(change.provider);
  const model = change.model ?? "";
  if (model && !modelIds(provider).includes(model)) {
    throw invalidInput("model", `${provider.name} has no model "${model}"; its models: ${modelIds(provider).join(", ")}`);
  }
  if (!SWITCH_STATES.includes(change.state)) throw invalidInput("state", `state must be one of ${SWITCH_STATES.join(", ")}`);
  const message = change.state === "ENABLED" ? null : change.publicMessage?.trim() || null;
  if (message && message.length > MAX_PUBLIC_MESSAGE) throw invalidInput("publicMessage", `The public message is longer than ${MAX_PUBLIC_MESSAGE} characters`);
  return write(operator, { provider: provider.id, model, reason: change.reason, ip: change.ip, action: "ops.provider_switched" }, { state: change.state, publicMessage: message });
}

/** An operator holds a provider's circuit open (no traffic) or closed (traffic whatever its health), or lets it decide again. */
export async function forceCircuit(operator: Operator, change: { provider: string; circuit: CircuitOverride; reason: string; ip?: string | null }): Promise<SwitchRow> {
  const provider = providerOrThrow(change.provider);
  if (!CIRCUIT_OVERRIDES.includes(change.circuit)) throw invalidInput("circuit", `circuit must be one of ${CIRCUIT_OVERRIDES.join(", ")}`);
  return write(operator, { provider: provider.id, model: "", reason: change.reason, ip: change.ip, action: "ops.circuit_forced" }, { circuit: change.circuit });
}

async function write(
  operator: Operator,
  {
    provider,
    model,
    reason: rawReason,
    ip,
    action,
  }: { provider: string; model: string; reason: string; ip?: string | null; action: "ops.provider_switched" | "ops.circuit_forced" },
  data: { state?: ProviderSwitchState; publicMessage?: string | null; circuit?: CircuitOverride },
): Promise<SwitchRow> {
  const reason = rawReason.trim();
  if (!reason) throw invalidInput("reason", "A reason is required");
  const client = await db();
  const row = await client.$transaction(async (tx) => {
    const before = await tx.providerSwitch.findUnique({ where: { provider_model: { provider, model } } });
    const after = await tx.providerSwitch.upsert({
      where: { provider_model: { provider, model } },
      create: { provider, model, ...data, reason, updatedBy: operator.email },
      update: { ...data, reason, updatedBy: operator.email },
    });
    const view = (r: SwitchRow | null) => (r ? { state: r.state, publicMessage: r.publicMessage, circuit: r.circuit } : { state: "ENABLED", publicMessage: null, circuit: "AUTO" });
    await recordOperatorAction(
      { operator, action, target: model ? `model:${provider}/${model}` : `provider:${provider}`, reason, ip, before: view(before), after: view(after) },
      tx,
    );
    // Every other instance reads its table again when this commits.
    await switchChanges.publishOnCommit(tx, provider);
    return after;
  });
  // This one before answering (read-your-writes for the operator's next page).
  await providerSwitches().reload();
  return row;
}

function providerOrThrow(id: string): ProviderSpec {
  const provider = findProvider(id);
  if (!provider) throw new AppError("NOT_FOUND", `No provider "${id}"`, { field: "provider" });
  return provider;
}

/** Every model id of the provider's lineups still served, across its generation types. */
export function modelIds(provider: ProviderSpec): string[] {
  return [...new Set(Object.values(provider.models).flatMap((m) => m?.lineup.models.filter((c) => c.status !== "RETIRED").map((c) => c.id) ?? []))];
}
