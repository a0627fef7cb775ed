import type { StreamingHistoryPlay } from '@spotify-insights/schemas';

import type { ImportEnvelope } from './export-format.ts';

export type { ImportEnvelope };

export type MappedPlay = { ok: true; record: StreamingHistoryPlay } | { ok: false; reason: string };

/*
 * Privacy: the export carries the IP address of every play (`ip_addr`, older
 * `ip_addr_decrypted`). Nothing here needs it, so it never leaves the user's machine:
 * it is dropped from item_json before publishing (raw keeps everything else as it was).
 */

/** Does this look like an extended streaming history play (and not e.g. account data)? */
export function looksLikeStreamingHistory(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'ts' in value && 'ms_played' in value;
}

const URI_PATTERNS = {
  track: /^spotify:track:([A-Za-z0-9]+)$/,
  episode: /^spotify:episode:([A-Za-z0-9]+)$/,
};

/** The id in a `spotify:<kind>:<id>` URI, null when absent; undefined when malformed. */
function idOf(uri: unknown, kind: 'track' | 'episode'): string | null | undefined {
  if (uri === null || uri === undefined || uri === '') return null;
  const match = typeof uri === 'string' ? URI_PATTERNS[kind].exec(uri) : null;
  return match ? match[1]! : undefined;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const flag = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/**
 * One export object as a streaming-history record. Old (endsong) and new field names
 * are the same for everything typed here; only the IP key differs, and it is dropped.
 * What cannot be typed (no time, no duration, a malformed URI) is a reason for the
 * dead-letter topic, never a silent default.
 */
export function toStreamingHistoryRecord(item: unknown, envelope: ImportEnvelope): MappedPlay {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const o = item as Record<string, unknown>;
  const ts = typeof o['ts'] === 'string' ? Date.parse(o['ts']) : Number.NaN;
  if (Number.isNaN(ts))
    return { ok: false, reason: `ts: not an ISO time: ${JSON.stringify(o['ts'])}` };
  const ms = o['ms_played'];
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) {
    return { ok: false, reason: `ms_played: not a non-negative integer: ${JSON.stringify(ms)}` };
  }
  const trackId = idOf(o['spotify_track_uri'], 'track');
  if (trackId === undefined)
    return {
      ok: false,
      reason: `spotify_track_uri: malformed: ${JSON.stringify(o['spotify_track_uri'])}`,
    };
  const episodeId = idOf(o['spotify_episode_uri'], 'episode');
  if (episodeId === undefined)
    return {
      ok: false,
      reason: `spotify_episode_uri: malformed: ${JSON.stringify(o['spotify_episode_uri'])}`,
    };
  // Object rest: the fastest way to leave the two keys out (a third of Object.entries').
  const { ip_addr: _ip, ip_addr_decrypted: _ipOld, ...kept } = o;
  const itemJson = JSON.stringify(kept);
  return {
    ok: true,
    record: {
      user_id: envelope.userId,
      fetched_at: envelope.importedAt,
      endpoint: `import ${envelope.fileName}`,
      run_id: envelope.runId,
      ts,
      ms_played: ms,
      track_id: trackId,
      track_name: text(o['master_metadata_track_name']),
      artist_name: text(o['master_metadata_album_artist_name']),
      album_name: text(o['master_metadata_album_album_name']),
      episode_id: episodeId,
      episode_name: text(o['episode_name']),
      show_name: text(o['episode_show_name']),
      platform: text(o['platform']),
      conn_country: text(o['conn_country']),
      reason_start: text(o['reason_start']),
      reason_end: text(o['reason_end']),
      shuffle: flag(o['shuffle']),
      skipped: flag(o['skipped']),
      offline: flag(o['offline']),
      incognito_mode: flag(o['incognito_mode']),
      item_json: itemJson,
    },
  };
}
