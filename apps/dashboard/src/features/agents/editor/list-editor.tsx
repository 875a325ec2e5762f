import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../../../components/button';

interface ListEditorProps {
  label: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  max: number;
  maxLength: number;
  placeholder: string;
  /** Error messages by item index, and for the list as a whole. */
  itemError: (index: number) => string | undefined;
  listError?: string | undefined;
  addLabel: string;
  /** Shown as a plain list, without editing controls. */
  readOnly?: boolean;
}

/** An ordered list of short texts: add, edit in place, remove, move up and down. */
export function ListEditor({
  label,
  hint,
  items,
  onChange,
  max,
  maxLength,
  placeholder,
  itemError,
  listError,
  addLabel,
  readOnly = false,
}: ListEditorProps) {
  const id = useId();
  const [next, setNext] = useState('');
  const newInput = useRef<HTMLInputElement>(null);
  if (readOnly) {
    return (
      <div>
        <p className="text-sm font-medium text-slate-800">{label}</p>
        {items.length ? (
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-700">
            {items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-slate-500">None</p>
        )}
      </div>
    );
  }
  const full = items.length >= max;
  const add = () => {
    const text = next.trim();
    if (!text || full) return;
    onChange([...items, text]);
    setNext('');
    newInput.current?.focus();
  };
  const move = (from: number, to: number) => {
    const copy = [...items];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item!);
    onChange(copy);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };
  return (
    <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {items.length > 0 && (
        <ol className="mt-2 space-y-2">
          {items.map((item, index) => {
            const error = itemError(index);
            return (
              <li key={index}>
                <div className="flex items-center gap-2">
                  <input
                    aria-label={`${label} ${index + 1}`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-${index}-error` : undefined}
                    className="block w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-500 disabled:bg-slate-100"
                    value={item}
                    maxLength={maxLength}
                    onChange={(e) => onChange(items.map((old, i) => (i === index ? e.target.value : old)))}
                  />
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move “${item}” up`}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move “${item}” down`}
                    disabled={index === items.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost-danger"
                    size="sm"
                    aria-label={`Remove “${item}”`}
                    onClick={() => onChange(items.filter((_, i) => i !== index))}
                  >
                    Remove
                  </Button>
                </div>
                {error && (
                  <p id={`${id}-${index}-error`} className="mt-1 text-sm text-red-700">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="mt-2 flex items-center gap-2">
        <input
          ref={newInput}
          aria-label={addLabel}
          className="block w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm disabled:bg-slate-100"
          placeholder={full ? `At most ${max}` : placeholder}
          value={next}
          maxLength={maxLength}
          disabled={full}
          onChange={(e) => setNext(e.target.value)}
          onKeyDown={onKey}
        />
        <Button variant="secondary" size="sm" onClick={add} disabled={full || !next.trim()}>
          Add
        </Button>
      </div>
      {listError && <p className="mt-1 text-sm text-red-700">{listError}</p>}
    </fieldset>
  );
}
