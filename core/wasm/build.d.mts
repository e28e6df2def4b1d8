// Types of build.mjs, for the test that compares the committed bytes with a fresh compile.

/** The module's bytes, compiled from simdKernels.wat with SIMD enabled and no debug names. */
export function compileGemmWat(): Promise<Uint8Array>;

/** The TypeScript source that holds `bytes`, as build.mjs writes it to simdKernelsBytes.ts. */
export function gemmBytesSource(bytes: Uint8Array): string;
