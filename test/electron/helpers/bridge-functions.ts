// The functions the preload exposes as window.convlab, in sorted order: what the bridge test and the
// bundled-preload test both expect (the contract is electron/ipc/bridge-api.ts).
export const BRIDGE_FUNCTIONS = [
  'onFileOpened',
  'onMenuCommand',
  'openDatasetFolder',
  'openFile',
  'saveFile',
];
