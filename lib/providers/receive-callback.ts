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
 * The most a callback body may hold. Vendors post a status object of a few KB (results travel as URLs), so 1 MB is
 * far above any real one and far below what would let a stranger fill our memory.
 */
export const MAX_CALLBACK_BODY_BYTES = 1024 * 1024;

/**
 * What can be refused from the URL alone, before a byte of the body is read: an unknown provider, or a callback
 * for a generation whose token is wrong. (Account-wide events, HeyGen's, carry no token: only their signature,
 * over the body, can tell; their body is still capped.)
 */
export function refuseCallbackBeforeBody(providerId: string, query: URLSearchParams): CallbackReply | undefined {
  if (!hasAdapter(providerId)) return { status: 404, json: { error: "unknown provider" } };
  const generationId = query.get("generation") ?? "";
  if (generationId && !sameSecret(query.get("token") ?? "", callbackToken(generationId))) return { status: 401, json: { error: "invalid callback token" } };
  return undefined;
}

/**
 * A vendor's status callback for one generation. The URL carries our per-generation token, so strangers cannot
 * poke generations; a vendor signature, where the vendor signs, is checked by the adapter. Either way the callback
 * is only a hint: the follower re-queries the vendor, so a forged or replayed body cannot change a result.
 */
export async function receiveCallback(providerId: string, request: CallbackRequest): Promise<CallbackReply> {
  const refused = refuseCallbackBeforeBody(providerId, request.query);
  if (refused) return refused;
  const adapter = await getAdapter(providerId);
  const generationId = request.query.get("generation") ?? "";
  if (!generationId) return receiveAccountEvent(adapter, request);

  const client = await db();
  const generation = await client.generation.findUnique({ where: { id: generationId }, select: { provider: true, mode: true } });
  if (!generation || generation.provider !== providerId) return { status: 404, json: { error: "unknown generation" } };

  const outcome = adapter.receiveCallback ? await adapter.receiveCallback(request, await vendorContextFor(adapter, { generationId, mode: generation.mode })) : { authentic: true };
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
