import type { Schema } from '../../lib/client';

/** The hand-off settings as the server has them, and the text form the settings page edits. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export type HandoffSettings = Schema<'HandoffSettings'>;

/** A visitor waiting for a person: how long before they are told nobody took it, and what they get meanwhile. */
export type WaitingRule = HandoffSettings['waiting'];

/** The wait in minutes as typed; the rest as they are. */
export interface WaitingForm {
  waitMinutes: string;
  botKeepsAnswering: boolean;
  askContact: boolean;
}

export const toWaitingForm = (w: WaitingRule): WaitingForm => ({
  waitMinutes: String(Math.round((w.waitSeconds / 60) * 10) / 10),
  botKeepsAnswering: w.botKeepsAnswering,
  askContact: w.askContact,
});

/** Malformed minutes are sent as NaN → null, for the server to say what is wrong. */
export const fromWaitingForm = (f: WaitingForm): WaitingRule => ({
  waitSeconds: Math.round(Number(f.waitMinutes.replace(',', '.')) * 60),
  botKeepsAnswering: f.botKeepsAnswering,
  askContact: f.askContact,
});

export interface SettingsForm {
  enabled: boolean;
  timezone: string;
  /** "09:00-12:00, 13:00-17:00" per day; empty: closed. */
  days: Record<Weekday, string>;
  holidays: string;
  emailDomains: string;
  metadataKey: string;
  metadataValues: string;
  vipHandoff: boolean;
  autoAssign: boolean;
  defaultCapacity: string;
  notifyByEmail: boolean;
  waiting: WaitingForm;
}

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function toForm(s: HandoffSettings): SettingsForm {
  return {
    enabled: s.businessHours.enabled,
    timezone: s.businessHours.timezone,
    days: Object.fromEntries(
      WEEKDAYS.map((d) => [d, s.businessHours.weekly[d].map((i) => `${i.from}-${i.to}`).join(', ')]),
    ) as Record<Weekday, string>,
    holidays: s.businessHours.holidays.join('\n'),
    emailDomains: s.vip.emailDomains.join(', '),
    metadataKey: s.vip.metadataKey ?? '',
    metadataValues: s.vip.metadataValues.join(', '),
    vipHandoff: s.vip.handoff,
    autoAssign: s.autoAssign,
    defaultCapacity: String(s.defaultCapacity),
    notifyByEmail: s.notifyByEmail,
    waiting: toWaitingForm(s.waiting),
  };
}

/** The document to save; malformed times are sent as typed, for the server to say what is wrong. */
export function fromForm(f: SettingsForm): HandoffSettings {
  const intervals = (text: string) =>
    list(text.replace(/\s*[-–]\s*/g, '-')).map((part) => {
      const [from = '', to = ''] = part.split('-');
      return { from, to };
    });
  return {
    businessHours: {
      enabled: f.enabled,
      timezone: f.timezone.trim(),
      weekly: Object.fromEntries(
        WEEKDAYS.map((d) => [d, intervals(f.days[d])]),
      ) as HandoffSettings['businessHours']['weekly'],
      holidays: list(f.holidays),
    },
    vip: {
      emailDomains: list(f.emailDomains),
      metadataKey: f.metadataKey.trim() || null,
      metadataValues: list(f.metadataValues),
      handoff: f.vipHandoff,
    },
    autoAssign: f.autoAssign,
    defaultCapacity: Number(f.defaultCapacity),
    notifyByEmail: f.notifyByEmail,
    waiting: fromWaitingForm(f.waiting),
  };
}
