import type { Diagnostic } from '../../model/diagnostic.js';
import { isPlaceholder } from '../../model/placeholder.js';
import { toPointer } from '../../load/pointer.js';
import type { Rule } from '../raw-record.js';

/** A value met on the walk, and how it was reached (its pointer is spelled only for a placeholder: most values are not one). */
interface Step {
  value: unknown;
  parent?: Step;
  key?: string | number;
}

/** Scaffolded text still in place: a record that looks complete but says nothing yet. */
export const placeholders: Rule = ({ records }) => {
  const out: Diagnostic[] = [];
  for (const record of records) {
    const stack: Step[] = [{ value: record.data }];
    // A document with YAML errors can alias itself into a cycle: visit each object once.
    const seen = new WeakSet<object>();
    while (stack.length > 0) {
      const step = stack.pop() as Step;
      const value = step.value;
      if (typeof value === 'string') {
        if (isPlaceholder(value)) {
          out.push({
            rule: 'record/placeholder',
            severity: 'warning',
            message: 'placeholder text from the scaffold is still here',
            location: { file: record.origin.file, document: record.origin.document, pointer: pointerOf(step) },
            hint: 'write what is true for your organisation',
          });
        }
        continue;
      }
      if (value === null || typeof value !== 'object' || seen.has(value)) continue;
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) stack.push({ value: value[i], parent: step, key: i });
      } else {
        for (const key of Object.keys(value)) stack.push({ value: (value as Record<string, unknown>)[key], parent: step, key });
      }
    }
  }
  return out;
};

function pointerOf(step: Step): string {
  const keys: (string | number)[] = [];
  for (let s = step; s.parent; s = s.parent) keys.push(s.key as string | number);
  return toPointer(keys.reverse());
}
