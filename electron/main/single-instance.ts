import { app } from 'electron';

/**
 * Holds the single-instance lock. A second launch (e.g. double-clicking a lab file while the app
 * runs) hands its arguments to the first instance and quits; returns false in that second instance.
 */
export function claimSingleInstance(
  onSecondInstance: (argv: string[], workingDirectory: string) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => onSecondInstance(argv, workingDirectory));
  return true;
}
