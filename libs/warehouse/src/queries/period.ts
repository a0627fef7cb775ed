import type { Knex } from 'knex';

/*
 * The ranges a listener asks about, Wrapped style. Relative ranges end now; "this year"
 * and custom dates are calendar days in the listener's time zone (the request's `tz`, else
 * dim_user.time_zone, which is UTC until someone sets it), like the marts' days.
 */
export const RANGES = ['4w', '6m', 'year', 'all', 'custom'] as const;
export type RangeName = (typeof RANGES)[number];

export interface PeriodRequest {
  range: RangeName;
  /** custom only: first and last local day, inclusive (YYYY-MM-DD) */
  from?: string | undefined;
  to?: string | undefined;
  /** IANA zone for local days and hours; undefined: the user's own zone */
  timeZone?: string | undefined;
  /** the instant relative ranges end at */
  now: Date;
}

/** A user found in the warehouse, with the instants [fromTs, toTs) their range covers. */
export interface UserPeriod {
  userKey: string;
  spotifyUserId: string;
  timeZone: string;
  fromTs: Date | null;
  toTs: Date | null;
}

// The range as instants [from_ts, to_ts) for a zone `tz` (a column or expression in scope).
const BOUNDS = `case cast(:range as text)
    when '4w' then cast(:now as timestamptz) - interval '28 days'
    when '6m' then cast(:now as timestamptz) - interval '6 months'
    when 'year' then date_trunc('year', cast(:now as timestamptz) at time zone tz) at time zone tz
    when 'custom' then cast(:from as date)::timestamp at time zone tz
  end as from_ts,
  case cast(:range as text)
    when 'custom' then (cast(:to as date) + 1)::timestamp at time zone tz
    when 'all' then null
    else cast(:now as timestamptz)
  end as to_ts`;

const boundBindings = (period: PeriodRequest) => ({
  range: period.range,
  now: period.now,
  from: period.from ?? null,
  to: period.to ?? null,
  timeZone: period.timeZone ?? null,
});

/** A period for no one user (the friend group): local days in `timeZone`, else UTC. */
export interface ZonedPeriod {
  timeZone: string;
  fromTs: Date | null;
  toTs: Date | null;
}

export async function resolvePeriod(db: Knex, period: PeriodRequest): Promise<ZonedPeriod> {
  const result = await db.raw<{ rows: { tz: string; from_ts: Date | null; to_ts: Date | null }[] }>(
    `select tz, ${BOUNDS} from (select coalesce(cast(:timeZone as text), 'UTC') as tz) z`,
    boundBindings(period),
  );
  const row = result.rows[0]!;
  return { timeZone: row.tz, fromTs: row.from_ts, toTs: row.to_ts };
}

/**
 * Finds the user and turns the range into instants in one round trip (PostgreSQL knows
 * the zone rules). Undefined when the user is not in the warehouse.
 */
export async function findUserPeriod(
  db: Knex,
  spotifyUserId: string,
  period: PeriodRequest,
): Promise<UserPeriod | undefined> {
  const result = await db.raw<{ rows: RawUserPeriod[] }>(
    `select u.user_key, u.spotify_user_id, u.tz, ${BOUNDS}
     from (select user_key, spotify_user_id, coalesce(cast(:timeZone as text), time_zone) as tz
           from warehouse.dim_user where spotify_user_id = :spotifyUserId) u`,
    { ...boundBindings(period), spotifyUserId },
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    userKey: String(row.user_key),
    spotifyUserId: row.spotify_user_id,
    timeZone: row.tz,
    fromTs: row.from_ts,
    toTs: row.to_ts,
  };
}

interface RawUserPeriod {
  user_key: string;
  spotify_user_id: string;
  tz: string;
  from_ts: Date | null;
  to_ts: Date | null;
}

/** The bindings every period-filtered query takes: `:userKey`, `:fromTs`, `:toTs`. */
export function periodBindings(period: UserPeriod): {
  userKey: string;
  fromTs: Date | null;
  toTs: Date | null;
  timeZone: string;
} {
  return {
    userKey: period.userKey,
    fromTs: period.fromTs,
    toTs: period.toTs,
    timeZone: period.timeZone,
  };
}

/**
 * The filter on a play alias `p` (a marts play view): the user's plays in [fromTs, toTs).
 * Both bounds are always bound (null = open), so the planner keeps the grain index's
 * (user_key, played_at) range scan.
 */
export const PLAYS_IN_PERIOD = `p.user_key = :userKey
  and p.played_at >= coalesce(cast(:fromTs as timestamptz), '-infinity')
  and p.played_at < coalesce(cast(:toTs as timestamptz), 'infinity')`;

/**
 * CTE `track_totals`: the user's music in the period summed per track (plays, streams,
 * ms_played), the marts' rules applied (incognito plays left out; a stream is a play of
 * 30 s or more). Read from fct_play directly and grouped first: every top list and the
 * overview start from these few thousand rows instead of joining each of a heavy
 * listener's 200,000 plays to its dimensions.
 */
export const TRACK_TOTALS = `track_totals as (
  select f.track_key, count(*) as plays, count(*) filter (where f.is_stream) as streams,
         sum(f.ms_played) as ms_played, min(f.played_at) as first_played_at,
         max(f.played_at) as last_played_at
  from warehouse.fct_play f
  where f.user_key = :userKey and not f.incognito
    and f.played_at >= coalesce(cast(:fromTs as timestamptz), '-infinity')
    and f.played_at < coalesce(cast(:toTs as timestamptz), 'infinity')
  group by f.track_key
)`;
