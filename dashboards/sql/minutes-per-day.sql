-- Minutes per day, music and podcasts apart, in each user's time zone.
-- Incognito plays are left out (as in every mart); a play counts on the day it ended.
-- Grafana panel "Minutes per day" (time series, filtered by user and time range).
select spotify_user_id, date, music_minutes, podcast_minutes, music_streams, music_plays
from marts.listening_daily
order by spotify_user_id, date;
