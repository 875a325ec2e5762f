import { Checkbox, TextField } from '../../../components/field';
import { Section } from '../../../components/page-header';
import { AgentActions } from '../../actions/agent-actions';
import { WaitingSection } from '../../inbox/waiting-section';
import { useDraft } from './draft-editor';
import { ListEditor } from './list-editor';

const TOOLS = [
  {
    key: 'knowledgeSearch',
    label: 'Search knowledge',
    hint: 'The model may search your knowledge again with its own words.',
  },
  {
    key: 'handoff',
    label: 'Hand off to a person',
    hint: 'The model may pass the conversation to your team; while it waits the bot may keep answering (see below), and it is silent once a person takes it.',
  },
  { key: 'captureLead', label: 'Capture lead', hint: 'The model may save a visitor’s contact details as a lead.' },
] as const;

/** The tools a model may call, and when the conversation goes to a person. */
export function BehaviourSection() {
  const { form, update, errors, canWrite } = useDraft();
  const setHandoff = (patch: Partial<typeof form.handoff>) => update('handoff', { ...form.handoff, ...patch });
  return (
    <>
      <Section title="Tools" description="What a model may do besides answering (no tools run in extractive answers).">
        <div className="space-y-3">
          {TOOLS.map((tool) => (
            <Checkbox
              key={tool.key}
              label={tool.label}
              hint={tool.hint}
              checked={form.tools[tool.key]}
              onChange={(e) => update('tools', { ...form.tools, [tool.key]: e.target.checked })}
            />
          ))}
          <AgentActions
            selected={form.tools.actionIds ?? []}
            onChange={(actionIds) => update('tools', { ...form.tools, actionIds })}
            disabled={!canWrite}
          />
        </div>
      </Section>
      <Section title="Hand-off rules" description="When a conversation is passed to a person on your team.">
        <div className="space-y-5">
          <ListEditor
            label="Keywords"
            hint="A visitor’s message with one of these words asks for a person."
            items={form.handoff.keywords}
            onChange={(keywords) => setHandoff({ keywords })}
            max={50}
            maxLength={60}
            placeholder="e.g. human"
            addLabel="New hand-off keyword"
            itemError={(i) => errors[`handoff.keywords.${i}`]}
            listError={errors['handoff.keywords']}
            readOnly={!canWrite}
          />
          <TextField
            label="Hand off after this many unanswered questions in a row"
            type="number"
            min={0}
            max={10}
            fieldClassName="max-w-md"
            value={Number.isNaN(form.handoff.maxUnanswered) ? '' : form.handoff.maxUnanswered}
            onChange={(e) =>
              setHandoff({ maxUnanswered: e.target.value.trim() === '' ? Number.NaN : Number(e.target.value) })
            }
            error={errors['handoff.maxUnanswered']}
            hint="0 never hands off for this reason (0–10)."
          />
          <Checkbox
            label="Hand off when the visitor is upset"
            checked={form.handoff.onNegativeSentiment}
            onChange={(e) => setHandoff({ onNegativeSentiment: e.target.checked })}
          />
          <Checkbox
            label="Hand off VIP visitors only"
            hint="Others keep talking to the bot."
            checked={form.handoff.vipOnly}
            onChange={(e) => setHandoff({ vipOnly: e.target.checked })}
          />
          {errors.handoff && <p className="text-sm text-red-700">{errors.handoff}</p>}
        </div>
      </Section>
      <WaitingSection />
    </>
  );
}
