"use client";

import { useMutation } from "urql";
import { buttonClass } from "../ui/card";
import { readableError } from "../ui/states";

const CancelGeneration = /* GraphQL */ `
  mutation CancelGeneration($id: ID!) {
    cancelGeneration(id: $id)
  }
`;

/**
 * Stops a queued or running generation; its reserved credits are released. The mutation answers a Boolean (no
 * Generation to update the cache with), so the page refetches through `onDone`.
 */
export function CancelButton({ id, onDone }: { id: string; onDone: () => void }) {
  const [{ fetching, error }, cancel] = useMutation<{ cancelGeneration: boolean }, { id: string }>(CancelGeneration);
  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" disabled={fetching} onClick={() => void cancel({ id }).then(onDone)} className={buttonClass.secondary}>
        {fetching ? "Cancelling…" : "Cancel generation"}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          Couldn’t cancel: {readableError(error)}
        </p>
      ) : null}
    </div>
  );
}
