import { yoga } from "@/lib/graphql/yoga";
import { withRequestId } from "@/lib/request-context";

// GET|POST /graphql — the public GraphQL endpoint (GraphiQL in a browser).
const handler = withRequestId((request: Request) => yoga("/graphql").handleRequest(request, {}));

export { handler as GET, handler as POST, handler as OPTIONS };
