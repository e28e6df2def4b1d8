// tabAfterKey (tabs.ts): the chapter's tab list under the arrow, Home and End keys.
import { describe, expect, it } from 'vitest';
import { tabAfterKey } from '../../../renderer/src/chapter/tabs.ts';

describe('tabAfterKey', () => {
  it('tabAfterKey wraps arrows and jumps with Home/End', () => {
    expect(tabAfterKey('ArrowRight', 8, 9)).toBe(0);
    expect(tabAfterKey('ArrowLeft', 0, 9)).toBe(8);
    expect(tabAfterKey('Home', 4, 9)).toBe(0);
    expect(tabAfterKey('End', 4, 9)).toBe(8);
    expect(tabAfterKey('a', 4, 9)).toBeNull();
  });
});
