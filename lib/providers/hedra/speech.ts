/**
 * Shared by the avatar adapters (Hedra, HeyGen): how long a script takes to say, for pricing before anything is
 * generated. English runs at about 150 words a minute, ≈ 14 characters a second; other languages are close enough
 * for a price estimate.
 */
const CHARS_PER_SECOND = 14;

/** Seconds of speech for `text` at `speed` (1 = normal), at least one. */
export function estimateSpeechSeconds(text: string, speed = 1): number {
  return Math.max(1, text.trim().length / CHARS_PER_SECOND / (speed > 0 ? speed : 1));
}

/** When input.audio is given without a duration, its length is unknown until it is fetched: it is billed as this. */
export const AUDIO_BILLING_SECONDS = 30;

/** Audio may run this much past the billed duration (encoder padding) before it is refused. */
export const AUDIO_TOLERANCE_SECONDS = 0.5;
