import { readCappedBody, payloadTooLarge } from "@/lib/net/read-capped-body";
import { MAX_CALLBACK_BODY_BYTES, receiveCallback, refuseCallbackBeforeBody } from "@/lib/providers/receive-callback";
import { withRequestId } from "@/lib/request-context";

// POST /api/providers/:provider/callback — vendor status callbacks (Kling, MiniMax, Luma, Seedance, BFL, Replicate…).
export const POST = withRequestId(async (request: Request, { params }: { params: Promise<{ provider: string }> }): Promise<Response> => {
  const { provider } = await params;
  const url = new URL(request.url);
  // The token in the URL is checked before the body is read, and the body is read only up to its cap.
  const refused = refuseCallbackBeforeBody(provider, url.searchParams);
  if (refused) return Response.json(refused.json, { status: refused.status });
  const body = await readCappedBody(request, MAX_CALLBACK_BODY_BYTES);
  if (body.kind === "too-large") return payloadTooLarge(body.maxBytes);
  const reply = await receiveCallback(provider, { headers: request.headers, body: body.text, query: url.searchParams });
  return Response.json(reply.json, { status: reply.status });
});

// OPTIONS /api/providers/:provider/callback — HeyGen checks an endpoint with OPTIONS before registering it.
export function OPTIONS(): Response {
  return new Response(null, { status: 200, headers: { allow: "POST, OPTIONS" } });
}
