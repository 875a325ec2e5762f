import { withPlatform, type ServiceContext } from '../../src/platform/tenancy';
import type { TestRuntime } from './runtime';
import { testWorkspace, type TestWorkspace } from './workspace';

export interface LeadWorkspace {
  ws: TestWorkspace;
  agentId: string;
  /** A new conversation with the workspace's agent (as the widget would start it). */
  conversation(visitorId?: string): Promise<string>;
  /** The widget's visitor acting in this workspace. */
  visitor: ServiceContext;
  /** Events the workspace's outbox holds, oldest first. */
  events(type?: string): Promise<Array<{ type: string; payload: any }>>;
}

/** A workspace with an agent, ready to collect leads. */
export async function leadWorkspace(rt: TestRuntime, label: string): Promise<LeadWorkspace> {
  const ws = await testWorkspace(rt, label);
  const created = await ws.api.post('/api/v1/agents', { name: `${label} agent` });
  if (created.status !== 201) throw new Error(`agent creation failed: ${created.status}`);
  const agentId = created.body.agent.id as string;
  return {
    ws,
    agentId,
    async conversation(visitorId = 'visitor-1') {
      const { status, body } = await ws.api.post('/api/v1/conversations', { agentId, channel: 'widget', visitorId });
      if (status !== 201) throw new Error(`conversation creation failed: ${status}`);
      return body.conversation.id as string;
    },
    visitor: { tenantId: ws.id, actor: { type: 'visitor', visitorId: 'visitor-1' }, requestId: `test-${label}` },
    async events(type) {
      const { rows } = await withPlatform((tx) =>
        tx.query<{ type: string; payload: any }>(
          `SELECT type, payload FROM events_outbox WHERE tenant_id = $1 AND ($2::text IS NULL OR type = $2) ORDER BY id`,
          [ws.id, type ?? null],
        ),
      );
      return rows;
    },
  };
}
