import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { useCan, useWorkspace } from '../../lib/workspace';
import { LEAD_STATUSES, useLead, useLeadMutations, type LeadDetail, type LeadStatus } from './leads-api';
import { LeadContactForm } from './lead-contact-form';
import { LeadNotes } from './lead-notes';
import { fieldLabel, LeadStatusBadge, sourceLabel, STATUS_LABELS } from './lead-status';
import { leadTitle } from './leads-table';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1.5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="col-span-2 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** The lead in a side panel: details, consent, status, notes, the conversation, deletion. */
export function LeadDetailPanel({
  leadId,
  agentName,
  onClose,
}: {
  leadId: string | null;
  agentName: (id: string | null) => string;
  onClose: () => void;
}) {
  const lead = useLead(leadId);
  return (
    <RadixDialog.Root open={Boolean(leadId)} onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <RadixDialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-lg flex-col overflow-y-auto bg-white shadow-xl"
        >
          {lead.data ? (
            <LeadBody key={lead.data.id} lead={lead.data} agentName={agentName} onDeleted={onClose} />
          ) : (
            <div className="p-6">
              <RadixDialog.Title className="text-lg font-semibold text-slate-900">Lead</RadixDialog.Title>
              {lead.isError ? (
                <ErrorAlert error={lead.error} className="mt-4" />
              ) : (
                <Loading label="Loading the lead…" />
              )}
            </div>
          )}
          <RadixDialog.Close
            className="absolute right-4 top-4 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            aria-label="Close"
          >
            <svg viewBox="0 0 20 20" className="h-5 w-5" aria-hidden="true">
              <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function LeadBody({
  lead,
  agentName,
  onDeleted,
}: {
  lead: LeadDetail;
  agentName: (id: string | null) => string;
  onDeleted: () => void;
}) {
  const can = useCan();
  const { workspace } = useWorkspace();
  const notify = useToast();
  const mutations = useLeadMutations(lead.id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const canWrite = can('leads.write');
  const fields = Object.entries(lead.fields);
  const changeStatus = (status: LeadStatus) =>
    mutations.update.mutate({ status }, { onSuccess: () => notify(`Status changed to ${STATUS_LABELS[status]}.`) });

  return (
    <div className="space-y-6 p-6">
      <header className="pr-8">
        <RadixDialog.Title className="break-words text-lg font-semibold text-slate-900">
          {leadTitle(lead)}
        </RadixDialog.Title>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
          <LeadStatusBadge status={lead.status} /> {sourceLabel(lead.source)} · {formatDateTime(lead.createdAt)}
        </p>
      </header>

      {canWrite && (
        <div>
          <label htmlFor="lead-status" className="block text-sm font-medium text-slate-800">
            Status
          </label>
          <select
            id="lead-status"
            className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
            value={lead.status}
            disabled={mutations.update.isPending}
            onChange={(e) => changeStatus(e.target.value as LeadStatus)}
          >
            {LEAD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          {!editing && <ErrorAlert error={mutations.update.error} className="mt-2" />}
        </div>
      )}

      <section aria-labelledby="lead-contact-heading">
        <div className="flex items-center justify-between">
          <h3 id="lead-contact-heading" className="text-sm font-semibold text-slate-900">
            Contact
          </h3>
          {canWrite && !editing && (
            <Button variant="link" size="sm" onClick={() => setEditing(true)}>
              Edit details
            </Button>
          )}
        </div>
        {editing ? (
          <div className="mt-2">
            <LeadContactForm lead={lead} update={mutations.update} onDone={() => setEditing(false)} />
          </div>
        ) : (
          <dl className="mt-1 divide-y divide-slate-100">
            <Row label="Name">{lead.name ?? '—'}</Row>
            <Row label="Email">
              {lead.email ? (
                <a className="text-indigo-700 hover:underline" href={`mailto:${lead.email}`}>
                  {lead.email}
                </a>
              ) : (
                '—'
              )}
            </Row>
            <Row label="Phone">
              {lead.phone ? (
                <a className="text-indigo-700 hover:underline" href={`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>
                  {lead.phone}
                </a>
              ) : (
                '—'
              )}
            </Row>
            {fields.map(([key, value]) => (
              <Row key={key} label={fieldLabel(key)}>
                <span className="whitespace-pre-wrap">{value}</span>
              </Row>
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby="lead-origin-heading">
        <h3 id="lead-origin-heading" className="text-sm font-semibold text-slate-900">
          Origin and consent
        </h3>
        <dl className="mt-1 divide-y divide-slate-100">
          <Row label="Consent">
            {lead.consent ? (
              <>
                Given {formatDateTime(lead.consentAt)}
                {lead.consentText && (
                  <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-slate-600">
                    {lead.consentText}
                  </blockquote>
                )}
              </>
            ) : (
              'Not given'
            )}
          </Row>
          <Row label="Agent">{agentName(lead.agentId)}</Row>
          <Row label="Conversation">
            {lead.conversationId ? (
              <Link
                className="text-indigo-700 hover:underline"
                to={`/w/${workspace.id}/inbox?conversation=${encodeURIComponent(lead.conversationId)}`}
              >
                Open the conversation
              </Link>
            ) : (
              '—'
            )}
          </Row>
        </dl>
      </section>

      <LeadNotes notes={lead.notes} addNote={mutations.addNote} canWrite={canWrite} />

      {canWrite && (
        <div className="border-t border-slate-200 pt-4">
          <Button variant="danger" size="sm" onClick={() => setDeleting(true)}>
            Delete lead
          </Button>
          <ConfirmDialog
            open={deleting}
            onOpenChange={setDeleting}
            title="Delete this lead?"
            description={`${leadTitle(lead)} and the lead’s notes will be deleted for good. The conversation stays.`}
            confirmLabel="Delete lead"
            onConfirm={mutations.remove}
            onDone={() => {
              notify('Lead deleted.');
              onDeleted();
            }}
          />
        </div>
      )}
    </div>
  );
}
