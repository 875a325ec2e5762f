import path from 'node:path';
import { launchBrowser } from '../../test/e2e/support/browser';
import { shopPage, startSite } from '../../test/e2e/support/site';
import { agentWithWidget, ownerWorkspace } from '../../test/e2e/support/workspace';
import { summarize, type BenchResult, type BenchSuite } from '../lib';
import { armFirstTokenProbe, LAUNCHER_PROBE } from '../widget/in-page';
import { startBenchServer } from '../widget/server';
import { bundleSizes } from '../widget/sizes';

// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const window: any, document: any;

const ROOT = path.resolve(import.meta.dirname, '..');
const PEERS = 'peers (DESIGN §9): Typebot 196 KB, Botpress 234 KB + React, Flowise 284 KB, Chatwoot ~170 KB';
const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

/**
 * The widget as a visitor pays for it: bytes (loader and loader + chat, gzip and brotli),
 * the time from the script tag to a visible launcher in Chromium on this machine (cold: a
 * fresh browser context; warm: a reload), and from pressing Enter to the first answer text.
 */
export const widgetSuite: BenchSuite = {
  name: 'widget',
  description: 'widget bundle size, launcher time, send to first token (Chromium, local)',
  async run(ctx) {
    const { buildAll } = (await import(path.join(ROOT, 'scripts/build.mjs'))) as { buildAll(o: object): Promise<void> };
    await buildAll({ quiet: true });
    const sizes = bundleSizes(path.join(ROOT, 'apps/widget/dist'));
    const results: BenchResult[] = [
      {
        suite: 'widget',
        name: 'loader widget.js',
        mode: 'n/a',
        metrics: { gzipKb: kb(sizes.loader.gzip), brotliKb: kb(sizes.loader.brotli), rawKb: kb(sizes.loader.raw) },
        budget: '≤ 3 KB gzip',
        withinBudget: sizes.loader.gzip <= 3 * 1024,
      },
      {
        suite: 'widget',
        name: 'whole widget (loader + chat)',
        mode: 'n/a',
        metrics: {
          gzipKb: kb(sizes.loader.gzip + sizes.chat.gzip),
          brotliKb: kb(sizes.loader.brotli + sizes.chat.brotli),
          rawKb: kb(sizes.loader.raw + sizes.chat.raw),
        },
        budget: '≤ 25 KB gzip',
        withinBudget: sizes.loader.gzip + sizes.chat.gzip <= 25 * 1024,
        note: PEERS,
      },
    ];

    const server = await startBenchServer(ROOT);
    const [browser, site] = await Promise.all([launchBrowser(), startSite()]);
    try {
      const ws = await ownerWorkspace({ url: server.url, dataDir: server.dataDir } as never, 'bench');
      const widget = await agentWithWidget(ws, {
        origins: [site.url],
        qa: [['What are your opening hours?', 'We are open 9:00–17:00, Monday to Friday.']],
      });
      const visible = async (page: import('playwright-core').Page) => {
        await page.waitForFunction(() => (window as any).__visible !== undefined, undefined, { timeout: 15_000 });
        return page.evaluate(() => (window as any).__visible as number);
      };
      const cold: number[] = [];
      const fetches = {
        loader: [] as number[],
        loaderServer: [] as number[],
        config: [] as number[],
        configServer: [] as number[],
      };
      const scriptOnly: number[] = [];
      const warm: number[] = [];
      // The dashboard's snippet (preload + script) and the script tag alone, taking turns so
      // both see the same machine. The first visit warms the server (JIT, database pages).
      const scriptTag = widget.snippet.split('\n').at(-1)!;
      for (let i = 0; i < 41; i++) {
        const withPreload = i % 2 === 0;
        site.setPage(shopPage(`${LAUNCHER_PROBE}${withPreload ? widget.snippet : scriptTag}`));
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(site.url);
        const ms = await visible(page);
        if (i > 0) (withPreload ? cold : scriptOnly).push(ms);
        if (i > 0 && withPreload) {
          const seen = await page.evaluate(
            () =>
              (window as any).__fetches as Record<'loader' | 'config', { total: number; server: number } | undefined>,
          );
          for (const part of ['loader', 'config'] as const) {
            if (!seen[part]) continue;
            fetches[part].push(seen[part]!.total);
            fetches[`${part}Server`].push(seen[part]!.server);
          }
        }
        if (withPreload) {
          await page.reload();
          warm.push(await visible(page));
        }
        await context.close();
      }
      ctx.log(`launcher: cold ${cold.map((n) => n.toFixed(1)).join(' ')}`);
      ctx.log(`launcher: cold, script tag alone ${scriptOnly.map((n) => n.toFixed(1)).join(' ')}`);
      const coldStats = summarize(cold);
      const scriptOnlyStats = summarize(scriptOnly);
      const warmStats = summarize(warm);
      results.push({
        suite: 'widget',
        name: 'script tag → visible launcher',
        mode: 'n/a',
        metrics: {
          coldP50Ms: coldStats.p50Ms,
          coldP95Ms: coldStats.p95Ms,
          // Where a cold visit's time goes: the browser's fetch of each file, and the server's part of it.
          loaderFetchP50Ms: summarize(fetches.loader).p50Ms,
          loaderServerP50Ms: summarize(fetches.loaderServer).p50Ms,
          configFetchP50Ms: summarize(fetches.config).p50Ms,
          configFetchP95Ms: summarize(fetches.config).p95Ms,
          configServerP50Ms: summarize(fetches.configServer).p50Ms,
          scriptOnlyColdP50Ms: scriptOnlyStats.p50Ms,
          scriptOnlyColdP95Ms: scriptOnlyStats.p95Ms,
          warmP50Ms: warmStats.p50Ms,
          warmP95Ms: warmStats.p95Ms,
        },
        budget: '≤ 50 ms',
        withinBudget: coldStats.p95Ms <= 50,
        note: `cold: ${cold.length} fresh browser contexts with the dashboard's snippet (preload + script), and ${scriptOnly.length} with the script tag alone; warm: as many reloads (widget.js and the look cached); includes the config request to the local server`,
      });

      const page = await (await browser.newContext()).newPage();
      await page.goto(site.url);
      await page.locator('[data-switchboard]').getByRole('button', { name: 'Open chat' }).click();
      const box = page.getByRole('textbox', { name: 'Write a message…' });
      const firstToken: number[] = [];
      for (let i = 0; i < 16; i++) {
        await box.fill(`When are you open? (${i})`);
        await page.evaluate(armFirstTokenProbe);
        await box.press('Enter');
        await page.waitForFunction(() => (window as any).__firstToken !== null, undefined, { timeout: 15_000 });
        // The first turn creates the conversation and opens its stream: reported apart.
        firstToken.push(await page.evaluate(() => (window as any).__firstToken as number));
        await page.waitForFunction(
          () => !document.querySelector('[data-switchboard]')!.shadowRoot!.querySelector('.sb-send[disabled]'),
        );
      }
      const steady = summarize(firstToken.slice(1));
      results.push({
        suite: 'widget',
        name: 'send → first answer text on screen',
        mode: 'n/a',
        metrics: { firstTurnMs: Math.round(firstToken[0]! * 10) / 10, p50Ms: steady.p50Ms, p95Ms: steady.p95Ms },
        note: 'curated Q&A answer streamed by the embedded server (no model); the first turn also creates the conversation',
      });
    } finally {
      await browser.close();
      await site.close();
      await server.stop();
    }
    return results;
  },
};
