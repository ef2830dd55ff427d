/**
 * What a client may be told when a connection we made for them (to their input URL, their webhook endpoint)
 * failed: the kind of failure in plain words, never the socket's own message — `connect EHOSTUNREACH 10.0.0.7:80`
 * names addresses and ports on our side of the network. The raw error belongs in our log, not in an answer.
 */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (typeof code === "string" ? code : "") {
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return "the host name does not resolve";
    case "ECONNREFUSED":
      return "the server refused the connection";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return "the host cannot be reached";
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "the connection timed out";
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
      return "the connection was closed before an answer arrived";
    case "HPE_INVALID_CONSTANT":
    case "HPE_INVALID_HEADER_TOKEN":
    case "HPE_HEADER_OVERFLOW":
      return "the server's answer is not valid HTTP";
    default:
      if (typeof code === "string" && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) return "its TLS certificate was not accepted";
      if (error instanceof Error && /timed out/i.test(error.message)) return "the connection timed out";
      return "the connection failed";
  }
}
