// The number field applies only values within its bounds and says, next to itself, why it refused one.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import NumberField from '../../../renderer/src/components/NumberField.svelte';
import { LIMITS } from '../../../core/src/limits.ts';

function renderPadding(value = 2) {
  const onchange = vi.fn();
  const view = render(NumberField, {
    props: { label: 'Padding', value, min: 0, limit: 'padding', onchange },
  });
  return { onchange, field: screen.getByLabelText('Padding') as HTMLInputElement, view };
}

describe('NumberField', () => {
  it('carries min and the limits table’s max as attributes', () => {
    const { field } = renderPadding();
    expect(field).toHaveAttribute('min', '0');
    expect(field).toHaveAttribute('max', String(LIMITS.padding.max));
    expect(field).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('applies a value within the bounds, the limit included', async () => {
    const { field, onchange } = renderPadding();
    await fireEvent.input(field, { target: { value: String(LIMITS.padding.max) } });
    expect(onchange).toHaveBeenCalledExactlyOnceWith(LIMITS.padding.max);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not apply a value over the limit, and says so in an alert the input is described by', async () => {
    const { field, onchange } = renderPadding();
    await fireEvent.input(field, { target: { value: '1000' } });
    expect(onchange).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(`Padding is 1,000, over the limit of ${LIMITS.padding.max}`);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('leaving a refused value puts the kept value back in the field and keeps the reason', async () => {
    const { field } = renderPadding(2);
    await fireEvent.input(field, { target: { value: '-5' } });
    await fireEvent.blur(field);
    expect(field).toHaveValue(2);
    expect(screen.getByRole('alert')).toHaveTextContent('Padding is -5, under the minimum of 0');
  });

  it('a good value typed after a refused one clears the message', async () => {
    const { field, onchange } = renderPadding();
    await fireEvent.input(field, { target: { value: '0.5' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Padding must be a whole number, got 0.5');
    await fireEvent.input(field, { target: { value: '3' } });
    expect(onchange).toHaveBeenCalledExactlyOnceWith(3);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a new value from elsewhere (undo, an opened file) replaces a stale refusal', async () => {
    const { field, view } = renderPadding(2);
    await fireEvent.input(field, { target: { value: '1000' } });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    await view.rerender({ value: 4 });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(field).toHaveValue(4);
  });

  it('says so for empty text, text the browser could not parse, and letters it refused to type', async () => {
    const { field, onchange } = renderPadding();
    await fireEvent.input(field, { target: { value: '' } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      /^Padding is empty: it takes a whole number from 0 to/,
    );
    // Chromium reports "1e999" as an empty value with validity.badInput; jsdom has no badInput, so set it.
    Object.defineProperty(field, 'validity', { value: { badInput: true }, configurable: true });
    await fireEvent.input(field, { target: { value: '' } });
    expect(screen.getByRole('alert')).toHaveTextContent(/^Padding is not a number it can use/);
    await fireEvent(field, new InputEvent('beforeinput', { data: 'a', bubbles: true, cancelable: true }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Padding takes digits only ("a" is not part of a number)',
    );
    expect(onchange).not.toHaveBeenCalled();
  });

  it('takes fractions where the step is "any", and refuses what a float32 cannot hold', async () => {
    const onchange = vi.fn();
    render(NumberField, { props: { label: 'Brush value', value: 1, step: 'any', onchange } });
    const field = screen.getByLabelText('Brush value');
    await fireEvent.input(field, { target: { value: '0.25' } });
    expect(onchange).toHaveBeenCalledExactlyOnceWith(0.25);
    await fireEvent.input(field, { target: { value: '1e39' } });
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert')).toHaveTextContent('Brush value 1e39 is too large');
  });
});
