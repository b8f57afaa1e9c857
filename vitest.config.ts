import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // nodejieba loads its dictionaries once per worker; forks keep native addons isolated.
    pool: "forks",
  },
});
