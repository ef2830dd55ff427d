import type { CircuitOverride, KeyMode, ProviderSwitchState } from "../../generated/prisma/client";

/** One stored switch: a provider (model "") or one model of its lineup. */
export interface SwitchRow {
  provider: string;
  model: string;
  state: ProviderSwitchState;
  publicMessage: string | null;
  circuit: CircuitOverride;
  reason: string;
  updatedBy: string;
  updatedAt: Date;
}

/** Why a switch keeps a caller away, in words for the API (English) and as data for its error's extensions. */
export interface SwitchRefusal {
  state: "DISABLED" | "TEST_ONLY";
  /** The operator's message for clients; null when they wrote none. */
  publicMessage: string | null;
  /** "" for the provider as a whole, else the model id. */
  model: string;
}

/**
 * The operators' switches as one immutable table, asked synchronously on every routing decision. No row means
 * enabled; TEST_ONLY refuses live keys only (test keys run against the built-in fakes, never the vendor).
 */
export class SwitchTable {
  private readonly rows = new Map<string, SwitchRow>();

  constructor(rows: readonly SwitchRow[] = []) {
    for (const row of rows) this.rows.set(`${row.provider}/${row.model}`, row);
  }

  get(provider: string, model = ""): SwitchRow | undefined {
    return this.rows.get(`${provider}/${model}`);
  }

  all(): SwitchRow[] {
    return [...this.rows.values()];
  }

  /** The refusal for this mode from the provider's switch, then the model's; undefined when it may be used. */
  refusal(provider: string, mode: KeyMode, model?: string): SwitchRefusal | undefined {
    for (const row of [this.get(provider), model ? this.get(provider, model) : undefined]) {
      if (!row) continue;
      if (row.state === "DISABLED" || (row.state === "TEST_ONLY" && mode === "LIVE")) {
        return { state: row.state, publicMessage: row.publicMessage, model: row.model };
      }
    }
    return undefined;
  }

  /** The operator's hold on the provider's circuit, or "AUTO". */
  circuit(provider: string): CircuitOverride {
    return this.get(provider)?.circuit ?? "AUTO";
  }
}

/** The English sentence an API client reads for a refusal (the operator's message when there is one). */
export function refusalMessage(name: string, refusal: SwitchRefusal): string {
  const what = refusal.model ? `${name} ${refusal.model}` : name;
  const why = refusal.state === "TEST_ONLY" ? "is open to test keys only right now" : "is not taking new generations right now";
  return `${what} ${why}${refusal.publicMessage ? `: ${refusal.publicMessage}` : ""}.`;
}
