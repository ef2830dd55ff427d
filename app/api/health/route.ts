import { withRequestId } from "@/lib/request-context";

// GET /api/health — liveness: the process is up and serving. Checks nothing else (see /api/ready).
export const GET = withRequestId(() => Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }));
