import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../../test/support/fixtures/pdf';
import { settled, upload } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * A failure that a retry cannot fix — a PDF of scanned images, with no text — is not offered a
 * Retry (`retryable: false`), and a retry through the API is refused with a reason.
 */
const rt = useTestRuntime();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'retry');
});

describe('retrying a failed source', () => {
  it('is not offered for an image-only PDF, and the API refuses it', async () => {
    const sent = await upload(ws.api, 'scan.pdf', makePdf([[], []]), 'application/pdf');
    expect(sent.status).toBe(201);
    const failed = await settled(ws.api, sent.body.source.id);
    expect(failed).toMatchObject({ status: 'failed', retryable: false, error: expect.stringMatching(/no text/) });
    const retried = await ws.api.post(`/api/v1/knowledge/sources/${failed.id}/retry`, {});
    expect(retried.status).toBe(409);
    expect(retried.body.error.code).toBe('not_retryable');
  });
});
