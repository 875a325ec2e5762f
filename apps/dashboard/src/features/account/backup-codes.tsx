import { CopyButton } from '../../components/copy-button';

/** Backup codes, each usable once instead of an authenticator code. */
export function BackupCodes({ codes }: { codes: string[] }) {
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`Switchboard backup codes\n\n${text}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'switchboard-backup-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div>
      <ul
        aria-label="Backup codes"
        className="grid grid-cols-2 gap-2 rounded-lg bg-slate-50 p-4 font-mono text-sm sm:grid-cols-3"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap gap-2">
        <CopyButton value={text} label="Copy codes" />
        <button
          type="button"
          onClick={download}
          className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Download codes
        </button>
      </div>
    </div>
  );
}
