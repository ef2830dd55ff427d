import { checkReadiness } from "@/lib/ops/check-readiness";
import { withRequestId } from "@/lib/request-context";

// GET /api/ready — readiness: database, Redis, this instance's workers, the webhook backlog. 503 when not ready.
export const GET = withRequestId(async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.status === "not_ready" ? 503 : 200, headers: { "cache-control": "no-store" } });
});
