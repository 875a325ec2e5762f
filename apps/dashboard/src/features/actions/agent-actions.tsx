import { Checkbox } from '../../components/field';
import { useCan } from '../../lib/workspace';
import { useActions } from './actions-api';

/** The workspace's actions an agent may call: one toggle each (admins see the list). */
export function AgentActions({
  selected,
  onChange,
  disabled,
}: {
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}) {
  const allowed = useCan()('actions.manage');
  const actions = useActions(allowed);
  if (!allowed)
    return selected.length ? (
      <p className="text-sm text-slate-600">{selected.length} custom action(s) enabled.</p>
    ) : null;
  if (!actions.data?.length) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Custom actions</legend>
      {actions.data.map((action) => (
        <Checkbox
          key={action.id}
          label={<code className="text-xs">{action.name}</code>}
          hint={action.enabled ? action.description : `${action.description} (turned off)`}
          checked={selected.includes(action.id)}
          disabled={disabled}
          onChange={(e) =>
            onChange(e.target.checked ? [...selected, action.id] : selected.filter((id) => id !== action.id))
          }
        />
      ))}
    </fieldset>
  );
}
