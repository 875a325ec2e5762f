import { SelectField } from '../../components/field';
import { LANGUAGES } from './knowledge-api';

/** The language of a source's text: search stems its words in that language. */
export function LanguageSelect({
  value,
  onChange,
  label = 'Language of the content',
  hint = 'Search matches word forms (refund, refunds, refunded) in this language.',
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
  hint?: string;
}) {
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} hint={hint}>
      {LANGUAGES.map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
