import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { leadWorkspace, type LeadWorkspace } from '../../../test/support/leads';
import { useTestRuntime } from '../../../test/support/runtime';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { captureLead, leadFormDefinition, submitLeadForm } from '.';

/**
 * What the widget's lead form and the agent's capture tool record: a submission validated
 * against the configured form, one lead per conversation however often it is sent, consent
 * with the text the form showed, and no lead for a conversation of another workspace.
 */
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });
let a: LeadWorkspace;
let b: LeadWorkspace;

beforeAll(async () => {
  a = await leadWorkspace(rt.current, 'capture-a');
  b = await leadWorkspace(rt.current, 'capture-b');
});

const CONSENT = 'I agree that Acme may contact me about my request.';
const form = {
  fields: [
    { key: 'name', label: 'Name', required: true },
    { key: 'email', label: 'Email', required: true },
    { key: 'phone', label: 'Phone' },
    { key: 'company', label: 'Company' },
    { key: 'plan', label: 'Plan', type: 'select' as const, options: ['Basic', 'Pro'] },
  ],
  consent: { text: CONSENT, required: true },
};

async function fieldErrors(attempt: Promise<unknown>): Promise<Record<string, string>> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return Object.fromEntries(
    ((error as ValidationError).details as Array<{ path: string; message: string }>).map((d) => [d.path, d.message]),
  );
}

async function leadsOf(w: LeadWorkspace, conversationId: string) {
  const { status, body } = await w.ws.api.json(`/api/v1/leads?conversationId=${conversationId}`);
  expect(status).toBe(200);
  return body.leads as Array<Record<string, any>>;
}

