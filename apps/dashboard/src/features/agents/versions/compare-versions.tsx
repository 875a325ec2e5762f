import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/alert';
import { SelectField } from '../../../components/field';
import { Loading } from '../../../components/spinner';
import { useVersion, type AgentConfig, type VersionSummary } from '../agents-api';
import { useDraft } from '../editor/draft-editor';
import { ConfigDiff } from './config-diff';
import { useConfigNames } from './use-config-names';
import { defaultSides, parseSide, sideLabel, type Side } from './version-choice';

/** Any two versions, or a version and the saved draft, side by side; the choice stays in the address. */
export function CompareVersions({ versions }: { versions: VersionSummary[] }) {
  const { agent } = useDraft();
  const names = useConfigNames();
  const [params, setParams] = useSearchParams();
  const fallback = defaultSides(agent, versions);
  const from = parseSide(params.get('from')) ?? fallback?.from ?? null;
  const to = parseSide(params.get('to')) ?? fallback?.to ?? null;
  const before = useSideConfig(from);
  const after = useSideConfig(to);
  const choose = (name: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    if (name === 'from' && to !== null && !next.has('to')) next.set('to', String(to));
    if (name === 'to' && from !== null && !next.has('from')) next.set('from', String(from));
    setParams(next, { replace: true });
  };
  const live = agent.publishedVersion;
  const options = [
    <option key="draft" value="draft">
      Draft (saved)
    </option>,
    ...versions.map((v) => (
      <option key={v.version} value={v.version}>
        {sideLabel(v.version, live)}
      </option>
    )),
  ];
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading" className="text-lg font-semibold">
        Compare
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        See what changed between two versions, or between a version and the draft.
      </p>
      <div className="mt-3 grid max-w-xl gap-3 sm:grid-cols-2">
        <SelectField label="From" value={from ?? ''} onChange={(e) => choose('from', e.target.value)}>
          {options}
        </SelectField>
        <SelectField label="To" value={to ?? ''} onChange={(e) => choose('to', e.target.value)}>
          {options}
        </SelectField>
      </div>
      <div className="mt-4">
        {from === null || to === null ? null : before.error || after.error ? (
          <ErrorAlert error={before.error ?? after.error} />
        ) : !before.config || !after.config ? (
          <Loading label="Loading the versions…" />
        ) : (
          <ConfigDiff
            before={before.config}
            after={after.config}
            beforeLabel={sideLabel(from, live)}
            afterLabel={sideLabel(to, live)}
            names={names}
          />
        )}
      </div>
    </section>
  );
}

function useSideConfig(side: Side | null): { config: AgentConfig | undefined; error: unknown } {
  const { agent } = useDraft();
  const version = useVersion(agent.id, typeof side === 'number' ? side : null);
  if (side === 'draft') return { config: agent.draft, error: null };
  return { config: version.data?.config, error: version.error };
}
