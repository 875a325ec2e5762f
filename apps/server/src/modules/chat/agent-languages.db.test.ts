import { beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * An agent follows the visitor's language by default: a Spanish visitor gets a Spanish
 * greeting, suggested questions and fallback (built in, or the agent's own translation).
 */
const rt = useTestRuntime();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'languages');
});

describe('agent languages', () => {
  it('a new agent follows the visitor; one saved with a language keeps it', async () => {
    const follows = await ws.api.post('/api/v1/agents', { name: 'Follows' });
    expect(follows.body.agent.draft).toMatchObject({ language: 'auto', fallback: '', translations: {} });
    const english = await ws.api.post('/api/v1/agents', { name: 'English', language: 'en' });
    expect(english.body.agent.draft.language).toBe('en');
    // A Spanish visitor of an English agent still hears English; of the new agent, Spanish.
    const start = async (agentId: string) =>
      (await ws.api.post('/api/v1/conversations', { agentId, metadata: { locale: 'es-MX' } })).body.conversation
        .id as string;
    expect((await say(ws.api, await start(english.body.agent.id), 'Do you sell submarines?')).body.content).toMatch(
      /^I couldn’t find/,
    );
    expect((await say(ws.api, await start(follows.body.agent.id), '¿Venden submarinos?')).body.content).toBe(
      'No encontré nada sobre eso en lo que sé. ¿Quieres que te ponga en contacto con una persona?',
    );
  });

  it('gives a Spanish visitor the agent’s Spanish greeting, suggestions and fallback', async () => {
    const created = await ws.api.post('/api/v1/agents', {
      name: 'Tienda',
      suggestedQuestions: ['Where is my order?'],
      translations: {
        es: { suggestedQuestions: ['¿Dónde está mi pedido?'], fallback: 'No lo sé todavía. ¿Te paso con una persona?' },
      },
    });
    expect(created.status).toBe(201);
    const agentId = created.body.agent.id as string;
    const { publicKey } = await widgetFor(ws, agentId);
    const visitor = new VisitorClient(rt.current, publicKey);
    const config = (await visitor.call('/config')).body.widget;
    expect(config.texts.es).toEqual({
      welcomeText: '¡Hola! ¿En qué puedo ayudarte hoy?',
      suggestedQuestions: ['¿Dónde está mi pedido?'],
    });
    expect(config.texts.fr).toEqual({
      welcomeText: 'Bonjour ! Comment puis-je vous aider aujourd’hui ?',
      suggestedQuestions: ['Where is my order?'],
    });
    expect(config.texts.en.welcomeText).toBe('Hi! How can I help you today?');

    expect((await visitor.session({ create: true, locale: 'es-ES' })).status).toBe(200);
    const answer = await visitor.send('¿Venden submarinos?');
    expect(answer.body.content).toBe('No lo sé todavía. ¿Te paso con una persona?');
    expect(answer.body.offerHuman).toBe(true);
  });

  it('refuses translations for a language the widget does not speak', async () => {
    const bad = await ws.api.post('/api/v1/agents', { name: 'Bad', translations: { xx: { greeting: 'Hi' } } });
    expect(bad.status).toBe(400);
  });
});
