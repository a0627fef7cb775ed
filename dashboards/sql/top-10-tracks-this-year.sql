-- Top 10 tracks this year per user: the same recording under several track ids (same
-- ISRC) counts as one. Ranked by streams, then minutes.
-- Other periods: last_4_weeks, last_6_months, all_time.
-- Grafana panel "Top 10 tracks" (the period is a dashboard variable there).
select spotify_user_id, rank, track_name, artist_names, album_name, streams, minutes_played
from marts.top_tracks_by_period
where period = 'this_year' and rank <= 10
order by spotify_user_id, rank;
