import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLead } from '../src/modules/leads';
import { repoPath } from '../src/platform/paths';
import { systemContext } from '../src/platform/tenancy';
import { curlCommands, curlExamples, runExample, type ExampleRun } from './support/doc-examples';
import { scanMarkdown } from './support/markdown';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { testWorkspace, type TestWorkspace } from './support/workspace';

/**
 * Every ```bash block with curl in the documentation runs as written: in bash, against a
 * started server, with the variables docs/api.md promises (a fresh agent, conversation and lead
 * for each block). Each must exit 0, every request must be answered 2xx, and nothing may go
 * anywhere but that server. Jobs don't run here: a website source the examples add is never
 * fetched, so the server makes no request outside the machine either.
 */
const examples = curlExamples();
const runnable = examples.filter((example) => example.notRun === null);
const METRICS_TOKEN = 'docs-examples-metrics-token';

/** The variables the table of docs/api.md ("Variables in the examples") names. */
function documentedVariables(): string[] {
  const text = fs.readFileSync(repoPath('docs/api.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Variables in the examples'));
  if (!section) throw new Error('docs/api.md has no "Variables in the examples" section');
  return scanMarkdown(section).prose.flatMap(({ text: line }) => /^\| `([A-Z_]+)` \|/.exec(line)?.[1] ?? []);
}

describe('curl examples in the documentation', () => {
  it('are found in the guides and the README', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(12);
    expect([...new Set(runnable.map((e) => e.where.split(':')[0]))]).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/accounts.md',
        'docs/agents.md',
        'docs/chat-api.md',
        'docs/knowledge.md',
        'docs/leads.md',
        'docs/inbox.md',
        'docs/operations.md',
        'docs/api.md',
      ]),
    );
  });

  it('have no … placeholders: every value is real or a shell variable', () => {
    expect(examples.filter((e) => e.code.includes('…')).map((e) => e.where)).toEqual([]);
  });

  it('are marked "# not run: <reason>" when they cannot run, and there are few of them', () => {
    const skipped = examples.filter((e) => e.notRun !== null);
    expect(skipped.filter((e) => (e.notRun ?? '').length < 10).map((e) => e.where)).toEqual([]);
    expect(skipped.length).toBeLessThanOrEqual(3);
  });
});

describe('curl examples run as written', () => {
  let rt: TestRuntime;
  let workspace: TestWorkspace;
  let workRoot: string;
  let sequence = 0;

  beforeAll(async () => {
    rt = await startTestRuntime({ METRICS_TOKEN }, { http: true, work: false });
    workspace = await testWorkspace(rt, 'docs');
    workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-docs-examples-'));
    const qa = await workspace.api.post('/api/v1/knowledge/qa', {
      question: 'How do I return an item?',
      answer: 'Send it back within 30 days.',
    });
    expect(qa.status).toBe(201);
  });

  afterAll(async () => {
    await rt?.stop();
    if (workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
  });

  /** What docs/api.md promises, made fresh for each example so that none depends on another. */
  async function variables(): Promise<Record<string, string>> {
    const agent = await workspace.api.post('/api/v1/agents', { name: `Docs agent ${sequence}` });
    expect(agent.status).toBe(201);
    const agentId = agent.body.agent.id as string;
    const conversation = await workspace.api.post('/api/v1/conversations', { agentId });
    expect(conversation.status).toBe(201);
    const leadConversation = await workspace.api.post('/api/v1/conversations', { agentId });
    const lead = await captureLead(
      systemContext(workspace.id, 'docs-examples'),
      { name: 'Ada Lovelace', email: `ada-${sequence}@acme.example` },
      { conversationId: leadConversation.body.conversation.id, agentId, source: 'agent' },
    );
    return {
      APP_URL: rt.url,
      KEY: workspace.apiKey,
      AGENT: agentId,
      CONV: conversation.body.conversation.id,
      LEAD: lead.id,
      METRICS_TOKEN,
    };
  }

  const explain = (run: ExampleRun) =>
    `exit ${run.exitCode}\nfailures:\n${run.failures.join('\n')}\nstderr:\n${run.stderr.slice(-3000)}`;

  it('give every variable docs/api.md lists, and only those', async () => {
    expect(documentedVariables().sort()).toEqual(Object.keys(await variables()).sort());
  });

  it.each(runnable)('$where', async (example) => {
    const run = await runExample(example.code, await variables(), path.join(workRoot, `example-${sequence++}`));
    expect({ exitCode: run.exitCode, failures: run.failures }, explain(run)).toEqual({ exitCode: 0, failures: [] });
    expect(run.calls.length, explain(run)).toBeGreaterThanOrEqual(curlCommands(example.code));
  });

  it('fail on a wrong path, a refusal hidden behind || true, and any other address', async () => {
    const vars = await variables();
    const attempt = (code: string) => runExample(code, vars, path.join(workRoot, `attempt-${sequence++}`));

    const wrongPath = await attempt('curl -s "$APP_URL/api/v1/agentz" -H "Authorization: Bearer $KEY"');
    expect(wrongPath.exitCode).not.toBe(0);
    expect(wrongPath.failures).toEqual([`status 404 ${rt.url}/api/v1/agentz`]);

    const hidden = await attempt(
      'curl -s "$APP_URL/api/v1/agents" -H "Authorization: Bearer sb_live_wrong" || true\necho done',
    );
    expect(hidden.exitCode).toBe(0);
    expect(hidden.failures).toEqual([`status 401 ${rt.url}/api/v1/agents`]);

    const badBody = await attempt(
      `curl -s "$APP_URL/api/v1/conversations/$CONV/messages" -H "Authorization: Bearer $KEY" -H 'content-type: application/json' -d '{}'`,
    );
    expect(badBody.failures).toEqual([`status 400 ${rt.url}/api/v1/conversations/${vars.CONV}/messages`]);

    const elsewhere = await attempt('curl -s https://example.com/\ncurl -s "http://127.0.0.2:3000/api"');
    expect(elsewhere.exitCode).not.toBe(0);
    expect(elsewhere.failures).toEqual(['refused https://example.com/']);

    // No scheme, no port: curl would look the name up; it is sent to a closed local port instead.
    const schemeless = await attempt('curl -s help.example.com/faq || true');
    expect(schemeless.calls).toEqual(['000 7 http://help.example.com/faq']);
    expect(schemeless.failures).toEqual(['elsewhere http://help.example.com/faq']);
  });
});
