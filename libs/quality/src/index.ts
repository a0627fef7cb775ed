/** Declarative data-quality expectations evaluated in DuckDB, and their report. */
export {};
