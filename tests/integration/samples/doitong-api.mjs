// The product page's JavaScript client, copied verbatim (the page's text lost its indentation; only whitespace was
// restored). Tests point it at a local server by setting `api.endpoint` after construction, so not even the
// constructor differs from what customers copy. Exported for tests/integration/samples-*.test.ts.

// Doitong Universal API Client
class DoitongAPI {
  constructor(apiKey) {
    this.apiKey = apiKey;
    this.endpoint = "https://api.doitong.com/graphql";
  }

  async generate(input) {
    const response = await fetch(this.endpoint, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${this.apiKey}`,
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
      },
      body: JSON.stringify({
        query: `
          mutation Generate($input: GenerateInput!) {
            generate(input: $input) {
              id
              status
              type
              provider
              url
              metadata
              creditCost
              estimatedTime
              error {
                code
                message
              }
            }
          }
        `,
        variables: { input },
      }),
    });

    const data = await response.json();

    // Check for rate limits
    const remaining = response.headers.get("X-RateLimit-Remaining");
    if (remaining && parseInt(remaining) < 10) {
      console.warn(`Low rate limit: ${remaining} requests remaining`);
    }

    if (data.errors) {
      throw new Error(data.errors[0].message);
    }

    return data.data.generate;
  }

  async checkStatus(id) {
    const response = await fetch(this.endpoint, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${this.apiKey}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        query: `
          query GetGeneration($id: ID!) {
            generation(id: $id) {
              id
              status
              progress
              url
              error {
                code
                message
              }
            }
          }
        `,
        variables: { id },
      }),
    });

    const data = await response.json();
    return data.data.generation;
  }

  async waitForCompletion(id, pollInterval = 2000) {
    while (true) {
      const result = await this.checkStatus(id);

      if (result.status === "COMPLETED") {
        return result;
      } else if (result.status === "FAILED") {
        throw new Error(result.error?.message || "Generation failed");
      }

      await new Promise((resolve) => setTimeout(resolve, pollInterval));
    }
  }
}

export { DoitongAPI };
