import { DoitongError, errorFor } from "./errors.js";
import { documents, type GenerationFieldsFragment, type GetGenerationQuery } from "./generated/graphql.js";
import { graphqlRequest, headersFor, sleep, type TransportOptions } from "./transport.js";

export type Generation = GenerationFieldsFragment;

export interface WaitOptions {
  /** Called with the generation each time its status or progress changes (and once at the start). */
  onProgress?: (generation: Generation) => void;
  signal?: AbortSignal;
  /** Seconds between polls when the push stream is unavailable (default 1). */
  pollInterval?: number;
}

const FINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
export const isFinal = (generation: Generation) => FINAL.has(generation.status);

/**
 * Follows a generation until it is COMPLETED, FAILED or CANCELLED and returns it (a failed generation is returned,
 * not thrown: its `error` says why). Listens to the generationUpdated subscription over Server-Sent Events; if the
 * stream cannot be opened or ends early (a proxy that buffers or cuts it), polls `generation(id)` instead.
 */
export async function waitForGeneration(transport: TransportOptions, id: string, options: WaitOptions = {}): Promise<Generation> {
  let last: Generation | undefined;
  const report = (generation: Generation) => {
    if (!last || last.status !== generation.status || last.progress !== generation.progress) options.onProgress?.(generation);
    last = generation;
  };
  const pushed = await follow(transport, id, report, options.signal);
  if (pushed && isFinal(pushed)) {
    // One more read, so the result is what generation(id) says now: its download link is signed at this moment and
    // valid for the full hour, however long ago the final event was sent.
    const fresh = await getGeneration(transport, id, options.signal);
    return fresh ?? pushed;
  }
  for (;;) {
    const generation = await getGeneration(transport, id, options.signal);
    if (!generation) throw errorFor(`Generation ${id} was not found`, { code: "NOT_FOUND" });
    report(generation);
    if (isFinal(generation)) return generation;
    await sleep((options.pollInterval ?? 1) * 1000, options.signal);
  }
}

async function getGeneration(transport: TransportOptions, id: string, signal?: AbortSignal) {
  const data = await graphqlRequest<GetGenerationQuery>(transport, documents.GetGeneration, { id }, { idempotent: true, signal });
  return data.generation;
}

/**
 * Reads the subscription until the final state. Returns the last generation seen, or undefined when the stream
 * could not be used (then the caller polls). A GraphQL error on the stream (NOT_FOUND…) is thrown: polling would
 * only repeat it.
 */
async function follow(transport: TransportOptions, id: string, report: (g: Generation) => void, signal?: AbortSignal): Promise<Generation | undefined> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", abort, { once: true });
  let last: Generation | undefined;
  try {
    const response = await transport.fetch(`${transport.baseUrl}/graphql`, {
      method: "POST",
      headers: headersFor(transport, {}, "text/event-stream"),
      body: JSON.stringify({ query: documents.GenerationUpdated, variables: { id } }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body || !response.headers.get("content-type")?.includes("text/event-stream")) {
      await response.body?.cancel();
      return undefined;
    }
    for await (const message of serverSentEvents(response.body)) {
      if (message.event === "complete") break;
      if (message.event !== "next") continue;
      const payload = JSON.parse(message.data) as { data?: { generationUpdated?: Generation } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      const error = payload.errors?.[0];
      if (error) {
        const ext = error.extensions ?? {};
        throw errorFor(error.message, {
          code: typeof ext.code === "string" ? ext.code : "UNKNOWN",
          field: ext.field as string | undefined,
          requestId: ext.requestId as string | undefined,
          extensions: ext,
        });
      }
      const generation = payload.data?.generationUpdated;
      if (!generation) continue;
      report(generation);
      last = generation;
      if (isFinal(generation)) break;
    }
    return last;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof DoitongError) throw error;
    return last; // the stream broke: polling takes over from here
  } finally {
    signal?.removeEventListener("abort", abort);
    controller.abort();
  }
}

/** The events of a text/event-stream body (comments and keep-alives skipped). */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const lines = buffer
          .slice(0, end)
          .split("\n")
          .filter((line) => line && !line.startsWith(":"));
        buffer = buffer.slice(end + 2);
        if (lines.length === 0) continue;
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, ""));
        yield { event: field("event")[0] ?? "message", data: field("data").join("\n") };
      }
    }
  } finally {
    // Stops the download when the caller leaves early (final state seen, or aborted).
    await reader.cancel().catch(() => undefined);
  }
}
