import { createHmac } from "node:crypto";
import { env, vendorSetting } from "../env";
import { serverSecret } from "../storage/secret";
import { sandboxBaseUrl } from "./sandbox/sandbox-server";
import type { GenerationJob, ProviderAdapter, VendorContext } from "./types";

/** Waits against the built-in fakes run this much faster than against vendors (poll intervals, Retry-After). */
const SANDBOX_TIME_SCALE = 0.05;

/**
 * Where one job's vendor calls go. LIVE: the vendor (or `<VENDOR>_BASE_URL`) with the server's credentials. TEST:
 * the vendor's built-in fake with fixed fake credentials — a test key can never reach a vendor.
 */
export async function vendorContextFor(adapter: ProviderAdapter, job: Pick<GenerationJob, "generationId" | "mode">): Promise<VendorContext> {
  // The local preview makes its files here in both modes; every vendor adapter has a fake for TEST.
  const sandbox = job.mode === "TEST" && adapter.createFake !== undefined;
  const publicUrl = env().DOITONG_PUBLIC_URL?.replace(/\/+$/, "");
  const callbackSecret = callbackToken(job.generationId);
  return {
    sandbox,
    baseUrl: sandbox ? await sandboxBaseUrl(adapter) : (adapter.baseUrlEnv && vendorSetting(adapter.baseUrlEnv)) || adapter.defaultBaseUrl,
    credential(name) {
      if (sandbox) return `sandbox-${name.toLowerCase().replace(/_/g, "-")}`;
      const value = vendorSetting(name);
      if (!value) throw new Error(`${name} is not set`);
      return value;
    },
    setting: (name) => (sandbox ? undefined : vendorSetting(name)),
    // DOITONG_VENDOR_TIME_SCALE shortens live waits too, for fault-injection tests against fakes at *_BASE_URL.
    timeScale: sandbox ? env().DOITONG_SANDBOX_TIME_SCALE || SANDBOX_TIME_SCALE : env().DOITONG_VENDOR_TIME_SCALE || 1,
    callbackUrl: publicUrl ? `${publicUrl}/api/providers/${adapter.id}/callback?generation=${encodeURIComponent(job.generationId)}&token=${callbackSecret}` : undefined,
    callbackSecret,
  };
}

/** A per-generation secret: proves a callback URL (or a BFL webhook secret) was made by us for this generation. */
export function callbackToken(generationId: string): string {
  return createHmac("sha256", serverSecret()).update(`vendor-callback:${generationId}`).digest("base64url").slice(0, 32);
}
