import { AppError, type ErrorCode } from "../../errors";

type VendorErrorCode = Extract<ErrorCode, "PROVIDER_UNAVAILABLE" | "INVALID_INPUT" | "GENERATION_FAILED">;

/**
 * A vendor said no, in our terms. `code` follows one rule for every vendor: rate limits, outages and auth or
 * billing problems on our side → PROVIDER_UNAVAILABLE; bad parameters → INVALID_INPUT; moderation and failed
 * jobs → GENERATION_FAILED with the vendor's reason. `retryable` says whether the same request may be sent again;
 * `accepted` whether the vendor had taken the job (so a fallback elsewhere could pay twice).
 */
export class ProviderError extends AppError {
  readonly retryable: boolean;
  readonly accepted: boolean;
  /** Seconds the vendor asked us to wait (Retry-After), when it said. */
  readonly retryAfter?: number;

  constructor(
    code: VendorErrorCode,
    message: string,
    facts: {
      provider: string;
      retryable?: boolean;
      accepted?: boolean;
      retryAfter?: number;
      vendorCode?: string | number;
      status?: number;
      field?: string;
      /** "timeout": the vendor never finished (it may still, so this is never a reason to run elsewhere). */
      reason?: "timeout";
    },
  ) {
    const { retryable = false, accepted = false, retryAfter, ...details } = facts;
    super(code, message, Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)));
    this.name = "ProviderError";
    this.retryable = retryable;
    this.accepted = accepted;
    this.retryAfter = retryAfter;
  }
}

/** The usual HTTP status → our code mapping, for vendors whose errors are plain HTTP statuses. */
export function errorFromStatus(provider: string, vendorName: string, status: number, reason: string, retryAfter?: number): ProviderError {
  const detail = reason ? `: ${reason}` : "";
  if (status === 429) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} is rate limiting requests${detail}`, { provider, status, retryable: true, retryAfter });
  }
  if (status >= 500 || status === 408) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} is unavailable (HTTP ${status})${detail}`, { provider, status, retryable: true, retryAfter });
  }
  if (status === 401 || status === 403 || status === 402) {
    // Our credentials or our vendor balance: nothing the client can fix, and not worth retrying.
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} refused this server's credentials or account (HTTP ${status})${detail}`, { provider, status });
  }
  return new ProviderError("INVALID_INPUT", `${vendorName} rejected the request (HTTP ${status})${detail}`, { provider, status });
}

export function isAbort(error: unknown): boolean {
  return (error as Error)?.name === "AbortError";
}

/**
 * Whether a failure says something about the vendor's health (outage, rate limit, 5xx, a job that never ends),
 * as opposed to the request (bad parameters) or the content (moderation, a failed render).
 */
export function isVendorFault(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return false;
  return error.code === "PROVIDER_UNAVAILABLE" || error.details.reason === "timeout";
}
