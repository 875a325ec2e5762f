import { useState } from 'react';
import { Dialog } from '../../components/dialog';
import { tabPanelProps, Tabs } from '../../components/tabs';
import { FileUpload } from './file-upload';
import { useSources } from './knowledge-api';
import { PageForm, TextForm, WebsiteForm } from './source-forms';

type Kind = 'files' | 'url' | 'website' | 'text';

const DEFAULT_LIMITS = { maxUploadBytes: 20 * 1024 * 1024, maxCrawlPages: 500 };

/** Add knowledge: upload files, a page, a website to crawl, or pasted text. */
export function AddSourceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [kind, setKind] = useState<Kind>('files');
  const limits = useSources().data?.limits ?? DEFAULT_LIMITS;
  const done = () => onOpenChange(false);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add knowledge"
      size="lg"
      description="It is processed in the background: follow its progress in the list of sources."
    >
      <Tabs
        label="Kind of source"
        idPrefix="add-source"
        value={kind}
        onChange={setKind}
        items={[
          { id: 'files', label: 'Files' },
          { id: 'url', label: 'Page' },
          { id: 'website', label: 'Website' },
          { id: 'text', label: 'Text' },
        ]}
      />
      <div {...tabPanelProps('add-source', kind)} className="pt-5 outline-none">
        {kind === 'files' && <FileUpload maxBytes={limits.maxUploadBytes} onDone={done} />}
        {kind === 'url' && <PageForm onDone={done} />}
        {kind === 'website' && <WebsiteForm maxPages={limits.maxCrawlPages} onDone={done} />}
        {kind === 'text' && <TextForm onDone={done} />}
      </div>
    </Dialog>
  );
}
