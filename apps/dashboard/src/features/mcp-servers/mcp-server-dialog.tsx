import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, TextField } from '../../components/field';
import { fieldErrors } from '../../lib/errors';
import { useWorkspaceApi } from '../../lib/workspace';
import { mcpServerPath, useMcpMutation, type McpServer } from './mcp-servers-api';

/** Adds a server, or edits one (`server`): a blank token field keeps the stored token. */
export function McpServerDialog({
  open,
  onOpenChange,
  server,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  server?: McpServer;
}) {
  const workspaceApi = useWorkspaceApi();
  const [name, setName] = useState(server?.name ?? '');
  const [url, setUrl] = useState(server?.url ?? '');
  const [token, setToken] = useState('');
  const [removeToken, setRemoveToken] = useState(false);
  const save = useMcpMutation(async () => {
    const tokenPatch = removeToken ? { bearerToken: null } : token.trim() ? { bearerToken: token.trim() } : {};
    if (server)
      return workspaceApi(mcpServerPath(server.id), {
        method: 'PATCH',
        json: { name: name.trim(), url: url.trim(), ...tokenPatch },
      });
    const created = await workspaceApi<{ mcpServer: McpServer }>('/api/v1/mcp-servers', {
      method: 'POST',
      json: { name: name.trim(), url: url.trim(), ...tokenPatch },
    });
    // A new server's tools are listed at once, so they can be enabled right away.
    return workspaceApi(`${mcpServerPath(created.mcpServer.id)}/refresh`, { method: 'POST' });
  });
  const change = (next: boolean) => {
    if (!next) {
      setToken('');
      setRemoveToken(false);
      save.reset();
      if (!server) {
        setName('');
        setUrl('');
      }
    }
    onOpenChange(next);
  };
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: () => change(false) });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={server ? `Edit ${server.name}` : 'Connect an MCP server'}
      size="lg"
      description="A remote MCP server speaking Streamable HTTP. Its tools can then be enabled per agent."
    >
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <TextField
          label="Name"
          required
          autoFocus
          maxLength={30}
          placeholder="orders"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          hint="Letters, digits, _ and -. The model sees its tools as name__tool."
        />
        <TextField
          label="URL"
          required
          type="url"
          placeholder="https://example.com/mcp"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          hint="Private and loopback addresses are refused."
        />
        <TextField
          label="Bearer token"
          type="password"
          autoComplete="off"
          value={token}
          disabled={removeToken}
          onChange={(e) => setToken(e.target.value)}
          error={errors.bearerToken}
          hint={
            server?.hasToken
              ? `Stored (${server.tokenHint ?? 'hidden'}). Leave blank to keep it.`
              : 'Optional. Stored encrypted; never shown again.'
          }
        />
        {server?.hasToken && (
          <Checkbox
            label="Remove the stored token"
            checked={removeToken}
            onChange={(e) => setRemoveToken(e.target.checked)}
          />
        )}
        {save.isError && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={save.isPending} disabled={!name.trim() || !url.trim()}>
            {server ? 'Save' : 'Connect'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
