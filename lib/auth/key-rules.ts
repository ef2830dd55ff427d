import type { GenerationType } from "../generated/prisma/client";

/**
 * What an API key may do. `generate`: start and cancel generations, upload their inputs. `read`: look at
 * generations, events, the ledger, the balance and usage. `webhooks`: manage endpoints, secrets and deliveries.
 * A new key has all three; the dashboard (a signed-in person) is never limited by them.
 */
export const KEY_SCOPES = ["generate", "read", "webhooks"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** The limits an API key carries into every request (its spend cap is read in the admission transaction instead). */
export interface KeyRules {
  scopes: readonly KeyScope[];
  /** Empty: any provider / type. */
  allowedProviders: readonly string[];
  allowedTypes: readonly GenerationType[];
  /** Requests per minute for this key alone; null: only the plan's limit. */
  rpmLimit: number | null;
  expiresAt: Date | null;
}
