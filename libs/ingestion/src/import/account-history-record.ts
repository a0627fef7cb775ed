import type { StreamingHistoryPlay } from '@spotify-insights/schemas';
import type { ImportEnvelope } from './export-format.ts';

/** An account-data play, checked: the names to resolve and the typed time and duration. */
export interface AccountPlay {
  artistName: string;
  trackName: string;
  /** epoch ms of endTime (UTC, to the minute) */
  endedAt: number;
  msPlayed: number;
}

export type ParsedAccountPlay = { ok: true; play: AccountPlay } | { ok: false; reason: string };

// endTime is "YYYY-MM-DD HH:mm", UTC, without seconds.
const END_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/;

/** Does this look like an account-data play (and not e.g. an extended history one)? */
export function looksLikeAccountHistory(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'endTime' in value && 'msPlayed' in value;
}

/**
 * One account-data object (`StreamingHistory*.json`: endTime, artistName, trackName,
 * msPlayed) checked and typed; what cannot be typed is a reason for the dead-letter
 * topic, never a silent default.
 */
export function parseAccountPlay(item: unknown): ParsedAccountPlay {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const o = item as Record<string, unknown>;
  const match = typeof o['endTime'] === 'string' ? END_TIME.exec(o['endTime']) : null;
  const endedAt = match ? Date.parse(`${match[1]}T${match[2]}:00Z`) : Number.NaN;
  if (Number.isNaN(endedAt)) {
    return {
      ok: false,
      reason: `endTime: not "YYYY-MM-DD HH:mm": ${JSON.stringify(o['endTime'])}`,
    };
  }
  const ms = o['msPlayed'];
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) {
    return { ok: false, reason: `msPlayed: not a non-negative integer: ${JSON.stringify(ms)}` };
  }
  for (const key of ['artistName', 'trackName']) {
    if (typeof o[key] !== 'string' || (o[key] as string).trim() === '') {
      return { ok: false, reason: `${key}: missing or empty` };
    }
  }
  return {
    ok: true,
    play: {
      artistName: o['artistName'] as string,
      trackName: o['trackName'] as string,
      endedAt,
      msPlayed: ms,
    },
  };
}

/**
 * A resolved account-data play as a record of the streaming-history topic: the same
 * play in the extended export carries more (platform, skips, reasons), this one only
 * what account data says. item_json is the object as it was in the file.
 */
export function accountPlayRecord(
  play: AccountPlay,
  trackId: string,
  item: unknown,
  envelope: ImportEnvelope,
): StreamingHistoryPlay {
  return {
    user_id: envelope.userId,
    fetched_at: envelope.importedAt,
    endpoint: `import ${envelope.fileName}`,
    run_id: envelope.runId,
    ts: play.endedAt,
    ms_played: play.msPlayed,
    track_id: trackId,
    track_name: play.trackName,
    artist_name: play.artistName,
    album_name: null,
    episode_id: null,
    episode_name: null,
    show_name: null,
    platform: null,
    conn_country: null,
    reason_start: null,
    reason_end: null,
    shuffle: null,
    skipped: null,
    offline: null,
    incognito_mode: null,
    item_json: JSON.stringify(item),
  };
}
