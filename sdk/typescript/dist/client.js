import { NotFoundError } from "./errors.js";
import { documents, } from "./generated/graphql.js";
import { graphqlRequest } from "./transport.js";
import { createUpload } from "./uploads.js";
import { waitForGeneration } from "./wait.js";
const VERSION = "0.1.0";
const PAGE_SIZE = 50;
/** The Doitong API. Every method is one GraphQL operation (sdk/operations.graphql) with the retry policy. */
export class Doitong {
    transport;
    uploads;
    constructor(options) {
        if (!options?.apiKey)
            throw new TypeError("Doitong: apiKey is required (a key from the dashboard, or DOITONG_API_KEY)");
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
    async generate(input, options = {}) {
        const idempotencyKey = options.idempotencyKey ?? crypto.randomUUID();
        const data = await this.request(documents.Generate, { input }, { idempotencyKey, idempotent: true, signal: options.signal });
        return data.generate;
    }
    /** A generation by id (NotFoundError for another account's). */
    async generation(id, options = {}) {
        const data = await this.request(documents.GetGeneration, { id }, { idempotent: true, signal: options.signal });
        if (!data.generation)
            throw new NotFoundError(`Generation ${id} was not found`, { code: "NOT_FOUND" });
        return data.generation;
    }
    /** Waits for the final state (SSE, polling as a fallback); see WaitOptions. */
    wait(id, options = {}) {
        return waitForGeneration(this.transport, id, options);
    }
    /** True when this call cancelled it; false when it had already finished. */
    async cancel(id, options = {}) {
        // Cancelling twice is harmless, so a lost answer may be retried.
        const data = await this.request(documents.CancelGeneration, { id }, { idempotent: true, signal: options.signal });
        return data.cancelGeneration;
    }
    /** Cost, time and the provider a request would use, without running it. */
    async estimate(input, options = {}) {
        const data = await this.request(documents.Estimate, { input }, { idempotent: true, signal: options.signal });
        return data.estimate;
    }
    /** The catalog for one type, with options, prices and availability. */
    async providers(type, options = {}) {
        const data = await this.request(documents.Providers, { type }, { idempotent: true, signal: options.signal });
        return data.providers;
    }
    /** The account: plan, credits, limits and today's usage. */
    async me(options = {}) {
        const data = await this.request(documents.Me, {}, { idempotent: true, signal: options.signal });
        return data.me;
    }
    /** Every generation, newest first, fetched page by page as you iterate (`for await … of`). */
    generations(filter = {}) {
        return this.paginate(async (after) => (await this.request(documents.Generations, { ...filter, first: PAGE_SIZE, after }, { idempotent: true })).generations);
    }
    /** Every credit movement, newest first, page by page. */
    creditLedger() {
        return this.paginate(async (after) => (await this.request(documents.CreditLedger, { first: PAGE_SIZE, after }, { idempotent: true })).creditLedger);
    }
    async *paginate(page) {
        let after = null;
        for (;;) {
            const connection = await page(after);
            yield* connection.nodes;
            if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor)
                return;
            after = connection.pageInfo.endCursor;
        }
    }
    request(query, variables, options) {
        return graphqlRequest(this.transport, query, variables, options);
    }
}
