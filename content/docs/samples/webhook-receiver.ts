import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { verifyWebhook, WebhookVerificationError } from "doitong";

// Your endpoint: verify the signature on the raw body, answer 2xx fast, then do the work.
const secret = process.env.DOITONG_WEBHOOK_SECRET!; // whsec_…: `me { webhookSecret }` or the dashboard

async function receive(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const event = await verifyWebhook<{ type: string; data: { id: string; status: string } }>(Buffer.concat(chunks), req.headers, secret);
    console.log("verified", event.type, event.data.id, event.data.status);
    res.writeHead(204).end();
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.log("rejected:", error.message);
    res.writeHead(400).end();
  }
}

createServer((req, res) => void receive(req, res)).listen(Number(process.env.PORT ?? 8000));
