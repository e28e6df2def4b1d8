// Which of the app's two views is open: the kernel lab (the default) or LeNet, kept in the URL's hash.
export type AppView = 'lab' | 'lenet';

/** `#lenet` opens the LeNet view; anything else the kernel lab. */
export function viewFromHash(hash: string): AppView {
  return hash === '#lenet' ? 'lenet' : 'lab';
}
