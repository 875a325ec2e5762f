import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/button';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { tabPanelProps, Tabs } from '../../components/tabs';
import { useCan } from '../../lib/workspace';
import { AddSourceDialog } from './add-source-dialog';
import { GapsTab } from './gaps-tab';
import { useGaps } from './knowledge-api';
import { QaTab } from './qa-tab';
import { RetrievalTab } from './retrieval-tab';
import { SourcesTab } from './sources-tab';

const TABS = ['sources', 'qa', 'retrieval', 'unanswered'] as const;
type Tab = (typeof TABS)[number];

/** /w/:id/knowledge: sources, curated Q&A, a retrieval tester and the unanswered questions. */
export function KnowledgePage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'sources';
  const [adding, setAdding] = useState(false);
  const gaps = useGaps();
  const select = (next: Tab) => setParams(next === 'sources' ? {} : { tab: next }, { replace: true });
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="What your agents answer from: files, pages of your website, pasted text and curated questions and answers. Agents cite the passages they use."
        actions={
          can('knowledge.write') && (
            <Button onClick={() => setAdding(true)}>
              <Icon name="plus" className="h-4 w-4" />
              Add source
            </Button>
          )
        }
      />
      <Tabs
        label="Knowledge"
        idPrefix="knowledge"
        value={tab}
        onChange={select}
        items={[
          { id: 'sources', label: 'Sources' },
          { id: 'qa', label: 'Q&A' },
          { id: 'retrieval', label: 'Test retrieval' },
          { id: 'unanswered', label: 'Unanswered questions', count: gaps.data?.length },
        ]}
      />
      <div {...tabPanelProps('knowledge', tab)}>
        {tab === 'sources' && <SourcesTab onAdd={() => setAdding(true)} />}
        {tab === 'qa' && <QaTab />}
        {tab === 'retrieval' && <RetrievalTab />}
        {tab === 'unanswered' && <GapsTab />}
      </div>
      {can('knowledge.write') && <AddSourceDialog open={adding} onOpenChange={setAdding} />}
    </>
  );
}
