import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifyWebhook, WebhookVerificationError } from "@/sdk/typescript/src/index";

// The SDK's verifier against signatures made by the Standard Webhooks reference library, which is what the API
// signs deliveries with (lib/webhooks/deliver-webhook.ts).
const secret = `whsec_${Buffer.from("a secret of twenty-four b").toString("base64")}`;
const other = `whsec_${Buffer.from("another secret, 24 bytes").toString("base64")}`;
const body = JSON.stringify({ type: "generation.completed", data: { id: "gen_1", status: "COMPLETED" } });
const now = new Date();
const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));
const headers = (signature: string, at = now) => ({ "webhook-id": "msg_1", "webhook-timestamp": seconds(at), "webhook-signature": signature });

describe("verifyWebhook", () => {
  it("accepts a delivery signed with the secret and returns its payload", async () => {
    const payload = await verifyWebhook<{ data: { status: string } }>(body, headers(new Webhook(secret).sign("msg_1", now, body)), secret);
    expect(payload.data.status).toBe("COMPLETED");
  });

  it("accepts Fetch Headers, bytes, and either of two signatures (a secret rotation)", async () => {
    const both = `${new Webhook(other).sign("msg_1", now, body)} ${new Webhook(secret).sign("msg_1", now, body)}`;
    await expect(verifyWebhook(new TextEncoder().encode(body), new Headers(headers(both)), secret)).resolves.toMatchObject({ type: "generation.completed" });
  });

  it("refuses a changed body, another secret, an old timestamp and missing headers", async () => {
    const signed = new Webhook(secret).sign("msg_1", now, body);
    await expect(verifyWebhook(body.replace("COMPLETED", "FAILED"), headers(signed), secret)).rejects.toThrow("No matching signature");
    await expect(verifyWebhook(body, headers(new Webhook(other).sign("msg_1", now, body)), secret)).rejects.toThrow(WebhookVerificationError);
    const old = new Date(now.getTime() - 10 * 60_000);
    await expect(verifyWebhook(body, headers(new Webhook(secret).sign("msg_1", old, body), old), secret)).rejects.toThrow("too old");
    await expect(verifyWebhook(body, {}, secret)).rejects.toMatchObject({ code: "WEBHOOK_VERIFICATION_FAILED" });
  });
});
