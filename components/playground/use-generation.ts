"use client";

import { useQuery } from "@tanstack/react-query";
import { useClient } from "urql";
import { FINAL_STATUSES, GENERATION_QUERY, type Generation } from "./api";

const POLL_MS = 500;

/**
 * A generation, polled every 500 ms until it is final. react-query keys it by id, so the result card and its row
 * in the run list share one request; network-only because urql's cache would otherwise answer with the old status.
 */
export function useGeneration(initial: Generation) {
  const client = useClient();
  return useQuery({
    queryKey: ["generation", initial.id],
    queryFn: async () => {
      const result = await client.query<{ generation: Generation }>(GENERATION_QUERY, { id: initial.id }, { requestPolicy: "network-only" }).toPromise();
      if (result.error) throw result.error;
      if (!result.data) throw new Error("Empty response");
      return result.data.generation;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data && FINAL_STATUSES.includes(query.state.data.status) ? false : POLL_MS),
    // A poll that fails (a blip on the network) is retried by the next tick; keep showing the last good state.
    retry: false,
  });
}
