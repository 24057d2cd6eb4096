import type { Diagnostic } from '../../model/diagnostic.js';
import { isPlaceholder } from '../../model/placeholder.js';
import type { Rule } from '../raw-record.js';

/** Scaffolded text still in place: a record that looks complete but says nothing yet. */
export const placeholders: Rule = ({ records }) => {
  const out: Diagnostic[] = [];
  for (const record of records) {
    const stack: { value: unknown; pointer: string }[] = [{ value: record.data, pointer: '' }];
    // A document with YAML errors can alias itself into a cycle: visit each object once.
    const seen = new WeakSet<object>();
    while (stack.length > 0) {
      const { value, pointer } = stack.pop() as { value: unknown; pointer: string };
      if (value !== null && typeof value === 'object') {
        if (seen.has(value)) continue;
        seen.add(value);
      }
      if (typeof value === 'string') {
        if (isPlaceholder(value)) {
          out.push({
            rule: 'record/placeholder',
            severity: 'warning',
            message: 'placeholder text from the scaffold is still here',
            location: { file: record.origin.file, document: record.origin.document, pointer },
            hint: 'write what is true for your organisation',
          });
        }
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => stack.push({ value: v, pointer: `${pointer}/${i}` }));
      } else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) stack.push({ value: v, pointer: `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}` });
      }
    }
  }
  return out;
};
