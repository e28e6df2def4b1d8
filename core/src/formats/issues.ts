// Turns zod issues into one sentence that names the field, e.g.
// `weights file: weight.data[0][0][1] must be a finite number, got "x"`.
import type { z } from 'zod';

/** `['weight', 'data', 0, 1]` -> `weight.data[0][1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the document)' : out;
}

/** A short, bounded rendering of an offending value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The field, what it must be, and what it was. Uses the first issue: one line, one problem. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  const got = 'input' in issue ? `, got ${describeValue(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return `${where} must be a finite number${got}`;
      return `${where} must be ${article(issue.expected)}${got}`;
    case 'invalid_value':
      return `${where} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}`;
    case 'unrecognized_keys':
      return `${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options) && typeof issue.discriminator === 'string') {
        // A discriminated union reports the whole object as input; name the discriminator's value.
        const input =
          'input' in issue && typeof issue.input === 'object' && issue.input !== null ? issue.input : {};
        const value = (input as Record<string, unknown>)[issue.discriminator];
        return `${where} must be ${issue.options.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(value)}`;
      }
      return `${where} is not a valid choice${got}`;
    case 'too_small':
    case 'too_big':
    case 'custom':
    default:
      return `${where} ${issue.message}${got}`;
  }
}

function article(expected: string): string {
  // zod's names for JSON shapes: a record and a tuple are an object and an array in a JSON file.
  if (expected === 'record') return 'an object';
  if (expected === 'tuple') return 'an array';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
