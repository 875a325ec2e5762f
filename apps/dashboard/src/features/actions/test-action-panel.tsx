import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextAreaField, TextField } from '../../components/field';
import { call, useClient } from '../../lib/client';
import type { Action } from './actions-api';

/** "Test action": one real call with an input typed here, and what came back. */
export function TestActionPanel({ action }: { action: Action }) {
  const client = useClient();
  const example = Object.fromEntries(Object.keys((action.inputSchema.properties as object) ?? {}).map((k) => [k, '']));
  const [input, setInput] = useState(JSON.stringify(example, null, 2));
  const [userId, setUserId] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (body: { input: Record<string, unknown>; visitor?: { userId: string } }) =>
      call(client.POST('/api/v1/actions/{id}/test', { params: { path: { id: action.id } }, body })),
  });
  const submit = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      return setParseError('Not valid JSON');
    }
    setParseError(null);
    run.mutate({
      input: parsed as Record<string, unknown>,
      ...(action.requiresVerifiedVisitor && userId.trim() ? { visitor: { userId: userId.trim() } } : {}),
    });
  };
  const result = run.data?.run;
  return (
    <div className="space-y-3">
      <TextAreaField
        label="Input (JSON)"
        rows={4}
        className="font-mono text-xs"
        value={input}
        onChange={(e) => setInput(e.target.value)}
        error={parseError ?? undefined}
      />
      {action.requiresVerifiedVisitor && (
        <TextField
          label="Act as the verified visitor (user id)"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          fieldClassName="max-w-md"
        />
      )}
      <Button size="sm" pending={run.isPending} onClick={submit}>
        Run test
      </Button>
      {run.isError && <ErrorAlert error={run.error} />}
      {result && (
        <div className="rounded-lg bg-slate-50 p-3 text-sm" aria-label="Test result">
          <p className="font-mono text-xs break-all">
            {result.request.method} {result.request.url}
          </p>
          <p className="mt-1">
            Status: <strong>{result.status ?? 'no answer'}</strong> · {result.durationMs} ms
          </p>
          {result.error && <p className="text-red-700">{result.error}</p>}
          <pre className="mt-2 overflow-auto whitespace-pre-wrap font-mono text-xs">
            {JSON.stringify(result.output, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}
