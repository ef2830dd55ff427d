import { timingSafeEqual } from "node:crypto";
import { db } from "../db";
import { signalVendorCallback } from "../dispatch/dispatch-generation";
import { getAdapter, hasAdapter } from "./registry";
import type { CallbackRequest, ProviderAdapter } from "./types";
import { callbackToken, vendorContextFor } from "./vendor-context";

export interface CallbackReply {
  status: number;
  json: unknown;
}

/**
 * A vendor's status callback for one generation. The URL carries our per-generation token, so strangers cannot
 * poke generations; a vendor signature, where the vendor signs, is checked by the adapter. Either way the callback
 * is only a hint: the follower re-queries the vendor, so a forged or replayed body cannot change a result.
 */
export async function receiveCallback(providerId: string, request: CallbackRequest): Promise<CallbackReply> {
  if (!hasAdapter(providerId)) return { status: 404, json: { error: "unknown provider" } };
  const adapter = await getAdapter(providerId);
  const generationId = request.query.get("generation") ?? "";
  if (!generationId) return receiveAccountEvent(adapter, request);
  const token = request.query.get("token") ?? "";
  if (!sameSecret(token, callbackToken(generationId))) return { status: 401, json: { error: "invalid callback token" } };

  const client = await db();
  const generation = await client.generation.findUnique({ where: { id: generationId }, select: { provider: true, mode: true } });
  if (!generation || generation.provider !== providerId) return { status: 404, json: { error: "unknown generation" } };

  const outcome = adapter.receiveCallback
    ? await adapter.receiveCallback(request, await vendorContextFor(adapter, { generationId, mode: generation.mode }))
    : { authentic: true };
  if (!outcome.authentic) return { status: 401, json: { error: "invalid signature" } };
  await signalVendorCallback(generationId);
  return outcome.reply ?? { status: 200, json: { ok: true } };
}

/**
 * An event posted to the vendor's one registered endpoint (HeyGen): accepted only when the vendor's signature
 * checks out and it names one of this provider's generations.
 */
async function receiveAccountEvent(adapter: ProviderAdapter, request: CallbackRequest): Promise<CallbackReply> {
  if (!adapter.receiveCallback) return { status: 401, json: { error: "invalid callback token" } };
  const outcome = await adapter.receiveCallback(request, await vendorContextFor(adapter, { generationId: "", mode: "LIVE" }));
  if (!outcome.authentic || !outcome.generationId) return { status: 401, json: { error: "invalid signature" } };
  const client = await db();
  const generation = await client.generation.findUnique({ where: { id: outcome.generationId }, select: { provider: true } });
  if (generation?.provider !== adapter.id) return { status: 404, json: { error: "unknown generation" } };
  await signalVendorCallback(outcome.generationId);
  return outcome.reply ?? { status: 200, json: { ok: true } };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
