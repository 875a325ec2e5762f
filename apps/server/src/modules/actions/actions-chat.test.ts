import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startActionReceiver, type ActionReceiver } from '../../../test/support/action-receiver';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { identityHash } from '../widget';

/**
 * The model calls a workspace's actions inside the tool loop: a scripted model server asks for
 * the call, a real local endpoint answers, and what the endpoint received, what the model got
 * back and what was recorded are checked — including the visitor identity the model cannot fake.
 */
let models: ModelServer;
let rt: TestRuntime;
let ws: TestWorkspace;
let receiver: ActionReceiver;
let agentId: string;
let publicKey: string;
let identitySecret: string;
const ids: Record<string, string> = {};

const chats = () => models.requests.filter((r) => r.path === '/v1/chat/completions');

async function action(body: Record<string, unknown>): Promise<string> {
  const res = await ws.owner.post('/api/v1/actions', {
    description: 'Look up orders',
    inputSchema: { type: 'object', properties: { orderId: { type: 'string' }, userId: { type: 'string' } } },
    method: 'GET',
    keep: ['order.status'],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.action.id;
}

beforeAll(async () => {
  models = await startModelServer();
  receiver = await startActionReceiver();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    EGRESS_ALLOW_CIDRS: '127.0.0.2/32',
  });
  ws = await testWorkspace(rt, 'act-chat');
  ids.order = await action({ name: 'order_status', url: `${receiver.origin}/orders/{{input.orderId}}` });
  ids.mine = await action({
    name: 'my_orders',
    url: `${receiver.origin}/users/{{visitor.userId}}/orders?order={{input.orderId}}`,
    requiresVerifiedVisitor: true,
  });
  ids.refund = await action({
    name: 'refund_order',
    method: 'POST',
    url: `${receiver.origin}/refunds`,
    bodyTemplate: '{"order": {{input.orderId}}}',
    requiresConfirmation: true,
  });
  ids.off = await action({ name: 'switched_off', url: `${receiver.origin}/off`, enabled: false });
  const agent = await ws.owner.post('/api/v1/agents', {
    name: 'Orders',
    answerMode: 'generative',
    tools: { actionIds: Object.values(ids) },
  });
  expect(agent.status, JSON.stringify(agent.body)).toBe(201);
  agentId = agent.body.agent.id;
  ({ publicKey } = await widgetFor(ws, agentId));
  identitySecret = (await ws.owner.post('/api/v1/widget-identity/rotate')).body.secret;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
  await receiver?.close();
});

beforeEach(() => {
  models.reset();
  receiver.calls.length = 0;
});

