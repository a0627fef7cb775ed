import { listeningByPeriodSql } from '../listening-by-period.ts';
import type { PresentationAggregate } from '../presentation-aggregate.ts';

export const userMonthlyListening: PresentationAggregate = {
  name: 'user_monthly_listening',
  description:
    "Per user and local month ('YYYY-MM', UTC for now): music minutes, streams (plays of 30 s or more), plays, distinct tracks and artists (every credited artist), then podcast minutes and plays; incognito plays excluded.",
  sql: ({ shared }) => listeningByPeriodSql('month', "strftime(local_date, '%Y-%m')", shared),
};
