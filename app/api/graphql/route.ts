import { yoga } from "@/lib/graphql/yoga";
import { withRequestId } from "@/lib/request-context";

// GET|POST /api/graphql — the same endpoint under /api.
const handler = withRequestId((request: Request) => yoga("/api/graphql").handleRequest(request, {}));

export { handler as GET, handler as POST, handler as OPTIONS };
