// The CLI's one rule for bad input: one line on stderr that names the problem, exit code 2, nothing written.

/** Bad input from the user (arguments, files): reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
/** The run itself failed (training diverged, the worker died). */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
