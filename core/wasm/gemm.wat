;; Single-precision matrix product for the im2col convolution path, written by hand in WebAssembly
;; text with 128-bit SIMD (f32x4, baseline SIMD only: no relaxed-simd FMA, which Node 20 lacks).
;;
;;   C[M, N] (+)= A[M, K] · B[K, N]
;;
;; A and B are read through element strides (so Aᵀ or Bᵀ cost nothing extra); C is row-major with row
;; stride ldc. All pointers are byte offsets into the exported memory, all strides are in elements.
;; The caller (core/src/kernels/wasm/wasm-gemm.ts) lays the matrices and a packing area out in memory.
;;
;; Blocking (BLIS-style, sized for a 32-48 KB L1 and a large L2):
;;   - K is cut into blocks of at most KC = 256.
;;   - Per K block, A is packed into panels of 4 rows: panel p holds, for k = 0..kc-1, the 4 values
;;     A[4p + 0..3, k] side by side (16 bytes per k), rows past M are zero.
;;   - B is packed one panel of 8 columns at a time: for k = 0..kc-1, B[k, j0 + 0..7] (32 bytes per k),
;;     columns past N are zero. That panel (at most 8 KB) stays in L1 while every A panel streams by.
;;   - The micro-kernel keeps a 4 x 8 tile of C in eight f32x4 accumulators; per k it loads two B
;;     vectors and four broadcast A values and does 8 multiplies and 8 adds.
;; Packing area layout at $pack: [packed A: roundUp4(M) * kc floats][packed B panel: kc * 8][tile: 32].
(module
  (memory (export "memory") 1)

  ;; Packs A[0..M, 0..kc] ($a points at A[0, k0]; strides in bytes) into 4-row panels at $dst.
  (func $packA (param $M i32) (param $kc i32) (param $a i32) (param $aRs i32) (param $aCs i32)
      (param $dst i32)
    (local $i0 i32) (local $r i32) (local $k i32) (local $src i32) (local $out i32)
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $i0) (local.get $M)))
        (local.set $r (i32.const 0))
        (loop $rows
          (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
          (local.set $k (local.get $kc))
          (if (i32.lt_u (i32.add (local.get $i0) (local.get $r)) (local.get $M))
            (then
              (local.set $src
                (i32.add (local.get $a)
                  (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $aRs))))
              (loop $copy
                (f32.store (local.get $out) (f32.load (local.get $src)))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (local.set $src (i32.add (local.get $src) (local.get $aCs)))
                (br_if $copy (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
            (else
              (loop $zero
                (f32.store (local.get $out) (f32.const 0))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (br_if $zero (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
          (br_if $rows
            (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4))))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 4))))
        (local.set $i0 (i32.add (local.get $i0) (i32.const 4)))
        (br $panels))))

  ;; Packs B[0..kc, 0..nj] ($b points at B[k0, j0]; strides in bytes) into one 8-column panel at $dst.
  (func $packB (param $nj i32) (param $kc i32) (param $b i32) (param $bRs i32) (param $bCs i32)
      (param $dst i32)
    (local $k i32) (local $c i32) (local $src i32) (local $out i32)
    ;; Row-major B with a full panel: two vector copies per k.
    (if (i32.and (i32.eq (local.get $nj) (i32.const 8)) (i32.eq (local.get $bCs) (i32.const 4)))
      (then
        (local.set $k (local.get $kc))
        (loop $rows
          (v128.store (local.get $dst) (v128.load (local.get $b)))
          (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $b)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $b (i32.add (local.get $b) (local.get $bRs)))
          (br_if $rows (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
        (return)))
    ;; Otherwise column by column (a transposed B is read contiguously this way).
    (loop $cols
      (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $k (local.get $kc))
      (if (i32.lt_u (local.get $c) (local.get $nj))
        (then
          (local.set $src (i32.add (local.get $b) (i32.mul (local.get $c) (local.get $bCs))))
          (loop $copy
            (f32.store (local.get $out) (f32.load (local.get $src)))
            (local.set $out (i32.add (local.get $out) (i32.const 32)))
            (local.set $src (i32.add (local.get $src) (local.get $bRs)))
            (br_if $copy (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
        (else
          (loop $zero
            (f32.store (local.get $out) (f32.const 0))
            (local.set $out (i32.add (local.get $out) (i32.const 32)))
            (br_if $zero (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
      (br_if $cols (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 8)))))

  ;; Writes (or adds) the top-left mi x nj corner of the 4 x 8 tile at $tile into C at $cRow.
  (func $storeEdge (param $tile i32) (param $cRow i32) (param $ldc i32) (param $mi i32)
      (param $nj i32) (param $add i32)
    (local $col i32) (local $dst i32) (local $v f32)
    (loop $rows
      (local.set $col (i32.const 0))
      (loop $cols
        (local.set $dst (i32.add (local.get $cRow) (i32.shl (local.get $col) (i32.const 2))))
        (local.set $v (f32.load (i32.add (local.get $tile) (i32.shl (local.get $col) (i32.const 2)))))
        (if (local.get $add)
          (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $dst))))))
        (f32.store (local.get $dst) (local.get $v))
        (br_if $cols
          (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (local.get $nj))))
      (local.set $tile (i32.add (local.get $tile) (i32.const 32)))
      (local.set $cRow (i32.add (local.get $cRow) (local.get $ldc)))
      (br_if $rows (local.tee $mi (i32.sub (local.get $mi) (i32.const 1))))))

  ;; C[M, N] (+)= A · B. Element (i, k) of A is at $a + 4 * (i * aRs + k * aCs), element (k, j) of B
  ;; at $b + 4 * (k * bRs + j * bCs), element (i, j) of C at $c + 4 * (i * ldc + j). With $accumulate
  ;; zero C is overwritten. Needs M, N, K >= 1 and the packing area described above at $pack.
  (func (export "gemm") (param $M i32) (param $N i32) (param $K i32)
      (param $a i32) (param $aRs i32) (param $aCs i32)
      (param $b i32) (param $bRs i32) (param $bCs i32)
      (param $c i32) (param $ldc i32) (param $accumulate i32) (param $pack i32)
    (local $k0 i32) (local $kc i32) (local $packedB i32) (local $tile i32) (local $add i32)
    (local $j0 i32) (local $nj i32) (local $i0 i32) (local $pa i32) (local $pb i32) (local $k i32)
    (local $cRow i32) (local $mi i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local.set $aRs (i32.shl (local.get $aRs) (i32.const 2)))
    (local.set $aCs (i32.shl (local.get $aCs) (i32.const 2)))
    (local.set $bRs (i32.shl (local.get $bRs) (i32.const 2)))
    (local.set $bCs (i32.shl (local.get $bCs) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (loop $kBlocks
      (local.set $kc (i32.sub (local.get $K) (local.get $k0)))
      (if (i32.gt_u (local.get $kc) (i32.const 256)) (then (local.set $kc (i32.const 256))))
      (call $packA (local.get $M) (local.get $kc)
        (i32.add (local.get $a) (i32.mul (local.get $k0) (local.get $aCs)))
        (local.get $aRs) (local.get $aCs) (local.get $pack))
      ;; packed A takes roundUp4(M) * kc floats = (M + 3 & ~3) * kc * 4 bytes
      (local.set $packedB
        (i32.add (local.get $pack)
          (i32.shl
            (i32.mul (i32.and (i32.add (local.get $M) (i32.const 3)) (i32.const -4)) (local.get $kc))
            (i32.const 2))))
      (local.set $tile (i32.add (local.get $packedB) (i32.shl (local.get $kc) (i32.const 5))))
      ;; later K blocks always add to what the earlier ones wrote
      (local.set $add (i32.or (local.get $accumulate) (local.get $k0)))
      (local.set $j0 (i32.const 0))
      (loop $columnPanels
        (local.set $nj (i32.sub (local.get $N) (local.get $j0)))
        (if (i32.gt_u (local.get $nj) (i32.const 8)) (then (local.set $nj (i32.const 8))))
        (call $packB (local.get $nj) (local.get $kc)
          (i32.add (local.get $b)
            (i32.add (i32.mul (local.get $k0) (local.get $bRs)) (i32.mul (local.get $j0) (local.get $bCs))))
          (local.get $bRs) (local.get $bCs) (local.get $packedB))
        (local.set $i0 (i32.const 0))
        (local.set $pa (local.get $pack))
        (loop $rowPanels
          (local.set $c00 (v128.const i32x4 0 0 0 0))
          (local.set $c01 (v128.const i32x4 0 0 0 0))
          (local.set $c10 (v128.const i32x4 0 0 0 0))
          (local.set $c11 (v128.const i32x4 0 0 0 0))
          (local.set $c20 (v128.const i32x4 0 0 0 0))
          (local.set $c21 (v128.const i32x4 0 0 0 0))
          (local.set $c30 (v128.const i32x4 0 0 0 0))
          (local.set $c31 (v128.const i32x4 0 0 0 0))
          (local.set $pb (local.get $packedB))
          (local.set $k (local.get $kc))
          ;; the micro-kernel: $pa walks the A panel (16 bytes per k), $pb the B panel (32 bytes per k)
          (loop $micro
            (local.set $b0 (v128.load (local.get $pb)))
            (local.set $b1 (v128.load offset=16 (local.get $pb)))
            (local.set $av (v128.load32_splat (local.get $pa)))
            (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
            (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
            (local.set $av (v128.load32_splat offset=4 (local.get $pa)))
            (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
            (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
            (local.set $av (v128.load32_splat offset=8 (local.get $pa)))
            (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
            (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
            (local.set $av (v128.load32_splat offset=12 (local.get $pa)))
            (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
            (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
            (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
            (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
            (br_if $micro (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
          (local.set $cRow
            (i32.add (local.get $c)
              (i32.add (i32.mul (local.get $i0) (local.get $ldc)) (i32.shl (local.get $j0) (i32.const 2)))))
          (local.set $mi (i32.sub (local.get $M) (local.get $i0)))
          (if (i32.and (i32.ge_u (local.get $mi) (i32.const 4)) (i32.eq (local.get $nj) (i32.const 8)))
            (then
              (if (local.get $add)
                (then
                  (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $cRow))))
                  (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $cRow))))
                  (local.set $c10
                    (f32x4.add (local.get $c10) (v128.load (i32.add (local.get $cRow) (local.get $ldc)))))
                  (local.set $c11
                    (f32x4.add (local.get $c11)
                      (v128.load offset=16 (i32.add (local.get $cRow) (local.get $ldc)))))
                  (local.set $c20
                    (f32x4.add (local.get $c20)
                      (v128.load (i32.add (local.get $cRow) (i32.shl (local.get $ldc) (i32.const 1))))))
                  (local.set $c21
                    (f32x4.add (local.get $c21)
                      (v128.load offset=16
                        (i32.add (local.get $cRow) (i32.shl (local.get $ldc) (i32.const 1))))))
                  (local.set $c30
                    (f32x4.add (local.get $c30)
                      (v128.load
                        (i32.add (local.get $cRow) (i32.mul (local.get $ldc) (i32.const 3))))))
                  (local.set $c31
                    (f32x4.add (local.get $c31)
                      (v128.load offset=16
                        (i32.add (local.get $cRow) (i32.mul (local.get $ldc) (i32.const 3))))))))
              (v128.store (local.get $cRow) (local.get $c00))
              (v128.store offset=16 (local.get $cRow) (local.get $c01))
              (local.set $cRow (i32.add (local.get $cRow) (local.get $ldc)))
              (v128.store (local.get $cRow) (local.get $c10))
              (v128.store offset=16 (local.get $cRow) (local.get $c11))
              (local.set $cRow (i32.add (local.get $cRow) (local.get $ldc)))
              (v128.store (local.get $cRow) (local.get $c20))
              (v128.store offset=16 (local.get $cRow) (local.get $c21))
              (local.set $cRow (i32.add (local.get $cRow) (local.get $ldc)))
              (v128.store (local.get $cRow) (local.get $c30))
              (v128.store offset=16 (local.get $cRow) (local.get $c31)))
            (else
              ;; an edge tile: spill the accumulators, then copy the part inside C
              (v128.store (local.get $tile) (local.get $c00))
              (v128.store offset=16 (local.get $tile) (local.get $c01))
              (v128.store offset=32 (local.get $tile) (local.get $c10))
              (v128.store offset=48 (local.get $tile) (local.get $c11))
              (v128.store offset=64 (local.get $tile) (local.get $c20))
              (v128.store offset=80 (local.get $tile) (local.get $c21))
              (v128.store offset=96 (local.get $tile) (local.get $c30))
              (v128.store offset=112 (local.get $tile) (local.get $c31))
              (if (i32.gt_u (local.get $mi) (i32.const 4)) (then (local.set $mi (i32.const 4))))
              (call $storeEdge (local.get $tile) (local.get $cRow) (local.get $ldc) (local.get $mi)
                (local.get $nj) (local.get $add))))
          (br_if $rowPanels
            (i32.lt_u (local.tee $i0 (i32.add (local.get $i0) (i32.const 4))) (local.get $M))))
        (br_if $columnPanels
          (i32.lt_u (local.tee $j0 (i32.add (local.get $j0) (i32.const 8))) (local.get $N))))
      (br_if $kBlocks
        (i32.lt_u (local.tee $k0 (i32.add (local.get $k0) (local.get $kc))) (local.get $K))))))
