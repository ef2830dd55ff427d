"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { useClient } from "urql";
import { print } from "graphql";
import { FINAL_STATUSES } from "@/components/graphql/enums";
import {
  type PlaygroundGenerationFragment as Generation,
  PlaygroundGenerationDocument,
  PlaygroundGenerationUpdatedDocument,
  type PlaygroundGenerationUpdatedSubscription,
} from "@/components/graphql/generated";
import { later } from "./later";
import { forwardSubscriptionOverSse } from "./sse-client";

const POLL_MS = 500;
// graphql-sse sends the query as text.
const SUBSCRIPTION_TEXT = print(PlaygroundGenerationUpdatedDocument);

/**
 * A generation, live: pushed by the generationUpdated subscription (Server-Sent Events), with polling every
 * 500 ms as the fallback while the stream is not (yet) delivering — if it is refused or drops, polling carries on
 * until the generation is final. react-query keys it by id, so the result card and its row share one state;
 * network-only because urql's cache would otherwise answer with the old status.
 */
export function useGeneration(initial: Generation) {
  const client = useClient();
  const queryClient = useQueryClient();
  const key = ["generation", initial.id];
  const latest = (g: Generation) => later(queryClient.getQueryData<Generation>(key), g);
  const live = useLiveUpdates(initial, (g) => queryClient.setQueryData(key, latest(g)));
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      const result = await client.query(PlaygroundGenerationDocument, { id: initial.id }, { requestPolicy: "network-only" }).toPromise();
      if (result.error) throw result.error;
      const generation = result.data?.generation;
      if (!generation) throw new Error("Empty response");
      // A poll sent before the stream delivered the final state may answer after it: never step back.
      return latest(generation);
    },
    initialData: initial,
    refetchInterval: (query) => ((query.state.data && FINAL_STATUSES.includes(query.state.data.status)) || live ? false : POLL_MS),
    // A poll that fails (a blip on the network) is retried by the next tick; keep showing the last good state.
    retry: false,
  });
}

/** One stream per generation however many components show it; true while it is delivering. */
function useLiveUpdates(initial: Generation, onUpdate: (g: Generation) => void): boolean {
  const [live, setLive] = useState(false);
  const final = FINAL_STATUSES.includes(initial.status);
  // The latest onUpdate, without restarting the stream when the caller passes a new closure.
  const updated = useEffectEvent(onUpdate);
  useEffect(() => {
    if (final) return;
    return watch(initial.id, {
      update: (g) => {
        updated(g);
        setLive(true);
      },
      down: () => setLive(false),
    });
  }, [initial.id, final]);
  return live;
}

interface Listener {
  update(g: Generation): void;
  down(): void;
}

const streams = new Map<string, { listeners: Set<Listener>; stop: () => void }>();

function watch(id: string, listener: Listener): () => void {
  let entry = streams.get(id);
  if (!entry) {
    const listeners = new Set<Listener>();
    const subscription = forwardSubscriptionOverSse<PlaygroundGenerationUpdatedSubscription>({ query: SUBSCRIPTION_TEXT, variables: { id } }).subscribe({
      next: (result) => {
        const g = result.data?.generationUpdated;
        if (g) listeners.forEach((l) => l.update(g));
        else listeners.forEach((l) => l.down());
      },
      error: () => {
        streams.delete(id);
        listeners.forEach((l) => l.down());
      },
      // The server ends the stream after the final state; should it end before, polling takes over again.
      complete: () => {
        streams.delete(id);
        listeners.forEach((l) => l.down());
      },
    });
    entry = { listeners, stop: () => subscription.unsubscribe() };
    streams.set(id, entry);
  }
  const current = entry;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.stop();
      if (streams.get(id) === current) streams.delete(id);
    }
  };
}
