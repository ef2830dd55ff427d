import { yoga } from "@/lib/graphql/yoga";

// GET|POST /graphql — the public GraphQL endpoint (GraphiQL in a browser).
const handler = (request: Request) => yoga("/graphql").handleRequest(request, {});

export { handler as GET, handler as POST, handler as OPTIONS };
