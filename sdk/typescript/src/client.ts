import { NotFoundError } from "./errors.js";
import {
  type CancelGenerationMutation,
  type CreditLedgerQuery,
  documents,
  type EstimateQuery,
  type GenerateInput,
  type GenerateMutation,
  type GenerationsQuery,
  type GenerationsQueryVariables,
  type GetGenerationQuery,
  type MeQuery,
  type ProvidersQuery,
  type GenerationType,
} from "./generated/graphql.js";
import { graphqlRequest, type RequestOptions, type TransportOptions } from "./transport.js";
import { createUpload, type Upload, type UploadSource } from "./uploads.js";
import { type Generation, waitForGeneration, type WaitOptions } from "./wait.js";

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
/** pageSize: items per request while iterating (default 50, at most what the API allows). */
export type PageOptions = { pageSize?: number };

const VERSION = "0.1.0";
const PAGE_SIZE = 50;

/** The Doitong API. Every method is one GraphQL operation (sdk/operations.graphql) with the retry policy. */
export class Doitong {
  private readonly transport: TransportOptions;
  readonly uploads: { create: (source: UploadSource, options?: { contentType?: string; signal?: AbortSignal }) => Promise<Upload> };

  constructor(options: DoitongOptions) {
    if (!options?.apiKey) throw new TypeError("Doitong: apiKey is required (a key from the dashboard, or DOITONG_API_KEY)");
    const fetchImpl = options.fetch ?? globalThis.fetch;
    this.transport = {
      apiKey: options.apiKey,
      baseUrl: (options.baseUrl ?? "https://api.doitong.com").replace(/\/+$/, "").replace(/\/graphql$/, ""),
      fetch: (input, init) => fetchImpl(input, init),
      maxRetries: options.maxRetries ?? 3,
      maxRetryDelay: options.maxRetryDelay ?? 60,
      userAgent: `doitong-js/${VERSION}`,
    };
    this.uploads = { create: (source, opts) => createUpload(this.transport, source, opts) };
  }

  /**
   * Starts a generation and returns it QUEUED. Sends an Idempotency-Key (a new UUID unless given), so the retries
   * after a 429, a 5xx or a dropped connection can never start a second generation or charge twice.
   */
  async generate(input: GenerateInput, options: { idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<Generation> {
    const idempotencyKey = options.idempotencyKey ?? crypto.randomUUID();
    const data = await this.request<GenerateMutation>(documents.Generate, { input }, { idempotencyKey, idempotent: true, signal: options.signal });
    return data.generate;
  }

  /** A generation by id (NotFoundError for another account's). */
  async generation(id: string, options: { signal?: AbortSignal } = {}): Promise<Generation> {
    const data = await this.request<GetGenerationQuery>(documents.GetGeneration, { id }, { idempotent: true, signal: options.signal });
    if (!data.generation) throw new NotFoundError(`Generation ${id} was not found`, { code: "NOT_FOUND" });
    return data.generation;
  }

  /** Waits for the final state (SSE, polling as a fallback); see WaitOptions. */
  wait(id: string, options: WaitOptions = {}): Promise<Generation> {
    return waitForGeneration(this.transport, id, options);
  }

  /** True when this call cancelled it; false when it had already finished. */
  async cancel(id: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    // Cancelling twice is harmless, so a lost answer may be retried.
    const data = await this.request<CancelGenerationMutation>(documents.CancelGeneration, { id }, { idempotent: true, signal: options.signal });
    return data.cancelGeneration;
  }

  /** Cost, time and the provider a request would use, without running it. */
  async estimate(input: GenerateInput, options: { signal?: AbortSignal } = {}): Promise<Estimate> {
    const data = await this.request<EstimateQuery>(documents.Estimate, { input }, { idempotent: true, signal: options.signal });
    return data.estimate;
  }

  /** The catalog for one type, with options, prices and availability. */
  async providers(type: GenerationType, options: { signal?: AbortSignal } = {}): Promise<Provider[]> {
    const data = await this.request<ProvidersQuery>(documents.Providers, { type }, { idempotent: true, signal: options.signal });
    return data.providers;
  }

  /** The account: plan, credits, limits and today's usage. */
  async me(options: { signal?: AbortSignal } = {}): Promise<Me> {
    const data = await this.request<MeQuery>(documents.Me, {}, { idempotent: true, signal: options.signal });
    return data.me;
  }

  /** Every generation, newest first, fetched page by page as you iterate (`for await … of`). */
  generations(filter: GenerationFilter = {}, options: PageOptions = {}): AsyncIterable<Generation> {
    const first = options.pageSize ?? PAGE_SIZE;
    return this.paginate(async (after) => (await this.request<GenerationsQuery>(documents.Generations, { ...filter, first, after }, { idempotent: true })).generations);
  }

  /** Every credit movement, newest first, page by page. */
  creditLedger(options: PageOptions = {}): AsyncIterable<LedgerEntry> {
    const first = options.pageSize ?? PAGE_SIZE;
    return this.paginate(async (after) => (await this.request<CreditLedgerQuery>(documents.CreditLedger, { first, after }, { idempotent: true })).creditLedger);
  }

  private async *paginate<T>(page: (after: string | null) => Promise<{ nodes: T[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>): AsyncGenerator<T> {
    let after: string | null = null;
    for (;;) {
      const connection = await page(after);
      yield* connection.nodes;
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
      after = connection.pageInfo.endCursor;
    }
  }

  private request<T>(query: string, variables: Record<string, unknown>, options: RequestOptions): Promise<T> {
    return graphqlRequest<T>(this.transport, query, variables, options);
  }
}
