-- psql recipe "my top 10 artists this year": ranked by streams (plays of 30 s or more),
-- then minutes; a track credits each of its artists. "This year" is the user's local year.
--   psql "postgres://bi_reader:bi_reader@127.0.0.1:5432/insights" -f dashboards/sql/top-10-artists-this-year.sql
-- Only yours: add  and spotify_user_id = 'your-spotify-id'  to the where clause.
-- Other periods: last_4_weeks, last_6_months, all_time.
-- Grafana panel "Top 10 artists" (the period is a dashboard variable there).
select spotify_user_id, rank, artist_name, streams, minutes_played
from marts.top_artists_by_period
where period = 'this_year' and rank <= 10
order by spotify_user_id, rank;
