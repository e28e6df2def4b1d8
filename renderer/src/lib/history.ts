// Undo and redo over immutable snapshots. Consecutive edits of one brush stroke are pushed once (by the
// caller, at pointer-down), so one Ctrl+Z undoes one stroke.

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(private readonly limit = 200) {}

  /** Records `previous` as the state to return to, and forgets anything that was undone. */
  record(previous: T): void {
    this.past.push(previous);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  undo(current: T): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(current);
    return previous;
  }

  redo(current: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(current);
    return next;
  }

  /** The state the next undo returns to, without taking it. */
  peek(): T | null {
    return this.past.at(-1) ?? null;
  }

  /** The state the next redo returns to, without taking it. */
  peekFuture(): T | null {
    return this.future.at(-1) ?? null;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
