// The switch between the kernel lab and the LeNet view: tabs with arrow keys, kept in the URL's hash.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ViewTabs from '../../../renderer/src/lenet/ViewTabs.svelte';
import { viewFromHash } from '../../../renderer/src/lenet/appView.ts';

afterEach(() => history.replaceState(null, '', '/'));

describe('ViewTabs', () => {
  it('#lenet opens the LeNet view; anything else the kernel lab', () => {
    expect(viewFromHash('#lenet')).toBe('lenet');
    expect(viewFromHash('')).toBe('lab');
    expect(viewFromHash('#other')).toBe('lab');
  });

  it('the arrow keys move the selection and the focus, and the hash follows', async () => {
    render(ViewTabs, { props: { view: 'lab' } });
    const lab = screen.getByRole('tab', { name: 'Kernel lab' });
    const lenet = screen.getByRole('tab', { name: 'LeNet' });
    expect(lab).toHaveAttribute('aria-selected', 'true');
    expect(lenet).toHaveAttribute('tabindex', '-1');
    lab.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(lenet).toHaveAttribute('aria-selected', 'true');
    expect(lenet).toHaveFocus();
    expect(location.hash).toBe('#lenet');
    await userEvent.keyboard('{ArrowRight}');
    expect(lab).toHaveFocus();
    expect(location.hash).toBe('');
    await userEvent.click(lenet);
    expect(location.hash).toBe('#lenet');
  });
});
