import { useState } from 'react';
import { Button } from './button';

/** Copies text; says so (politely announced) for a moment afterwards. */
export function CopyButton({
  value,
  label = 'Copy',
  copiedLabel = 'Copied',
  className,
}: {
  value: string;
  label?: string;
  copiedLabel?: string;
  className?: string;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    window.setTimeout(() => setCopied(null), 2500);
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => void copy()} className={className}>
        {copied === 'yes' ? copiedLabel : label}
      </Button>
      <span role="status" className="sr-only">
        {copied === 'yes'
          ? 'Copied to the clipboard'
          : copied === 'failed'
            ? 'Copying failed: select the text and copy it yourself'
            : ''}
      </span>
    </span>
  );
}
