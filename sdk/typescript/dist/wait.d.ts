import { type GenerationFieldsFragment } from "./generated/graphql.js";
import { type TransportOptions } from "./transport.js";
export type Generation = GenerationFieldsFragment;
export interface WaitOptions {
    /** Called with the generation each time its status or progress changes (and once at the start). */
    onProgress?: (generation: Generation) => void;
    signal?: AbortSignal;
    /** Seconds between polls when the push stream is unavailable (default 1). */
    pollInterval?: number;
}
export declare const isFinal: (generation: Generation) => boolean;
/**
 * Follows a generation until it is COMPLETED, FAILED or CANCELLED and returns it (a failed generation is returned,
 * not thrown: its `error` says why). Listens to the generationUpdated subscription over Server-Sent Events; if the
 * stream cannot be opened or ends early (a proxy that buffers or cuts it), polls `generation(id)` instead.
 */
export declare function waitForGeneration(transport: TransportOptions, id: string, options?: WaitOptions): Promise<Generation>;
/** The events of a text/event-stream body (comments and keep-alives skipped). */
export declare function serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{
    event: string;
    data: string;
}>;
