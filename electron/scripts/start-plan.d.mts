export const FALLBACK_PORT: number;
export function startPlan(facts: {
  runtime: { path: string } | { path: null; reason: string };
  hasBuild: boolean;
}):
  | { kind: 'electron'; runtimePath: string; builds: string[] }
  | { kind: 'browser'; builds: string[]; notice: string };
export function portCandidates(env: Record<string, string | undefined>): number[];
export function browserCommand(
  platform: string,
  env: Record<string, string | undefined>,
  url: string,
): { command: string; args: string[] } | null;
