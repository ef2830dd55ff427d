import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// graphql must resolve to one copy, or Yoga and our schema disagree about GraphQLSchema's realm.
const graphqlEntry = fileURLToPath(import.meta.resolve("graphql"));

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)), graphql: graphqlEntry },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
