/** What an endpoint can subscribe to, in the order the form shows them. */
export const EVENT_CHOICES: { type: string; label: string; hint: string }[] = [
  { type: "generation.completed", label: "Completed", hint: "the result is ready" },
  { type: "generation.failed", label: "Failed", hint: "credits were released" },
  { type: "generation.cancelled", label: "Cancelled", hint: "by you or a deadline" },
  { type: "generation.progress", label: "Progress", hint: "at most once a second per generation" },
];

/** "generation.completed" → "Completed"; anything else as sent. */
export function eventLabel(type: string): string {
  return EVENT_CHOICES.find((c) => c.type === type)?.label ?? type;
}
