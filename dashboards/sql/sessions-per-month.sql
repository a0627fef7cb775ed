-- Listening sessions per month (a gap of more than 10 minutes starts a new session):
-- how many, how long on average, the longest.
-- Grafana panel "Sessions per month".
select spotify_user_id, date_trunc('month', local_date)::date as month,
       count(*) as sessions,
       round(avg(duration_minutes), 1) as avg_minutes,
       max(duration_minutes) as longest_minutes,
       round(avg(plays), 1) as avg_plays
from marts.sessions
group by spotify_user_id, date_trunc('month', local_date)
order by spotify_user_id, month;
