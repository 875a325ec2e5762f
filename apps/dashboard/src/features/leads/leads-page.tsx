import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { FILTER_NAMES, useAgentNames, useExportLeads, useLeads, type LeadFilters as Filters } from './leads-api';
import { LeadDetailPanel } from './lead-detail-panel';
import { LeadFilters } from './lead-filters';
import { LeadsTable } from './leads-table';

/** /w/:id/leads — filters and search in the URL (shareable), the open lead in `?lead=`. */
export function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, params.get(name) ?? undefined]).filter(([, v]) => v),
  );
  const openId = params.get('lead');
  const leads = useLeads(filters);
  const agents = useAgentNames();
  const exporter = useExportLeads();
  const notify = useToast();
  const rows = leads.data?.pages.flatMap((page) => page.leads) ?? [];
  const total = leads.data?.pages[0]?.total ?? 0;
  const filtered = Object.keys(filters).length > 0;

  const update = (next: Filters, lead: string | null = openId) => {
    const entries = Object.entries(next).filter(([, v]) => v) as Array<[string, string]>;
    if (lead) entries.push(['lead', lead]);
    setParams(Object.fromEntries(entries), { replace: true });
  };
  const agentName = (id: string | null) =>
    id ? (agents.data?.find((a) => a.id === id)?.name ?? 'A removed agent') : '—';
  const exportCsv = () => exporter.mutate(filters, { onSuccess: (file) => notify(`Downloaded ${file}.`) });

  return (
    <>
      <PageHeader
        title="Leads"
        description="The contacts your agents and your widget’s form collect in conversations."
        actions={
          <Button
            variant="secondary"
            onClick={exportCsv}
            pending={exporter.isPending}
            disabled={!total}
            title={filtered ? 'Exports the leads matching the filters' : 'Exports every lead'}
          >
            Export CSV
          </Button>
        }
      />
      <ErrorAlert error={exporter.error} className="mb-4" />
      <LeadFilters value={filters} onChange={(next) => update(next)} />
      {leads.isPending ? (
        <Loading label="Loading leads…" />
      ) : leads.isError ? (
        <ErrorAlert error={leads.error} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No leads match these filters"
            action={
              <Button variant="secondary" onClick={() => update({}, null)}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState icon={<Icon name="leads" className="h-6 w-6" />} title="No leads yet">
            <p>
              A lead appears here when a visitor fills in your widget’s contact form, or when an agent takes their
              details during a conversation.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <div
            aria-busy={leads.isPlaceholderData || undefined}
            className={leads.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}
          >
            <LeadsTable leads={rows} agentName={agentName} selectedId={openId} onOpen={(id) => update(filters, id)} />
          </div>
          <div className="mt-4 flex items-center gap-4">
            {leads.hasNextPage && (
              <Button variant="secondary" pending={leads.isFetchingNextPage} onClick={() => void leads.fetchNextPage()}>
                Load more
              </Button>
            )}
            <p className="text-sm text-slate-500" role="status">
              {rows.length === total
                ? `${total} lead${total === 1 ? '' : 's'}`
                : `${rows.length} of ${total} leads shown`}
            </p>
          </div>
        </>
      )}
      <LeadDetailPanel leadId={openId} agentName={agentName} onClose={() => update(filters, null)} />
    </>
  );
}
