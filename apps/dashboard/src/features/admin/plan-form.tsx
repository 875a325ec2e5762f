import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { api, post } from '../../lib/api';
import { FEATURE_FIELDS, LIMIT_FIELDS, type Plan, type PlanLimits } from './plans-api';

const PLAN_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const blank: Plan = {
  id: '',
  name: '',
  description: '',
  public: true,
  archived: false,
  position: 10,
  trialDays: 0,
  graceDays: 7,
  prices: [],
  limits: {},
  features: {},
};

/** What the form checks before sending (the server validates again with the contract's PlanSchema). */
function problems(plan: Plan, isNew: boolean): Record<string, string> {
  const found: Record<string, string> = {};
  if (isNew && !PLAN_ID.test(plan.id)) found.id = 'Use 1–40 lowercase letters, digits, - or _';
  if (!plan.name.trim()) found.name = 'Give the plan a name';
  if (plan.trialDays < 0 || plan.trialDays > 365) found.trialDays = 'Between 0 and 365';
  if (plan.graceDays < 0 || plan.graceDays > 90) found.graceDays = 'Between 0 and 90';
  for (const [key] of LIMIT_FIELDS) {
    const value = plan.limits[key];
    if (value !== null && value !== undefined && (!Number.isFinite(value) || value < 0)) found[key] = 'Zero or more';
  }
  return found;
}

/** Add a plan (plan = null) or edit one: limits empty mean unlimited. */
export function PlanForm({
  plan,
  open,
  onOpenChange,
  onDone,
}: {
  plan: Plan | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const notify = useToast();
  const isNew = plan === null;
  const [draft, setDraft] = useState<Plan>(plan ?? blank);
  const [shown, setShown] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      if (isNew) return post('/api/v1/admin/plans', draft);
      const { id, ...rest } = draft;
      return api(`/api/v1/admin/plans/${encodeURIComponent(id)}`, { method: 'PATCH', json: rest });
    },
    onSuccess: () => {
      notify(isNew ? `Plan ${draft.name} added.` : `Plan ${draft.name} saved.`);
      onOpenChange(false);
      onDone();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = problems(draft, isNew);
    setShown(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  const setLimit = (key: keyof PlanLimits, text: string) =>
    setDraft((d) => ({ ...d, limits: { ...d.limits, [key]: text.trim() === '' ? null : Number(text) } }));
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

  return (
    <Dialog open={open} onOpenChange={onOpenChange} size="lg" title={isNew ? 'Add a plan' : `Edit ${plan.name}`}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="ID"
            value={draft.id}
            disabled={!isNew}
            error={shown.id}
            onChange={(e) => setDraft({ ...draft, id: e.target.value })}
          />
          <TextField
            label="Name"
            value={draft.name}
            error={shown.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          <TextField
            label="Trial days"
            type="number"
            value={Number.isNaN(draft.trialDays) ? '' : draft.trialDays}
            error={shown.trialDays}
            onChange={(e) => setDraft({ ...draft, trialDays: number(e.target.value) })}
          />
          <TextField
            label="Grace days"
            type="number"
            value={Number.isNaN(draft.graceDays) ? '' : draft.graceDays}
            error={shown.graceDays}
            onChange={(e) => setDraft({ ...draft, graceDays: number(e.target.value) })}
          />
        </div>
        <TextField
          label="Description"
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">Limits (empty: unlimited)</legend>
          <div className="grid gap-3 sm:grid-cols-3">
            {LIMIT_FIELDS.map(([key, label]) => (
              <TextField
                key={key}
                label={label}
                type="number"
                min={0}
                value={draft.limits[key] ?? ''}
                error={shown[key]}
                onChange={(e) => setLimit(key, e.target.value)}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">Features</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {FEATURE_FIELDS.map(([key, label]) => (
              <Checkbox
                key={key}
                label={label}
                checked={draft.features[key] === true}
                onChange={(e) => setDraft({ ...draft, features: { ...draft.features, [key]: e.target.checked } })}
              />
            ))}
          </div>
        </fieldset>
        <div className="flex gap-6">
          <Checkbox
            label="Shown to workspace owners"
            checked={draft.public}
            onChange={(e) => setDraft({ ...draft, public: e.target.checked })}
          />
          <Checkbox
            label="Archived"
            checked={draft.archived}
            onChange={(e) => setDraft({ ...draft, archived: e.target.checked })}
          />
        </div>
        <ErrorAlert error={save.error} />
        <DialogActions>
          <Button variant="secondary" type="button" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {isNew ? 'Add plan' : 'Save plan'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
