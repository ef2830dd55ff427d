export interface TransportOptions {
    apiKey: string;
    /** Origin of the API, e.g. https://api.doitong.com (the GraphQL endpoint is <baseUrl>/graphql). */
    baseUrl: string;
    fetch: typeof fetch;
    /** Retries after a 429, a 5xx or a lost connection (only where retrying cannot do the work twice). */
    maxRetries: number;
    /** The longest wait between attempts, in seconds, whatever Retry-After says. */
    maxRetryDelay: number;
    userAgent: string;
}
export interface RequestOptions {
    /** Sent as the Idempotency-Key header: the API answers a repeat with the first result, never a second generation. */
    idempotencyKey?: string;
    /**
     * Whether a 5xx or a lost connection may be retried: true for queries and for mutations with an idempotency key
     * (the request may have been done before the connection dropped). A 429 is always retried: it did nothing.
     */
    idempotent: boolean;
    signal?: AbortSignal;
}
/** One GraphQL request with the retry policy; returns `data` or throws the first error as its class. */
export declare function graphqlRequest<T>(options: TransportOptions, query: string, variables: Record<string, unknown>, request: RequestOptions): Promise<T>;
export declare function headersFor(options: TransportOptions, request: {
    idempotencyKey?: string;
}, accept?: string): Record<string, string>;
/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export declare function parseRetryAfter(value: string | null): number | undefined;
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
