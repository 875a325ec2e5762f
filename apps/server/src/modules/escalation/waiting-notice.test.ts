import { describe, expect, it } from 'vitest';
import { WAITING_LANGUAGES, waitingNotice } from './waiting-notice';

describe('the notice for a visitor nobody can answer now', () => {
  it('exists in the six widget languages, says why, and offers only what the workspace has on', () => {
    expect(WAITING_LANGUAGES.sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'pt']);
    const texts = new Set<string>();
    for (const language of WAITING_LANGUAGES) {
      const full = waitingNotice('nobody_online', language, { askContact: true, botKeepsAnswering: true });
      const later = waitingNotice('nobody_took_it', language, { askContact: true, botKeepsAnswering: true });
      const bare = waitingNotice('nobody_online', language, { askContact: false, botKeepsAnswering: false });
      expect(later).not.toBe(full);
      expect(full.startsWith(bare)).toBe(true);
      expect(full.length).toBeGreaterThan(bare.length);
      texts.add(full);
    }
    expect(texts.size).toBe(6);
    expect(waitingNotice('nobody_online', 'es-MX', { askContact: true, botKeepsAnswering: false })).toBe(
      'Ahora mismo no hay nadie de nuestro equipo conectado, así que una persona no puede responderte aquí por el momento. Déjanos tu email o teléfono y te contactaremos.',
    );
    // An unknown language falls back to English; nothing promises a reply "soon".
    const english = waitingNotice('nobody_took_it', 'ja', { askContact: true, botKeepsAnswering: true });
    expect(english).toBe(
      'Sorry, nobody from our team has been able to join yet. Leave your email or phone number and we’ll get back to you. Meanwhile, I can keep answering your questions.',
    );
    expect(english).not.toMatch(/soon/);
  });
});
