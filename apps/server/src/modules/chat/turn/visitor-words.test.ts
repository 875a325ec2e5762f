import { describe, expect, it } from 'vitest';
import { detailsNotFromVisitor } from './visitor-words';

const said = ['Hi, I am José Alves.', 'Write to Jose.Alves@Example.test or call +44 (20) 7946-0958, thanks'];

describe('lead details from the visitor’s own words', () => {
  it('accepts what the visitor wrote, formatted otherwise', () => {
    expect(
      detailsNotFromVisitor({ name: 'jose ALVES', email: 'jose.alves@example.test', phone: '020 7946 0958' }, said),
    ).toEqual([]);
    expect(detailsNotFromVisitor({ name: 'José', phone: '+442079460958' }, said)).toEqual([]);
    expect(detailsNotFromVisitor({}, said)).toEqual([]);
  });

  it('names each detail the visitor never wrote', () => {
    expect(
      detailsNotFromVisitor({ name: 'Mallory', email: 'mallory@attacker.test', phone: '+1 555 0100 999' }, said),
    ).toEqual(['email', 'phone', 'name']);
    // Close is not enough: another domain, a number the visitor's does not contain, an extra name.
    expect(detailsNotFromVisitor({ email: 'jose.alves@example.test.evil' }, said)).toEqual(['email']);
    expect(detailsNotFromVisitor({ email: 'alves@example.test' }, said)).toEqual(['email']);
    expect(detailsNotFromVisitor({ email: 'jose.alves@example.te' }, said)).toEqual(['email']);
    expect(detailsNotFromVisitor({ phone: '7946 0959' }, said)).toEqual(['phone']);
    expect(detailsNotFromVisitor({ phone: '46' }, said)).toEqual(['phone']);
    expect(detailsNotFromVisitor({ name: 'José Alves Mallory' }, said)).toEqual(['name']);
    expect(detailsNotFromVisitor({ email: 'jose.alves@example.test' }, [])).toEqual(['email']);
  });
});
