import { createContext, useContext, type ReactNode } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { answerTree, textOf } from './markdown-tree';

export { safeHref } from '../lib/safe-href';

type Cite = ((index: number) => ReactNode) | undefined;
const CiteContext = createContext<Cite>(undefined);

/**
 * Model output rendered as Markdown (CommonMark + GFM) with react-markdown, built from React
 * elements only: raw HTML in an answer stays visible text, links keep to http(s) and mailto
 * and open with rel="noopener noreferrer nofollow", and images are shown as links, never
 * loaded (DESIGN §5; see answerTree). Citation markers `[n]` are drawn by `renderCitation`.
 * The widget's own small renderer runs the same cases (test/clients/markdown-cases.ts).
 */
export function Markdown({ text, renderCitation }: { text: string; renderCitation?: (index: number) => ReactNode }) {
  return (
    <CiteContext.Provider value={renderCitation}>
      <ReactMarkdown
        remarkPlugins={REMARK}
        rehypePlugins={REHYPE}
        components={COMPONENTS}
        allowedElements={ALLOWED}
        unwrapDisallowed
      >
        {text}
      </ReactMarkdown>
    </CiteContext.Provider>
  );
}

const REMARK = [remarkGfm];
const REHYPE = [answerTree];
// What Markdown can write; anything else keeps its text only (raw HTML never gets here as markup).
const ALLOWED = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'hr',
  'cite',
  'input',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

function Citation({ node, children }: { children?: ReactNode } & ExtraProps) {
  const cite = useContext(CiteContext);
  const index = Number(node?.properties.dataIndex);
  return <>{cite ? cite(index) : children}</>;
}

// Headings in an answer are emphasis, not sections of the page around it.
const Heading = ({ children }: { children?: ReactNode }) => <p className="mt-3 font-semibold first:mt-0">{children}</p>;

const COMPONENTS: Components = {
  p: ({ children }) => <p className="my-2 first:mt-0 last:mb-0">{children}</p>,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-indigo-700 underline">
      {children}
    </a>
  ),
  // Drawn from the tree: the block's text, without the line end Markdown keeps after it.
  pre: ({ node }) => (
    <pre className="my-2 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
      <code>{node ? textOf(node).replace(/\n$/, '') : null}</code>
    </pre>
  ),
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 text-[0.9em]">{children}</code>,
  blockquote: ({ children }) => (
    <blockquote className="my-2 border-l-4 border-slate-300 pl-3 text-slate-600">{children}</blockquote>
  ),
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="my-2 list-decimal space-y-1 pl-5">
      {children}
    </ol>
  ),
  cite: Citation,
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};
