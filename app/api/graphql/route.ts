import { yoga } from "@/lib/graphql/yoga";

// GET|POST /api/graphql — the same endpoint under /api.
const handler = (request: Request) => yoga("/api/graphql").handleRequest(request, {});

export { handler as GET, handler as POST, handler as OPTIONS };
