// The few WebAssembly JavaScript API pieces the wasm GEMM uses. core/src compiles against lib ES2023
// only (no DOM, no Node types), and WebAssembly's declarations live in the DOM lib, so they are
// declared here by hand, as the spec defines them. At run time the global may be missing (it is
// checked before use).

declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    /** Grows by `pages` pages of 64 KiB; returns the previous size in pages. */
    grow(pages: number): number;
  }
}
