-- Favourite artists by what users do: streams, liked tracks, follows (followed in the
-- latest snapshot) and genres (empty since Spotify stopped giving them, 2026).
-- Grafana panel "Music preferences".
select spotify_user_id, preference_rank, artist_name, streams, liked_tracks, is_followed,
       array_to_string(genres, ', ') as genres
from marts.user_music_preferences
where preference_rank <= 20
order by spotify_user_id, preference_rank;
