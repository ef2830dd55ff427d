import type { Caller } from "../auth/caller";
import type { Generation } from "../generated/prisma/client";
import { isFinal } from "./get-generation";
import { watchGeneration } from "./watch-generation";

export type WaitOutcome = { kind: "final"; generation: Generation } | { kind: "waiting"; generation: Generation };

/**
 * The caller's generation once it is final, or as it stands when `timeoutMs` runs out or `signal` aborts (the
 * client went away) — the generation itself goes on either way. `onUpdate` hears each change on the way (MCP
 * progress notifications). For clients that can only wait: the OpenAI-style /v1 calls and MCP's wait tool.
 */
export async function waitForGeneration(
  caller: Caller,
  id: string,
  { timeoutMs, signal, onUpdate }: { timeoutMs: number; signal?: AbortSignal; onUpdate?: (g: Generation) => void | Promise<void> },
): Promise<WaitOutcome> {
  // Our own timer, not AbortSignal.timeout(): inside AbortSignal.any() nothing holds that signal strongly, and once
  // the garbage collector takes it, it never fires — the wait then ran until the generation finished (seen as a
  // /v1 call answering after 5 s instead of WAIT_TIMEOUT after 1 s).
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const stop = signal ? AbortSignal.any([timeout.signal, signal]) : timeout.signal;
  try {
    let last: Generation | undefined;
    for await (const generation of watchGeneration(caller, id, stop)) {
      last = generation;
      await onUpdate?.(generation);
      if (isFinal(generation.status)) return { kind: "final", generation };
      if (stop.aborted) break;
    }
    // The watch ends without a final state only when stopped: the row as last seen is still the truth.
    return { kind: "waiting", generation: last! };
  } finally {
    clearTimeout(timer);
  }
}
