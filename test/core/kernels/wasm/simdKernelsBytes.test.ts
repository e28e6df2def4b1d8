// The WebAssembly bytes committed in core/src/kernels/wasm/simdKernelsBytes.ts are exactly what
// core/wasm/build.mjs compiles from core/wasm/simdKernels.wat today, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGemmWat, gemmBytesSource } from '../../../../core/wasm/build.mjs';
import { decodeBase64 } from '../../../../core/src/kernels/wasm/base64.ts';
import { SIMD_KERNELS_WASM_BASE64 } from '../../../../core/src/kernels/wasm/simdKernelsBytes.ts';

describe('simdKernelsBytes.ts', () => {
  it('equals a fresh compile of simdKernels.wat (run `node core/wasm/build.mjs` after editing the .wat)', async () => {
    const fresh = await compileGemmWat();
    const committed = readFileSync(
      new URL('../../../../core/src/kernels/wasm/simdKernelsBytes.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(gemmBytesSource(fresh));
    expect(decodeBase64(SIMD_KERNELS_WASM_BASE64)).toEqual(fresh);
  });

  it('holds a module WebAssembly accepts, exporting gemm, im2col, col2im, padPlane, corrPlane, corrWeightGrad, the activations, 2x2 average pooling and memory', () => {
    const bytes = decodeBase64(SIMD_KERNELS_WASM_BASE64);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map(
      (e) => `${e.kind} ${e.name}`,
    );
    expect(exports.sort()).toEqual([
      'function avgPool2x2',
      'function avgPool2x2Grad',
      'function col2im',
      'function corrPlane',
      'function corrWeightGrad',
      'function gemm',
      'function im2col',
      'function padPlane',
      'function relu',
      'function reluGrad',
      'function sigmoid',
      'function sigmoidGrad',
      'memory memory',
    ]);
  });
});

describe('decodeBase64', () => {
  it('matches Node for every length modulo 3 and all byte values', () => {
    for (let length = 0; length < 10; length++) {
      const bytes = Uint8Array.from({ length: 256 + length }, (_, i) => (i * 37 + length) & 0xff);
      expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    }
  });

  it("throws when the text has a character outside base64's alphabet", () => {
    expect(() => decodeBase64('AG-z')).toThrow("decodeBase64: invalid character '-' at 2");
  });
});
