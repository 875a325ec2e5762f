import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { Section } from '../../components/page-header';
import { useToast } from '../../components/toast';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import type { Widget } from './channels-api';

/** The snippet to paste, the hosted chat page with its QR code, and the key behind both. */
export function WidgetInstall({ widget }: { widget: Widget }) {
  const [qr, setQr] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();

  useEffect(() => {
    let live = true;
    QRCode.toDataURL(widget.hostedUrl, { margin: 1, width: 160 }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [widget.hostedUrl]);

  return (
    <Section
      title="Install"
      description="Paste the snippet before </body> on every page where the chat should appear, or share the hosted page."
    >
      <div className="space-y-5">
        <div>
          <div className="flex items-center justify-between gap-2">
            <p id="snippet-label" className="text-sm font-medium text-slate-800">
              Snippet
            </p>
            <CopyButton value={widget.snippet} label="Copy snippet" />
          </div>
          <pre
            aria-labelledby="snippet-label"
            className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100"
          >
            {widget.snippet}
          </pre>
        </div>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          {qr && (
            <img
              src={qr}
              alt={`QR code for ${widget.hostedUrl}`}
              className="h-32 w-32 rounded border border-slate-200"
            />
          )}
          <div className="min-w-0 space-y-2 text-sm">
            <p className="font-medium text-slate-800">Hosted chat page</p>
            <p className="text-slate-600">A full-page chat for links, e-mail signatures and QR codes.</p>
            <a
              href={widget.hostedUrl}
              target="_blank"
              rel="noopener"
              className="block break-all font-mono text-xs text-indigo-700 underline"
            >
              {widget.hostedUrl}
            </a>
            <CopyButton value={widget.hostedUrl} label="Copy link" />
          </div>
        </div>
        <div className="border-t border-slate-100 pt-4 text-sm">
          <p className="text-slate-600">
            Publishable key <code className="rounded bg-slate-100 px-1">{widget.publicKey}</code>. It is public by
            design: the allowed origins decide where it works.
          </p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => setRotating(true)}>
            Replace key
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={rotating}
        onOpenChange={setRotating}
        title="Replace the publishable key?"
        description="Pages with the current snippet stop showing the chat at once, and the hosted link and QR code change. Paste the new snippet everywhere."
        confirmLabel="Replace key"
        onConfirm={() =>
          workspaceApi(`/api/v1/widgets/${encodeURIComponent(widget.agentId)}/rotate-key`, { method: 'POST' })
        }
        onDone={() => {
          notify('New key made. Update the snippet on your site.');
          void queryClient.invalidateQueries({ queryKey: key('widget', widget.agentId) });
        }}
      />
    </Section>
  );
}
