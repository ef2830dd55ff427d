import { receiveCallback } from "@/lib/providers/receive-callback";
import { withRequestId } from "@/lib/request-context";

// POST /api/providers/:provider/callback — vendor status callbacks (Kling, MiniMax, Luma, Seedance, BFL, Replicate…).
export const POST = withRequestId(async (request: Request, { params }: { params: Promise<{ provider: string }> }): Promise<Response> => {
  const { provider } = await params;
  const url = new URL(request.url);
  const reply = await receiveCallback(provider, { headers: request.headers, body: await request.text(), query: url.searchParams });
  return Response.json(reply.json, { status: reply.status });
});

// OPTIONS /api/providers/:provider/callback — HeyGen checks an endpoint with OPTIONS before registering it.
export function OPTIONS(): Response {
  return new Response(null, { status: 200, headers: { allow: "POST, OPTIONS" } });
}
