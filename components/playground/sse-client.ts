import { type Client, createClient } from "graphql-sse";

/**
 * GraphQL over Server-Sent Events (graphql-sse's client in distinct-connections mode, which graphql-yoga serves),
 * in the shape of urql's `forwardSubscription`: a request → an observable of results. fetch-based, so the
 * dashboard's cookie session sends its x-doitong-csrf header on every request. No retries here: the caller falls
 * back to polling when a stream fails.
 */
export interface SseRequest {
  query?: string;
  variables?: Record<string, unknown>;
}

export interface SseResult<T = unknown> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

interface Sink<T> {
  next(value: SseResult<T>): void;
  error(error: unknown): void;
  complete(): void;
}

const clients = new Map<string, Client>();

function clientFor(url: string): Client {
  let client = clients.get(url);
  if (!client) {
    client = createClient({ url, credentials: "same-origin", headers: { "x-doitong-csrf": "1" }, retryAttempts: 0 });
    clients.set(url, client);
  }
  return client;
}

export function forwardSubscriptionOverSse<T = unknown>(request: SseRequest, url = "/graphql") {
  return {
    subscribe(sink: Sink<T>) {
      const dispose = clientFor(url).subscribe<T>(
        { query: request.query ?? "", variables: request.variables ?? {} },
        {
          next: (value) => sink.next(value),
          error: (error) => sink.error(error),
          complete: () => sink.complete(),
        },
      );
      return { unsubscribe: dispose };
    },
  };
}
