/** Selections shared by several dashboard queries, so every list asks for the same fields as GenerationSummary. */
export const GENERATION_SUMMARY_FIELDS = "id type status mode provider prompt creditCost createdAt";

export const ME_FIELDS = `
  email
  plan
  credits { balance reserved }
  limits { requestsPerMinute parallel daily }
  usage { generationsToday running queued }
`;
