/** Where the Electron executable is, or why there is none; never downloads. */
export function findElectronRuntime(): { path: string } | { path: null; reason: string };
