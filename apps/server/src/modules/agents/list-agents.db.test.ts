import { describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import type { ServiceContext } from '../../platform/tenancy';
import { createTenant } from '../tenants';
import { createAgent, getAgent, listAgents, publishAgent, updateAgentDraft } from './index';

useTestRuntime();

describe('agents with their published configuration', () => {
  it('lists and reads each agent with its own published version, drafts apart', async () => {
    const tenant = await createTenant({ name: 'Lister' });
    const ctx: ServiceContext = {
      tenantId: tenant.id,
      actor: { type: 'user', userId: 'usr_owner', email: 'owner@example.test', role: 'owner' },
      requestId: 'test',
    };
    // A new agent is published as version 1.
    const fresh = await createAgent(ctx, { name: 'Fresh' });
    const edited = await createAgent(ctx, { name: 'Edited', greeting: 'Live greeting' });
    await updateAgentDraft(ctx, edited.id, { greeting: 'Draft greeting' });
    const twice = await createAgent(ctx, { name: 'Published twice', greeting: 'First' });
    await updateAgentDraft(ctx, twice.id, { greeting: 'Second' });
    await publishAgent(ctx, twice.id, null);
    await updateAgentDraft(ctx, twice.id, { greeting: 'Third, not yet published' });

    const listed = new Map((await listAgents(ctx)).map((a) => [a.id, a]));
    expect(listed.get(fresh.id)).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
    expect(listed.get(fresh.id)!.published!.name).toBe('Fresh');
    expect(listed.get(edited.id)).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: true });
    expect(listed.get(edited.id)!.published!.greeting).toBe('Live greeting');
    expect(listed.get(edited.id)!.draft.greeting).toBe('Draft greeting');
    expect(listed.get(twice.id)).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: true });
    expect(listed.get(twice.id)!.published!.greeting).toBe('Second');
    expect(listed.get(twice.id)!.draft.greeting).toBe('Third, not yet published');
    expect(await getAgent(ctx, twice.id)).toEqual(listed.get(twice.id));
  });
});
