// Turns zod issues into one sentence that names the field, e.g.
// `weights file: weight.data[0][0][1] must be a finite number, got "x"`.
import type { z } from 'zod';

/** `['weight', 'data', 0, 1]` -> `weight.data[0][1]`; a key that is not a plain name is quoted (`ui["a b"]`). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' && isPlainName(key) ? String(key) : formatKey(key);
  }
  return out === '' ? '(the document)' : out;
}

/** `.name`, or `["any \"key\""]` for a key that is not a plain name (JSON escapes keep it on one line). */
function formatKey(key: PropertyKey): string {
  return isPlainName(key) ? `.${String(key)}` : `[${describeKey(key)}]`;
}

function isPlainName(key: PropertyKey): boolean {
  return typeof key === 'string' && /^[A-Za-z_$][\w$]{0,60}$/.test(key);
}

/** A key as written in an error message: plain names as they are, anything else JSON-quoted and bounded. */
export function describeKey(key: PropertyKey): string {
  if (isPlainName(key)) return String(key);
  const text = String(key);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

/**
 * Messages are one line: control characters (a newline JSON.parse quotes from the file, a path that
 * holds one) are written as JSON escapes, and a very long message is cut.
 */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const escaped = message.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > 500 ? `${escaped.slice(0, 500)}...` : escaped;
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
      return `${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map(describeKey).join(', ')}${issue.keys.length > 5 ? ', ...' : ''}`;
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
