import { listeningByPeriodSql } from '../listening-by-period.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';

export const userDailyListening: PresentationAggregate = {
  name: 'user_daily_listening',
  description:
    'Per user and local day (UTC for now; a play counts on the day it ended): music minutes, streams (plays of 30 s or more), plays, distinct tracks and artists (every credited artist), then podcast minutes and plays; incognito plays excluded.',
  sql: ({ shared }) => listeningByPeriodSql('date', 'local_date', shared),
};
