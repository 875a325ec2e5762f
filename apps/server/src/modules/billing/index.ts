export { billingModule } from './module';
export { advanceGrace, advanceGraceFor, graceStageAt, WIDGET_EXTRA_DAYS } from './grace';
export { configureBilling, setBillingClock, stripeClient } from './settings';
export { revenueByMonth } from './revenue';
