import type { AnalyticsMetrics } from './analytics-api';
import { formatDuration, formatNumber, formatPercent, formatUsd } from './analytics-format';
import type { TileData } from './tiles';

/** The summary's tiles: the numbers with their change; `inbox` links a number to its conversations. */
export function summaryTiles(
  now: AnalyticsMetrics,
  before: AnalyticsMetrics,
  inbox: (status: string) => string | undefined,
): TileData[] {
  return [
    {
      label: 'Conversations',
      value: formatNumber(now.conversations),
      now: now.conversations,
      before: before.conversations,
      to: inbox('all'),
    },
    {
      label: 'Messages',
      value: formatNumber(now.messages.total),
      now: now.messages.total,
      before: before.messages.total,
    },
    {
      label: 'Resolved by the bot',
      value: formatPercent(now.botResolvedRate),
      now: now.botResolvedRate,
      before: before.botResolvedRate,
      to: inbox('closed'),
    },
    {
      label: 'Handed off',
      value: formatNumber(now.handedOff),
      now: now.handedOff,
      before: before.handedOff,
      lowerIsBetter: true,
      to: inbox('pending_human'),
    },
    {
      label: 'Unanswered',
      value: formatPercent(now.unansweredRate),
      now: now.unansweredRate,
      before: before.unansweredRate,
      lowerIsBetter: true,
    },
    {
      label: 'First response (median)',
      value: formatDuration(now.firstResponseSeconds.median),
      now: now.firstResponseSeconds.median,
      before: before.firstResponseSeconds.median,
      lowerIsBetter: true,
    },
    {
      label: 'Resolution (median)',
      value: formatDuration(now.resolutionSeconds.median),
      now: now.resolutionSeconds.median,
      before: before.resolutionSeconds.median,
      lowerIsBetter: true,
    },
    {
      label: 'CSAT',
      value: now.csat.average === null ? '—' : `${now.csat.average} / 5`,
      now: now.csat.average,
      before: before.csat.average,
    },
    { label: 'Leads', value: formatNumber(now.leads), now: now.leads, before: before.leads },
    {
      label: 'Model cost',
      value: formatUsd(now.costUsd),
      now: now.costUsd,
      before: before.costUsd,
      lowerIsBetter: true,
    },
  ];
}
