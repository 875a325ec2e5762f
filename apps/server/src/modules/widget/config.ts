import { widgetConfig, type WidgetConfig, type WidgetLeadForm } from '@switchboard/contract/widget';

// What a workspace configures for an agent's widget is part of the API contract
// (packages/contract/src/widget.ts). Stored as JSON beside the key and the allowed origins;
// every read goes through `widgetConfig.parse`, so rows written before a new field existed
// get its default.
export type { WidgetConfig, WidgetLeadForm };

export function readConfig(stored: unknown): WidgetConfig {
  const parsed = widgetConfig.safeParse(stored ?? {});
  // A row no longer valid under today's rules falls back section by section to defaults.
  return parsed.success ? parsed.data : widgetConfig.parse({});
}
