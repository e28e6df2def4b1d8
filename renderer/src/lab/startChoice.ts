// What the Start setting's choices say: one sentence under the select about where the next run starts.
import type { StartChoice } from './labExperiment.ts';

const choices: readonly StartChoice[] = ['book', 'seed', 'learned'];

/** The select's value as a choice; anything unknown is the seeded draw, which always fits. */
export function startChoiceOf(value: string): StartChoice {
  return choices.find((c) => c === value) ?? 'seed';
}

/** The hint under the Start setting for the current choice (`bookReason`: why the book's run is unavailable). */
export function startHint(choice: StartChoice, bookReason: string | null): string {
  if (choice === 'book') {
    return "Solved from the losses and kernel the book prints, so this run prints the book's numbers.";
  }
  if (choice === 'learned') return 'Continues from the kernel learned so far, copied when you chose it.';
  return bookReason ?? 'Drawn as PyTorch draws a new Conv2d: uniform within ±1/√(fan-in), from this seed.';
}
