/** What every exercise check returns: whether the user's construction does what was asked, and why. */
export interface ExerciseResult {
  readonly passed: boolean;
  readonly message: string;
}
