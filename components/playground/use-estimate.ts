"use client";

import { useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { type GenerateInput, PlaygroundEstimateDocument, type PlaygroundEstimateQuery } from "@/components/graphql/generated";
import { type ShownError, shownError } from "./errors";

const DEBOUNCE_MS = 300;

/**
 * The price of the request as it stands, re-asked 300 ms after the last change so typing does not fire a request
 * per key. `lastGood` survives an error, so Auto keeps showing the options of the provider it last picked while
 * the person fixes the field the server complained about.
 */
export function useEstimate(input: GenerateInput) {
  const key = JSON.stringify(input);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(key), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  const variables = useMemo(() => ({ input: JSON.parse(debounced) as GenerateInput }), [debounced]);
  const [result] = useQuery({ query: PlaygroundEstimateDocument, variables, requestPolicy: "network-only" });

  const [lastGood, setLastGood] = useState<PlaygroundEstimateQuery["estimate"] | null>(null);
  const current = result.data?.estimate ?? null;
  useEffect(() => {
    if (current) setLastGood(current);
  }, [current]);

  const error: ShownError | null = result.error && !result.fetching ? shownError(result.error) : null;
  return {
    estimate: error ? null : current,
    lastGood,
    error,
    pending: key !== debounced || result.fetching,
  };
}
