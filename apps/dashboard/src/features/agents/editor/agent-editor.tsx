import { useEffect, useEffectEvent, useState, type FormEvent } from 'react';
import { ErrorAlert, Notice } from '../../../components/alert';
import { Button } from '../../../components/button';
import { useToast } from '../../../components/toast';
import { cn } from '../../../lib/cn';
import { useCan } from '../../../lib/workspace';
import { AgentMcpTools } from '../../mcp-servers/agent-mcp-tools';
import { BehaviourSection } from './behaviour-section';
import { useDraft } from './draft-editor';
import { IdentitySection, InstructionsSection } from './identity-section';
import { TranslationsSection } from './translations-section';
import { KnowledgeSection } from './knowledge-section';
import { AnswerModeSection, ModelSection } from './model-section';
import { PublishDialog } from './publish-dialog';
import { StatusSection } from './status-section';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The configuration tab: every field of the draft, saved with the button or Ctrl/Cmd+S. */
export function AgentEditor() {
  const { agent, dirty, save, saving, saveError, errors, discard, canWrite } = useDraft();
  const can = useCan();
  const notify = useToast();
  const [publishing, setPublishing] = useState(false);
  const saveDraft = () => {
    if (!canWrite || !dirty || saving) return;
    save().then(
      () => notify('Draft saved.'),
      () => undefined, // shown next to the fields and in the bar
    );
  };
  const saveFromKey = useEffectEvent(saveDraft);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault(); // never the browser's "save page"
        saveFromKey();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    saveDraft();
  };
  const fieldCount = Object.keys(errors).length;

  return (
    <>
      <form onSubmit={onSubmit} noValidate aria-label="Agent configuration">
        <div className="sticky top-[var(--banner-height,0px)] z-20 -mx-4 mb-6 border-b border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6 lg:-mx-10 lg:px-10">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <DraftState />
            {canWrite && (
              <div className="flex flex-wrap gap-2">
                {dirty && (
                  <Button variant="ghost" onClick={discard} disabled={saving}>
                    Discard changes
                  </Button>
                )}
                <Button
                  type="submit"
                  variant="secondary"
                  pending={saving}
                  disabled={!dirty}
                  title={`Save the draft (${isMac ? '⌘' : 'Ctrl'}+S)`}
                >
                  Save draft
                  <kbd className="hidden rounded border border-slate-300 px-1 text-[10px] font-normal text-slate-500 sm:inline">
                    {isMac ? '⌘S' : 'Ctrl+S'}
                  </kbd>
                </Button>
                <Button
                  onClick={() => setPublishing(true)}
                  disabled={!dirty && !agent.hasUnpublishedChanges}
                  title={
                    !dirty && !agent.hasUnpublishedChanges
                      ? 'The draft is the live version: nothing to publish'
                      : undefined
                  }
                >
                  Publish…
                </Button>
              </div>
            )}
          </div>
          {saveError ? (
            <ErrorAlert error={saveError} className="mt-3">
              {fieldCount > 0 && (
                <p className="mt-1">
                  Check the {fieldCount === 1 ? 'highlighted field' : `${fieldCount} highlighted fields`} below.
                </p>
              )}
            </ErrorAlert>
          ) : null}
        </div>
        {!canWrite && (
          <Notice className="mb-6" title="Read-only">
            Your role can see this agent but not change it. Owners, admins and managers edit agents.
          </Notice>
        )}
        <fieldset disabled={!canWrite} className="min-w-0 space-y-6">
          <IdentitySection />
          <InstructionsSection />
          <TranslationsSection />
          <AnswerModeSection />
          <ModelSection />
          <KnowledgeSection />
          <BehaviourSection />
        </fieldset>
        <div className="mt-6">
          <StatusSection />
        </div>
      </form>
      {/* Outside the form: saved at once, not part of the draft. */}
      {can('integrations.manage') && (
        <div className="mt-6">
          <AgentMcpTools agentId={agent.id} />
        </div>
      )}
      {/* Outside the form: React events bubble through portals, and its submit must not save the draft twice. */}
      {canWrite && <PublishDialog open={publishing} onOpenChange={setPublishing} />}
    </>
  );
}

/** Unsaved edits, a saved draft that differs from the live version, or nothing to publish. */
function DraftState() {
  const { agent, dirty } = useDraft();
  const live = agent.publishedVersion;
  const [text, tone] = dirty
    ? ['Unsaved changes', 'amber']
    : agent.hasUnpublishedChanges
      ? [live ? `Draft differs from live version ${live}` : 'Draft not published yet', 'indigo']
      : [live ? `Draft matches live version ${live}` : 'Not published', 'green'];
  return (
    <p role="status" data-testid="draft-state" className="flex items-center gap-2 text-sm font-medium text-slate-800">
      <span
        aria-hidden="true"
        className={cn(
          'inline-block h-2.5 w-2.5 rounded-full',
          tone === 'amber' ? 'bg-amber-500' : tone === 'indigo' ? 'bg-indigo-500' : 'bg-emerald-500',
        )}
      />
      {text}
      {dirty && agent.hasUnpublishedChanges && live ? (
        <span className="font-normal text-slate-500">(saved draft already differs from version {live})</span>
      ) : null}
    </p>
  );
}
