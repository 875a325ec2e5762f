export { usageModule } from './module';
export { readUsage, usageQuery, type UsageReport, type UsageTotals } from './read-usage';