const conversation = async () =>
  (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation.id as string;
const answerOf = async (id: string) => (await ws.api.json(`/api/v1/conversations/${id}`)).body.messages.at(-1);

describe('actions in the tool loop', () => {
  it('offers enabled actions with their JSON Schema, calls one and gives the model the kept fields', async () => {
    models.enqueue(
      { toolCall: { name: 'order_status', arguments: { orderId: 'A 17' } } },
      { text: ['It has shipped.'] },
    );
    const id = await conversation();
    await say(ws.api, id, 'Where is my order A 17?');
    const tools = (chats()[0]!.body as { tools: Array<{ function: { name: string; parameters: any } }> }).tools;
    const offered = tools.map((t) => t.function.name);
    expect(offered).toEqual(expect.arrayContaining(['order_status', 'my_orders', 'refund_order']));
    expect(offered).not.toContain('switched_off');
    expect(tools.find((t) => t.function.name === 'order_status')!.function.parameters.properties.orderId).toEqual({
      type: 'string',
    });
    expect(receiver.calls.map((c) => c.url)).toEqual(['/orders/A%2017']);
    const second = JSON.stringify(chats()[1]!.body);
    expect(second).toContain('shipped');
    expect(second).not.toContain('secretNote');
    const answer = await answerOf(id);
    expect(answer.toolCalls[0]).toMatchObject({
      name: 'order_status',
      input: { orderId: 'A 17' },
      output: { status: 200, output: { 'order.status': 'shipped' } },
    });
    expect(typeof answer.toolCalls[0].output.durationMs).toBe('number');
  });

  it('gives the model a short error when the endpoint fails', async () => {
    receiver.answer = () => ({ status: 500, body: 'boom' });
    models.enqueue({ toolCall: { name: 'order_status', arguments: { orderId: 'B1' } } }, { text: ['Sorry.'] });
    const id = await conversation();
    await say(ws.api, id, 'Order B1?');
    receiver.answer = () => ({ status: 200, body: JSON.stringify({ order: { status: 'shipped' } }) });
    expect(JSON.stringify(chats()[1]!.body)).toContain('The action failed: The endpoint answered HTTP 500.');
  });

  it('refuses an identity action for an anonymous or unverified visitor, and never calls the endpoint', async () => {
    for (const extra of [{}, { identity: { userId: 'victim-7', email: 'v@example.test' } }]) {
      const visitor = new VisitorClient(rt, publicKey);
      expect((await visitor.session(extra)).status).toBe(200);
      models.enqueue(
        { toolCall: { name: 'my_orders', arguments: { orderId: 'C1', userId: 'victim-7' } } },
        { text: ['Please sign in.'] },
      );
      await visitor.send('Show my orders; my user id is victim-7');
      expect(receiver.calls).toHaveLength(0);
      expect(JSON.stringify(chats().at(-1)!.body)).toContain('needs the visitor to be signed in');
      models.reset();
    }
  });

  it('fills visitor placeholders from the verified identity only, whatever the model says', async () => {
    const visitor = new VisitorClient(rt, publicKey);
    const signedIn = await visitor.session({
      identity: { userId: 'customer-42', email: 'c42@example.test', hash: identityHash(identitySecret, 'customer-42') },
    });
    expect(signedIn.body.identity).toBe('verified');
    models.enqueue(
      { toolCall: { name: 'my_orders', arguments: { orderId: 'D1', userId: 'victim-7' } } },
      { text: ['Here they are.'] },
    );
    await visitor.send('Show my orders');
    expect(receiver.calls.map((c) => c.url)).toEqual(['/users/customer-42/orders?order=D1']);
  });

  it('waits for the visitor’s confirmation, survives a reload, runs once on Confirm and the bot continues', async () => {
    const visitor = new VisitorClient(rt, publicKey);
    await visitor.session();
    models.enqueue(
      { toolCall: { name: 'refund_order', arguments: { orderId: 'E1' } } },
      { text: ['Please confirm the refund.'] },
    );
    await visitor.send('Refund order E1');
    expect(receiver.calls).toHaveLength(0);
    expect(JSON.stringify(chats()[1]!.body)).toContain('Not run yet');

    // A reload: a new session on the same conversation shows the same pending action.
    const reloaded = new VisitorClient(rt, publicKey);
    reloaded.visitor = visitor.visitor;
    reloaded.conversationId = visitor.conversationId;
    await reloaded.session();
    const pending = await reloaded.call(reloaded.conversationPath('/actions'));
    expect(pending.status).toBe(200);
    expect(pending.body.actions).toHaveLength(1);
    expect(pending.body.actions[0]).toMatchObject({ actionName: 'refund_order' });
    expect(pending.body.actions[0].summary).toContain(`POST ${receiver.origin}/refunds`);
    const pendingId = pending.body.actions[0].id as string;

    // Another visitor cannot see or decide it.
    const stranger = new VisitorClient(rt, publicKey);
    await stranger.session();
    const foreign = await stranger.call(stranger.conversationPath(`/actions/${pendingId}`), {
      method: 'POST',
      json: { confirm: true },
    });
    expect(foreign.status).toBe(404);
    expect(receiver.calls).toHaveLength(0);

    const decided = await reloaded.post(`/actions/${pendingId}`, { confirm: true });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toEqual({ decision: 'confirmed', succeeded: true });
    expect(receiver.calls.map((c) => [c.method, c.url, c.body])).toEqual([['POST', '/refunds', '{"order": "E1"}']]);
    expect((await reloaded.post(`/actions/${pendingId}`, { confirm: true })).status).toBe(404);
    expect(receiver.calls).toHaveLength(1);
    expect((await reloaded.call(reloaded.conversationPath('/actions'))).body.actions).toEqual([]);

    models.reset();
    models.enqueue({ text: ['Your refund is done.'] });
    await reloaded.send('Confirm');
    const system = JSON.stringify(chats()[0]!.body);
    expect(system).toContain('action_outcomes');
    expect(system).toContain('refund_order');
    expect(system).toContain('\\"decision\\":\\"confirmed\\"');
    // Told once: the next turn does not hear it again.
    models.reset();
    models.enqueue({ text: ['Anything else?'] });
    await reloaded.send('Thanks');
    expect(JSON.stringify(chats()[0]!.body)).not.toContain('action_outcomes');
  });

  it('cancels without calling, and the bot hears it was cancelled', async () => {
    const visitor = new VisitorClient(rt, publicKey);
    await visitor.session();
    models.enqueue({ toolCall: { name: 'refund_order', arguments: { orderId: 'F1' } } }, { text: ['Confirm?'] });
    await visitor.send('Refund F1');
    const [pending] = (await visitor.call(visitor.conversationPath('/actions'))).body.actions;
    expect((await visitor.post(`/actions/${pending.id}`, { confirm: false })).body).toEqual({
      decision: 'cancelled',
      succeeded: false,
    });
    models.reset();
    models.enqueue({ text: ['Cancelled.'] });
    await visitor.send('Cancel');
    expect(receiver.calls).toHaveLength(0);
    expect(JSON.stringify(chats()[0]!.body)).toContain('\\"decision\\":\\"cancelled\\"');
  });
});
