export function resolveRequest(root: string, requestPath: string): string | null;
export function serveBuild(
  root: string,
  ports: number[],
): Promise<{ url: string; close: () => Promise<void> }>;
