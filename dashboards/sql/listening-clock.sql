-- When each user listens: music minutes per local hour (rows) and weekday (columns),
-- a heat map once coloured. Podcasts are in marts.listening_clock.podcast_minutes.
-- Grafana panel "Listening clock" (table with colour-coded cells).
select spotify_user_id, hour,
       sum(music_minutes) filter (where weekday = 1) as monday,
       sum(music_minutes) filter (where weekday = 2) as tuesday,
       sum(music_minutes) filter (where weekday = 3) as wednesday,
       sum(music_minutes) filter (where weekday = 4) as thursday,
       sum(music_minutes) filter (where weekday = 5) as friday,
       sum(music_minutes) filter (where weekday = 6) as saturday,
       sum(music_minutes) filter (where weekday = 7) as sunday
from marts.listening_clock
group by spotify_user_id, hour
order by spotify_user_id, hour;
