// Filled in by the transform work (issue 5).
export {};
