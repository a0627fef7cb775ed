-- Listening streaks: the current one (listened today or yesterday) and the longest,
-- in consecutive days with at least one stream.
-- Grafana panel "Streaks".
select spotify_user_id,
       coalesce(max(days) filter (where is_current), 0) as current_streak_days,
       max(days) as longest_streak_days,
       max(ended_on) filter (where is_longest) as longest_ended_on
from marts.streaks
group by spotify_user_id
order by spotify_user_id;
