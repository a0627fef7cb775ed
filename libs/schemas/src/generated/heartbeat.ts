// Generated from schemas/heartbeat.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** A probe record that travels topic → consumer → raw bucket → warehouse to prove every layer works. */
export interface Heartbeat {
  /** (UUID) */
  heartbeat_id: string;
  /** The run that emitted it. */
  run_id: string;
  /** (epoch milliseconds) */
  emitted_at: number;
  host: string;
}
