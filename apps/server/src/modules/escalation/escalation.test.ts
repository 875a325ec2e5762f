import { describe, expect, it } from 'vitest';
import { describeOpening, isOpen, nextOpening, zonedInstant } from './business-hours';
import { asksForPerson, matchedKeyword } from './intent';
import { handoffNotice } from './notice';
import { escalationFor, unansweredLimit } from './rules';
import { scoreSentiment } from './sentiment';
import { businessHoursSchema, vipSchema } from './settings-schema';
import { isVip, visitorIdentity } from './visitor';

const paris = businessHoursSchema.parse({ enabled: true, timezone: 'Europe/Paris', holidays: ['2026-12-25'] });
const rules = { keywords: ['human', 'refund manager'], maxUnanswered: 2, onNegativeSentiment: true, vipOnly: false };

describe('business hours', () => {
  it('is open Monday to Friday 9–17 in the workspace zone, closed on holidays', () => {
    expect(isOpen(paris, new Date('2026-12-01T08:30:00Z'))).toBe(true); // Tuesday 09:30 in Paris (UTC+1)
    expect(isOpen(paris, new Date('2026-12-01T07:59:00Z'))).toBe(false); // 08:59
    expect(isOpen(paris, new Date('2026-12-01T16:00:00Z'))).toBe(false); // 17:00 sharp: closed
    expect(isOpen(paris, new Date('2026-12-05T10:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(paris, new Date('2026-12-25T10:00:00Z'))).toBe(false); // a Friday, but a holiday
    expect(isOpen({ ...paris, enabled: false }, new Date('2026-12-05T03:00:00Z'))).toBe(true);
  });

  it('finds the next opening across the weekend, a holiday and a change of clock', () => {
    expect(nextOpening(paris, new Date('2026-12-04T17:30:00Z'))!.toISOString()).toBe('2026-12-07T08:00:00.000Z'); // Friday evening → Monday 09:00
    expect(nextOpening(paris, new Date('2026-12-24T18:00:00Z'))!.toISOString()).toBe('2026-12-28T08:00:00.000Z'); // Christmas Eve → skips the 25th and the weekend
    // Summer time starts on Sunday 29 March 2026: Monday 09:00 is 07:00 UTC.
    expect(nextOpening(paris, new Date('2026-03-27T18:00:00Z'))!.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    const now = new Date('2026-12-01T10:00:00Z');
    expect(nextOpening(paris, now)).toBe(now);
    expect(
      nextOpening({ ...paris, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, now),
    ).toBeNull();
  });

  it('says when, in the visitor’s language and the workspace’s zone', () => {
    const monday = new Date('2026-12-07T08:00:00Z');
    expect(describeOpening(monday, paris, 'en')).toBe('Monday 09:00 (GMT+1)');
    expect(describeOpening(monday, paris, 'fr')).toBe('lundi 09:00 (GMT+1)');
  });

  it('refuses a time zone that does not exist and an opening that ends before it starts', () => {
    expect(businessHoursSchema.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      businessHoursSchema.safeParse({
        weekly: { mon: [{ from: '17:00', to: '09:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      }).success,
    ).toBe(false);
  });

  it('tells the visitor a person is coming, or when to expect one and to leave contact details', () => {
    expect(handoffNotice(paris, 'en', new Date('2026-12-01T10:00:00Z'))).toMatchObject({
      askContact: false,
      text: expect.stringContaining('connecting you with a person'),
    });
    const away = handoffNotice(paris, 'en', new Date('2026-12-04T17:30:00Z'));
    expect(away).toEqual({
      askContact: true,
      opensAt: '2026-12-07T08:00:00.000Z',
      text: expect.stringContaining('from Monday 09:00 (GMT+1)'),
    });
    expect(away.text).toMatch(/email or phone/);
    expect(handoffNotice(paris, 'es', new Date('2026-12-05T10:00:00Z')).text).toMatch(/Déjanos tu email/);
    // Each of the widget's six languages has its own notices.
    const open = new Date('2026-12-01T10:00:00Z');
    const said = ['en', 'es', 'fr', 'de', 'pt', 'ar'].map((language) => handoffNotice(paris, language, open).text);
    expect(new Set(said).size).toBe(6);
  });
});

describe('sentiment', () => {
  it('scores complaints negative and ordinary or happy messages not', () => {
    expect(scoreSentiment('This is terrible, I am so angry').negative).toBe(true);
    expect(scoreSentiment('useless!!').score).toBe(-4);
    expect(scoreSentiment('This is the WORST service').score).toBeLessThan(-4);
    expect(scoreSentiment('How do I return an item?').score).toBe(0);
    expect(scoreSentiment('The delivery is late').negative).toBe(false);
    expect(scoreSentiment('Thanks, that was helpful and great').score).toBeGreaterThan(0);
  });

  it('flips negated words and weighs intensifiers', () => {
    expect(scoreSentiment('not bad').score).toBe(1);
    expect(scoreSentiment('not good').score).toBe(-1);
    expect(scoreSentiment('very annoyed').score).toBe(-4.5);
  });
});

describe('asking for a person', () => {
  it('recognises explicit requests in several languages, not passing mentions', () => {
    for (const text of [
      'Can I talk to a human?',
      'I want to speak with a real person',
      'connect me to an agent please',
      'quiero hablar con una persona',
      'je veux parler à un humain',
      'live agent',
    ]) {
      expect(asksForPerson(text), text).toBe(true);
    }
    for (const text of [
      'Is your travel agent program open?',
      'How many people work there?',
      'What are your opening hours?',
    ]) {
      expect(asksForPerson(text), text).toBe(false);
    }
  });

  it('matches hand-off keywords as whole words or phrases', () => {
    expect(matchedKeyword('I need a HUMAN now', rules.keywords)).toBe('human');
    expect(matchedKeyword('Where is the refund manager?', rules.keywords)).toBe('refund manager');
    expect(matchedKeyword('Is it humane?', rules.keywords)).toBeNull();
  });
});

describe('VIP visitors', () => {
  const rule = vipSchema.parse({ emailDomains: ['bigcorp.com'], metadataKey: 'plan', metadataValues: ['enterprise'] });
  it('are recognised by email domain (subdomains too) or a metadata value', () => {
    expect(isVip(rule, { email: 'ceo@bigcorp.com' })).toBe(true);
    expect(isVip(rule, { visitor: { email: 'x@eu.bigcorp.com' } })).toBe(true);
    expect(isVip(rule, { email: 'someone@notbigcorp.com' })).toBe(false);
    expect(isVip(rule, { plan: 'Enterprise' })).toBe(true);
    expect(isVip(rule, { plan: 'free' })).toBe(false);
    expect(isVip(vipSchema.parse({ metadataKey: 'vip' }), { vip: true })).toBe(true);
    expect(
      visitorIdentity({ visitor: { name: 'Ada', email: 'ADA@Example.com' }, page: 'https://shop.example/cart' }),
    ).toMatchObject({ name: 'Ada', email: 'ada@example.com', page: 'https://shop.example/cart' });
  });
});

describe('escalation rules', () => {
  const facts = { rules, vip: false, vipHandoff: true, firstMessage: false };
  it('hands off on an explicit request, a VIP’s first message, a keyword or a complaint', () => {
    expect(escalationFor({ ...facts, text: 'let me talk to a person' })?.rule).toBe('intent');
    expect(escalationFor({ ...facts, text: 'Hello', vip: true, firstMessage: true })?.rule).toBe('vip');
    expect(escalationFor({ ...facts, text: 'Hello', vip: true, firstMessage: false })).toBeNull();
    expect(escalationFor({ ...facts, text: 'the refund manager, please' })?.rule).toBe('keyword');
    expect(escalationFor({ ...facts, text: 'This is ridiculous and useless!!' })).toMatchObject({
      rule: 'sentiment',
      reason: expect.stringContaining('ridiculous'),
    });
    expect(
      escalationFor({
        ...facts,
        text: 'This is ridiculous and useless!!',
        rules: { ...rules, onNegativeSentiment: false },
      }),
    ).toBeNull();
    expect(escalationFor({ ...facts, text: 'When are you open?' })).toBeNull();
  });

  it('keeps automatic rules for VIPs when the agent says so; an explicit request still works', () => {
    const vipOnly = { ...rules, vipOnly: true };
    expect(escalationFor({ ...facts, rules: vipOnly, text: 'the refund manager, please' })).toBeNull();
    expect(escalationFor({ ...facts, rules: vipOnly, vip: true, text: 'the refund manager, please' })?.rule).toBe(
      'keyword',
    );
    expect(escalationFor({ ...facts, rules: vipOnly, text: 'can I speak to a human' })?.rule).toBe('intent');
    expect(unansweredLimit(vipOnly, false)).toBe(0);
    expect(unansweredLimit(vipOnly, true)).toBe(2);
  });
});
