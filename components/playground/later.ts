import type { PlaygroundGenerationFragment as Generation } from "@/components/graphql/generated";

const RANK: Record<Generation["status"], number> = { QUEUED: 0, PROCESSING: 1, COMPLETED: 2, FAILED: 2, CANCELLED: 2 };

/**
 * The later of two states of one generation. Polls and the stream race, and an answer can arrive after a newer
 * one: a generation only moves forward (QUEUED → PROCESSING → final, progress upwards), so the older is dropped.
 */
export function later(current: Generation | undefined, next: Generation): Generation {
  if (!current) return next;
  const byStatus = RANK[next.status] - RANK[current.status];
  if (byStatus !== 0) return byStatus > 0 ? next : current;
  if (RANK[next.status] === 2) return current.status === next.status ? next : current;
  return next.progress >= current.progress ? next : current;
}
