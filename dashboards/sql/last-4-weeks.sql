-- The last 28 days in numbers, per user: minutes, streams, distinct tracks, albums and
-- artists, average track length.
-- Grafana panel "Last 4 weeks" (stat panels).
select spotify_user_id, minutes_played, streams, unique_tracks, unique_albums,
       unique_artists, avg_track_minutes
from marts.recent_plays_analysis
order by spotify_user_id;
