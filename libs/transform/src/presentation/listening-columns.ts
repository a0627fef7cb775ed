import { integerCount, minutes } from './sql-expressions.ts';

/*
 * The listening measures over `all_plays`, music and podcasts side by side as in the
 * marts' listening views: plays count every play, streams the plays of 30 s or more,
 * minutes add up every ms_played (short plays included).
 */
const music = "content_type = 'music'";
const podcast = "content_type = 'podcast'";

export const MUSIC_COLUMNS = `
       ${minutes(`coalesce(sum(ms_played) FILTER (WHERE ${music}), 0)`)} AS minutes,
       ${integerCount(`count(*) FILTER (WHERE ${music} AND is_stream)`)} AS streams,
       ${integerCount(`count(*) FILTER (WHERE ${music})`)} AS plays`;

export const PODCAST_COLUMNS = `
       ${minutes(`coalesce(sum(ms_played) FILTER (WHERE ${podcast}), 0)`)} AS podcast_minutes,
       ${integerCount(`count(*) FILTER (WHERE ${podcast})`)} AS podcast_plays`;
