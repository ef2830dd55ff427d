import { metricsAccess } from "@/lib/ops/metrics-access";
import { renderMetrics } from "@/lib/ops/metrics";
import { withRequestId } from "@/lib/request-context";

// GET /api/metrics — Prometheus exposition, for a scraper sending `Authorization: Bearer $DOITONG_METRICS_TOKEN`.
export const GET = withRequestId(async (request: Request) => {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access !== "allowed") return new Response(null, { status: access === "disabled" ? 404 : 401, headers: access === "denied" ? { "www-authenticate": "Bearer" } : {} });
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
