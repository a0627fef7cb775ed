-- psql recipe "minutes per month": music and podcast minutes per month and user.
--   psql "postgres://bi_reader:bi_reader@127.0.0.1:5432/insights" -f dashboards/sql/minutes-per-month.sql
-- Only yours: add  where spotify_user_id = 'your-spotify-id'  before "order by".
-- Grafana panel "Minutes per month" (bar chart).
select spotify_user_id, year_month, music_minutes, podcast_minutes, music_streams,
       listening_days
from marts.listening_monthly
order by spotify_user_id, month;
