"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { cacheExchange, Client, fetchExchange, Provider as UrqlProvider } from "urql";

/**
 * Clients for the signed-in pages: urql speaks to the same /graphql endpoint as the public API, authenticated by
 * the session cookie plus the CSRF header the server requires for cookie-authenticated requests, and every document
 * is a generated TypedDocumentNode (components/graphql/generated.ts). react-query only where it adds what urql does
 * not: one live generation's state, fed by both the SSE stream and polling (components/playground/use-generation.ts).
 */
export function DashboardProviders({ children }: { children: React.ReactNode }) {
  const [urql] = useState(
    () =>
      new Client({
        url: "/graphql",
        exchanges: [cacheExchange, fetchExchange],
        fetchOptions: { credentials: "same-origin", headers: { "x-doitong-csrf": "1" } },
        requestPolicy: "cache-and-network",
      }),
  );
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  return (
    <UrqlProvider value={urql}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </UrqlProvider>
  );
}
