import { type CreditLedgerQuery, type EstimateQuery, type GenerateInput, type GenerationsQueryVariables, type MeQuery, type ProvidersQuery, type GenerationType } from "./generated/graphql.js";
import { type Upload, type UploadSource } from "./uploads.js";
import { type Generation, type WaitOptions } from "./wait.js";
export interface DoitongOptions {
    /** A key from the dashboard (dk_live_… or dk_test_…). */
    apiKey: string;
    /** Origin of the API; default https://api.doitong.com. */
    baseUrl?: string;
    /** Retries after 429, 5xx and lost connections, where safe (default 3). */
    maxRetries?: number;
    /** Cap on one wait between retries, in seconds (default 60). */
    maxRetryDelay?: number;
    /** A fetch to use instead of the global one (tests, proxies, edge runtimes). */
    fetch?: typeof fetch;
}
export type Estimate = EstimateQuery["estimate"];
export type Provider = ProvidersQuery["providers"][number];
export type LedgerEntry = CreditLedgerQuery["creditLedger"]["nodes"][number];
export type Me = MeQuery["me"];
export type GenerationFilter = Omit<GenerationsQueryVariables, "first" | "after">;
/** The Doitong API. Every method is one GraphQL operation (sdk/operations.graphql) with the retry policy. */
export declare class Doitong {
    private readonly transport;
    readonly uploads: {
        create: (source: UploadSource, options?: {
            contentType?: string;
            signal?: AbortSignal;
        }) => Promise<Upload>;
    };
    constructor(options: DoitongOptions);
    /**
     * Starts a generation and returns it QUEUED. Sends an Idempotency-Key (a new UUID unless given), so the retries
     * after a 429, a 5xx or a dropped connection can never start a second generation or charge twice.
     */
    generate(input: GenerateInput, options?: {
        idempotencyKey?: string;
        signal?: AbortSignal;
    }): Promise<Generation>;
    /** A generation by id (NotFoundError for another account's). */
    generation(id: string, options?: {
        signal?: AbortSignal;
    }): Promise<Generation>;
    /** Waits for the final state (SSE, polling as a fallback); see WaitOptions. */
    wait(id: string, options?: WaitOptions): Promise<Generation>;
    /** True when this call cancelled it; false when it had already finished. */
    cancel(id: string, options?: {
        signal?: AbortSignal;
    }): Promise<boolean>;
    /** Cost, time and the provider a request would use, without running it. */
    estimate(input: GenerateInput, options?: {
        signal?: AbortSignal;
    }): Promise<Estimate>;
    /** The catalog for one type, with options, prices and availability. */
    providers(type: GenerationType, options?: {
        signal?: AbortSignal;
    }): Promise<Provider[]>;
    /** The account: plan, credits, limits and today's usage. */
    me(options?: {
        signal?: AbortSignal;
    }): Promise<Me>;
    /** Every generation, newest first, fetched page by page as you iterate (`for await … of`). */
    generations(filter?: GenerationFilter): AsyncIterable<Generation>;
    /** Every credit movement, newest first, page by page. */
    creditLedger(): AsyncIterable<LedgerEntry>;
    private paginate;
    private request;
}
