/** Runs per property: 1 000 in CI (CI set), 200 locally to keep the suite fast; PROPERTY_RUNS overrides both. */
export const RUNS = Number(process.env['PROPERTY_RUNS'] ?? (process.env['CI'] ? 1000 : 200));
