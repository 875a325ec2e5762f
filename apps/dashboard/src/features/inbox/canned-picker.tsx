import { cn } from '../../lib/cn';
import type { CannedResponse } from './inbox-api';

/** The `/word` being typed at the caret, if any: what the canned-response picker filters by. */
export function shortcutAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([\w-]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() } : null;
}

export function filterCanned(all: CannedResponse[], query: string): CannedResponse[] {
  return all.filter((c) => c.shortcut.startsWith(query) || c.title.toLowerCase().includes(query)).slice(0, 8);
}

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The list under the composer while a `/shortcut` is typed (arrow keys move, Enter or Tab inserts). */
export function CannedPicker({
  options,
  active,
  onPick,
  listId,
}: {
  options: CannedResponse[];
  active: number;
  onPick: (c: CannedResponse) => void;
  listId: string;
}) {
  if (!options.length)
    return (
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500">
        No canned response with that shortcut.
      </p>
    );
  return (
    <ul
      id={listId}
      role="listbox"
      aria-label="Canned responses"
      className="max-h-48 overflow-y-auto border-t border-slate-200 py-1 text-sm"
    >
      {options.map((option, index) => (
        <li
          key={option.id}
          id={optionId(listId, index)}
          role="option"
          aria-selected={index === active}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(option);
          }}
          className={cn('cursor-pointer px-3 py-1.5', index === active ? 'bg-indigo-50' : 'hover:bg-slate-50')}
        >
          <span className="font-mono text-xs text-indigo-700">/{option.shortcut}</span>{' '}
          <span className="font-medium text-slate-800">{option.title}</span>
          <span className="block truncate text-xs text-slate-500">{option.content}</span>
        </li>
      ))}
    </ul>
  );
}
