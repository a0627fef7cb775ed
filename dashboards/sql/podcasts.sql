-- Podcasts, counted apart from music: minutes and episodes per show and user.
-- Grafana panel "Podcasts".
select spotify_user_id, show_name, episodes, plays, minutes_played, last_played_at
from marts.podcasts
order by spotify_user_id, minutes_played desc, show_name;