describe('the widget form', () => {
  it('checks a submission against the configured form and stores nothing when it fails', async () => {
    const conversationId = await a.conversation();
    const errors = await fieldErrors(
      submitLeadForm(
        a.visitor,
        {
          form,
          submission: { values: { name: '  ', email: 'ada@', phone: 'call me maybe', plan: 'Gold' }, consent: false },
        },
        { conversationId, agentId: a.agentId },
      ),
    );
    expect(errors).toEqual({
      name: 'Name is required',
      email: 'Enter a valid email address',
      phone: expect.stringContaining('valid phone number'),
      plan: 'Choose one of the Plan options',
      consent: 'Please accept to continue',
    });
    const tooFewDigits = await fieldErrors(
      submitLeadForm(
        a.visitor,
        { form, submission: { values: { name: 'Ada', email: 'ada@example.test', phone: '+1 23' }, consent: true } },
        { conversationId, agentId: a.agentId },
      ),
    );
    expect(Object.keys(tooFewDigits)).toEqual(['phone']);
    expect(await leadsOf(a, conversationId)).toEqual([]);
  });

  it('stores the lead with its conversation, the form’s consent text, and only the form’s fields', async () => {
    const conversationId = await a.conversation();
    const { lead, created } = await submitLeadForm(
      a.visitor,
      {
        form,
        submission: {
          values: {
            name: ' Ada   Lovelace ',
            email: 'ADA@Example.TEST',
            phone: '+44 20 7946 0958',
            company: 'Analytical Engines',
            plan: 'Pro',
            role: 'admin',
          },
          consent: true,
        },
      },
      { conversationId, agentId: a.agentId },
    );
    expect(created).toBe(true);
    expect(lead).toMatchObject({
      conversationId,
      agentId: a.agentId,
      name: 'Ada Lovelace',
      email: 'ada@example.test',
      phone: '+44 20 7946 0958',
      fields: { company: 'Analytical Engines', plan: 'Pro' },
      consent: true,
      consentText: CONSENT,
      source: 'form',
      status: 'new',
    });
    expect(lead.consentAt).toBeInstanceOf(Date);
    expect(await a.events('lead.created')).toContainEqual({
      type: 'lead.created',
      payload: { leadId: lead.id, conversationId, agentId: a.agentId, source: 'form' },
    });
  });

  it('updates the conversation’s lead when the form is sent again or the agent captures in it', async () => {
    const conversationId = await a.conversation();
    const link = { conversationId, agentId: a.agentId };
    const first = await submitLeadForm(
      a.visitor,
      {
        form,
        submission: { values: { name: 'Grace Hopper', email: 'grace@example.test', company: 'Navy' }, consent: true },
      },
      link,
    );
    const again = await submitLeadForm(
      a.visitor,
      {
        form,
        submission: {
          values: { name: 'Grace Hopper', email: 'grace@example.test', phone: '(555) 123-4567', company: 'UNIVAC' },
          consent: true,
        },
      },
      link,
    );
    expect(again.created).toBe(false);
    expect(again.lead.id).toBe(first.lead.id);
    expect(again.lead).toMatchObject({
      phone: '(555) 123-4567',
      fields: { company: 'UNIVAC' },
      consentAt: first.lead.consentAt,
    });

    const captured = await captureLead(
      a.visitor,
      { name: 'Rear Admiral Hopper', fields: { note: 'Wants a demo' } },
      { ...link, source: 'agent' },
    );
    expect(captured.id).toBe(first.lead.id);
    expect(captured).toMatchObject({
      name: 'Rear Admiral Hopper',
      email: 'grace@example.test',
      fields: { company: 'UNIVAC', note: 'Wants a demo' },
      consent: true,
      source: 'form',
    });
    expect(await leadsOf(a, conversationId)).toHaveLength(1);

    const updates = (await a.events('lead.updated')).filter((e) => e.payload.leadId === first.lead.id);
    expect(updates.map((e) => [e.payload.via, e.payload.changes])).toEqual([
      ['form', ['phone', 'fields']],
      ['agent', ['name', 'fields']],
    ]);
    // The same values once more change nothing and announce nothing.
    await submitLeadForm(
      a.visitor,
      {
        form,
        submission: {
          values: {
            name: 'Rear Admiral Hopper',
            email: 'grace@example.test',
            phone: '(555) 123-4567',
            company: 'UNIVAC',
          },
          consent: true,
        },
      },
      link,
    );
    expect((await a.events('lead.updated')).filter((e) => e.payload.leadId === first.lead.id)).toHaveLength(2);
  });

  it('keeps one lead per conversation when submissions race', async () => {
    const conversationId = await a.conversation();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        submitLeadForm(
          a.visitor,
          { form, submission: { values: { name: `Racer ${i}`, email: `racer${i}@example.test` }, consent: true } },
          { conversationId, agentId: a.agentId },
        ),
      ),
    );
    expect(new Set(results.map((r) => r.lead.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await leadsOf(a, conversationId)).toHaveLength(1);
  });

  it('records consent withdrawn when the visitor unticks an optional checkbox', async () => {
    const optional = { ...form, consent: { text: 'Send me the newsletter.', required: false } };
    const link = { conversationId: await a.conversation(), agentId: a.agentId };
    const given = await submitLeadForm(
      a.visitor,
      { form: optional, submission: { values: { name: 'Ada', email: 'ada2@example.test' }, consent: true } },
      link,
    );
    expect(given.lead).toMatchObject({ consent: true, consentText: 'Send me the newsletter.' });
    const withdrawn = await submitLeadForm(
      a.visitor,
      { form: optional, submission: { values: { name: 'Ada', email: 'ada2@example.test' }, consent: false } },
      link,
    );
    expect(withdrawn.lead).toMatchObject({ consent: false, consentText: null, consentAt: null });
  });

  it('needs at least one way to reach the person', async () => {
    const loose = {
      fields: [
        { key: 'email', label: 'Email' },
        { key: 'topic', label: 'Topic' },
      ],
    };
    const errors = await fieldErrors(
      submitLeadForm(
        a.visitor,
        { form: loose, submission: { values: { topic: 'Pricing' } } },
        { conversationId: await a.conversation(), agentId: a.agentId },
      ),
    );
    expect(errors).toEqual({ email: 'Leave at least a name, an email or a phone number' });
  });

  it('refuses a conversation that is not in the workspace, another workspace’s included', async () => {
    const theirs = await b.conversation();
    const values = { values: { name: 'Mallory', email: 'mallory@example.test' }, consent: true };
    await expect(
      submitLeadForm(a.visitor, { form, submission: values }, { conversationId: theirs, agentId: a.agentId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      submitLeadForm(
        a.visitor,
        { form, submission: values },
        { conversationId: 'conv_00000000000000000000000000', agentId: a.agentId },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await leadsOf(b, theirs)).toEqual([]);
  });

  it('refuses malformed form definitions', () => {
    const parse = (definition: unknown) => leadFormDefinition.safeParse(definition);
    expect(
      parse({
        fields: [
          { key: 'email', label: 'Email' },
          { key: 'email', label: 'Again' },
        ],
      }).success,
    ).toBe(false);
    expect(parse({ fields: [{ key: 'topic', label: 'Topic' }] }).success).toBe(false);
    expect(
      parse({
        fields: [
          { key: 'email', label: 'Email' },
          { key: 'plan', label: 'Plan', type: 'select' },
        ],
      }).success,
    ).toBe(false);
    expect(parse({ fields: [{ key: 'Bad Key', label: 'Email' }] }).success).toBe(false);
    expect(() => leadFormDefinition.parse({ fields: [] })).toThrow(ZodError);
  });
});

describe('who may capture', () => {
  it('lets a viewer in the playground capture nothing', async () => {
    const viewer = {
      tenantId: a.ws.id,
      actor: { type: 'user' as const, userId: 'usr_x', email: 'v@example.test', role: 'viewer' as const },
      requestId: 't',
    };
    await expect(
      captureLead(viewer, { email: 'x@example.test' }, { conversationId: null, agentId: null, source: 'agent' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
