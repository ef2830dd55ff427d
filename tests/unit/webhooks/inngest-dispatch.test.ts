import http from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Webhook delivery when workflows run on Inngest: the dispatch function (cron + enqueue event), executed in-process
// by @inngest/test against a real database (the domain harness's). Env is set before lib/ is loaded.
process.env.DOITONG_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
const { db, newAccount } = await import("../../helpers/domain");
const { createGeneration } = await import("@/lib/generations/create-generation");
const { dispatchWebhooksFunction, runGenerationFunction } = await import("@/lib/jobs/inngest-functions");
const { GENERATION_REQUESTED, WEBHOOKS_ENQUEUED } = await import("@/lib/dispatch/inngest-client");
const { createWebhookEndpoint } = await import("@/lib/webhooks/create-webhook-endpoint");
const { getWebhookSecret } = await import("@/lib/webhooks/get-webhook-secret");

const received: { headers: Record<string, string>; body: string }[] = [];
let receiver: http.Server;
let caller: { accountId: string; apiKeyId: string | null };

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  ({ caller } = await newAccount({ credits: 50 }));
});

afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe("dispatch-webhooks Inngest function", () => {
  it("delivers the completion of a generation run on Inngest, signed with the account's secret", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await createWebhookEndpoint(caller, { url });
    const { generation } = await createGeneration(caller, { type: "IMAGE", provider: "local", input: { text: "Inngest hook" }, options: { resolution: "480p" } });
    await new InngestTestEngine({ function: runGenerationFunction }).execute({ events: [{ name: GENERATION_REQUESTED, data: { generationId: generation.id } }] });

    // The completion queued its delivery in the same transaction; the function (here triggered by the enqueue
    // event, in production also by its cron) attempts it.
    const client = await db();
    expect(await client.webhookDelivery.count({ where: { accountId: caller.accountId, status: "PENDING" } })).toBe(1);
    const { result } = await new InngestTestEngine({ function: dispatchWebhooksFunction }).execute({ events: [{ name: WEBHOOKS_ENQUEUED, data: {} }] });
    expect(result).toEqual({ attempted: 1, succeeded: 1 });

    expect(received).toHaveLength(1);
    const { secret } = await getWebhookSecret(caller);
    expect(new Webhook(secret).verify(received[0].body, received[0].headers)).toMatchObject({ type: "generation.completed", data: { id: generation.id, status: "COMPLETED" } });
    // Nothing is due any more: a second run attempts nothing.
    const again = await new InngestTestEngine({ function: dispatchWebhooksFunction }).execute({ events: [{ name: WEBHOOKS_ENQUEUED, data: {} }] });
    expect(again.result).toEqual({ attempted: 0, succeeded: 0 });
  });
});
