import { describe, expect, it } from 'vitest';
import { onPlan } from '../../../test/support/plans';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace } from '../../../test/support/workspace';

/** "Powered by Switchboard": the widget's setting turns it off only on a plan with removeBranding. */
const rt = useTestRuntime();

describe('widget branding', () => {
  it('shows whatever the setting says without removeBranding, and follows the setting with it', async () => {
    const ws = await testWorkspace(rt.current, 'branding');
    const agent = (await ws.api.post('/api/v1/agents', { name: 'Branded' })).body.agent.id;
    const { publicKey } = await widgetFor(ws, agent);
    const branding = async () => (await new VisitorClient(rt.current, publicKey).call('/config')).body.widget.branding;
    expect(await branding()).toBe(true);
    const off = await ws.owner.json(`/api/v1/widgets/${agent}`, {
      method: 'PATCH',
      json: { look: { showBranding: false } },
    });
    expect(off.status).toBe(200);
    // The workspace is on `unlimited`, which includes removeBranding.
    expect(await branding()).toBe(false);
    await onPlan(ws.id, {}, { removeBranding: false });
    expect(await branding()).toBe(true);
    await onPlan(ws.id, {}, { removeBranding: true });
    expect(await branding()).toBe(false);
  });
});
