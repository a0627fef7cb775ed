/** The transform: raw → processed → presentation → warehouse, as a small DAG. */
export {};
