import type { DocumentNode } from "graphql";

/**
 * Envelop (the plugin system under Yoga) types the GraphQL values its hooks hand over as `any`, because it works
 * with several GraphQL implementations. This server runs graphql-js, so they are graphql-js values: these
 * functions say so once, keeping `any` out of the plugins.
 */
export function envelopDocument(value: unknown): DocumentNode {
  return value as DocumentNode;
}

/** An execution's operation name as Envelop passes it (absent, null or a string). */
export function envelopOperationName(value: unknown): string | null | undefined {
  return typeof value === "string" ? value : undefined;
}

/** An execution's variables as Envelop passes them (a JSON object, or nothing). */
export function envelopVariables(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
