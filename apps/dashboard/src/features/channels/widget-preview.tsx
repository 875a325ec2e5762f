import { useEffect, useRef } from 'react';

/**
 * The real widget, as built, in a frame of the hosted page in preview mode; the unsaved
 * settings are posted to it (same origin) so every change shows at once.
 */
export function WidgetPreview({ publicKey, config }: { publicKey: string; config: unknown }) {
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const send = () =>
      frame.current?.contentWindow?.postMessage({ type: 'switchboard:preview', config }, window.location.origin);
    const onMessage = (event: MessageEvent) => {
      if (
        event.origin === window.location.origin &&
        event.source === frame.current?.contentWindow &&
        event.data?.type === 'switchboard:preview-ready'
      )
        send();
    };
    window.addEventListener('message', onMessage);
    send();
    return () => window.removeEventListener('message', onMessage);
  }, [config]);

  return (
    <iframe
      ref={frame}
      title="Live preview of the widget"
      src={`/chat/${encodeURIComponent(publicKey)}?preview=1`}
      className="h-[700px] w-[440px] max-w-full rounded-xl border border-slate-200 bg-slate-100"
    />
  );
}
