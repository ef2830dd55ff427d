import type { AsyncLocalStorage } from "node:async_hooks";

/** Node's AsyncLocalStorage API, every instance carried by one of Node's (shared-async-local-storage.mjs). */
export declare const SharedAsyncLocalStorage: typeof AsyncLocalStorage;
