;; Single-precision matrix product for the im2col convolution path, written by hand in WebAssembly
;; text with 128-bit SIMD (f32x4, baseline SIMD only: no relaxed-simd FMA, which Node 20 lacks).
;;
;;   C[M, N] (+)= A[M, K] · B[K, N]
;;
;; A and B are read through element strides (so Aᵀ or Bᵀ cost nothing extra); C is row-major with row
;; stride ldc. All pointers are byte offsets into the exported memory, all strides are in elements.
;; The caller (core/src/kernels/wasm/simdKernels.ts) lays the matrices and a packing area out in memory.
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
;;
;; im2col and col2im (layouts as core/src/kernels/im2col.ts) are here too: in JavaScript they cost
;; ~1.4 ns per value, as much as the product itself on shape E; here the rows copy with f32x4.
;;
;; At the end, the direct correlation of single planes (padPlane, corrPlane, corrWeightGrad) for one
;; channel in and out per group, stride 1, dilation 1: shapes B and C and depthwise convolutions.
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
        (i32.lt_u (local.tee $k0 (i32.add (local.get $k0) (local.get $kc))) (local.get $K)))))

  ;; ---------------------------------------------------------------------------------------------
  ;; im2col / col2im. For one image and group: $in (or $gradIn) points at its first input channel
  ;; plane [Cg, H, W]; col is [Cg * KH * KW, (ohEnd - ohStart) * OW] for the band of output rows
  ;; [ohStart, ohEnd). Input row of output row oh and kernel row kh: oh * sH + kh * dH - padTop;
  ;; input column of ow and kw: ow * sW + kw * dW - padLeft.

  ;; The first output index o >= 0 whose input index o * stride + offset is >= 0.
  (func $firstInside (param $offset i32) (param $stride i32) (result i32)
    (if (result i32) (i32.ge_s (local.get $offset) (i32.const 0))
      (then (i32.const 0))
      (else
        (i32.div_u
          (i32.add (i32.sub (i32.const 0) (local.get $offset)) (i32.sub (local.get $stride) (i32.const 1)))
          (local.get $stride)))))

  ;; One past the last output index o whose input index o * stride + offset is <= size - 1 (0 if none).
  (func $endInside (param $offset i32) (param $stride i32) (param $size i32) (result i32)
    (local $last i32)
    (local.set $last (i32.sub (i32.sub (local.get $size) (i32.const 1)) (local.get $offset)))
    (if (result i32) (i32.lt_s (local.get $last) (i32.const 0))
      (then (i32.const 0))
      (else (i32.add (i32.div_u (local.get $last) (local.get $stride)) (i32.const 1)))))

  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b))))
  (func $max (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))))

  ;; Fills col (see above) from the input; positions in the padding become 0. With sW = 2 the vector
  ;; path reads one float past the last input value it uses, so the input must not end the memory.
  (func (export "im2col") (param $in i32) (param $col i32) (param $Cg i32) (param $H i32) (param $W i32)
      (param $KH i32) (param $KW i32) (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32)
      (param $padTop i32) (param $padLeft i32) (param $OW i32) (param $ohStart i32) (param $ohEnd i32)
    (local $icg i32) (local $kh i32) (local $kw i32) (local $plane i32) (local $ohLo i32) (local $ohHi i32)
    (local $lo i32) (local $hi i32) (local $oh i32) (local $ow i32) (local $inRow i32) (local $rowBytes i32)
    (local $planeBytes i32) (local $rowOffset i32) (local $colOffset i32)
    (local.set $rowBytes (i32.shl (local.get $OW) (i32.const 2)))
    (local.set $planeBytes (i32.shl (i32.mul (local.get $H) (local.get $W)) (i32.const 2)))
    (local.set $plane (local.get $in))
    (loop $channels
      (local.set $kh (i32.const 0))
      (loop $kernelRows
        (local.set $rowOffset (i32.sub (i32.mul (local.get $kh) (local.get $dH)) (local.get $padTop)))
        (local.set $ohLo
          (call $min (call $max (call $firstInside (local.get $rowOffset) (local.get $sH)) (local.get $ohStart))
            (local.get $ohEnd)))
        (local.set $ohHi
          (call $max
            (call $min (call $endInside (local.get $rowOffset) (local.get $sH) (local.get $H)) (local.get $ohEnd))
            (local.get $ohLo)))
        (local.set $kw (i32.const 0))
        (loop $kernelColumns
          (local.set $colOffset (i32.sub (i32.mul (local.get $kw) (local.get $dW)) (local.get $padLeft)))
          (local.set $lo
            (call $min (call $firstInside (local.get $colOffset) (local.get $sW)) (local.get $OW)))
          (local.set $hi
            (call $max
              (call $min (call $endInside (local.get $colOffset) (local.get $sW) (local.get $W)) (local.get $OW))
              (local.get $lo)))
          ;; output rows of the band above the input: zeros
          (memory.fill (local.get $col) (i32.const 0)
            (i32.mul (i32.sub (local.get $ohLo) (local.get $ohStart)) (local.get $rowBytes)))
          (local.set $col
            (i32.add (local.get $col)
              (i32.mul (i32.sub (local.get $ohLo) (local.get $ohStart)) (local.get $rowBytes))))
          (local.set $oh (local.get $ohLo))
          (block $rowsDone
            (loop $rows
              (br_if $rowsDone (i32.ge_s (local.get $oh) (local.get $ohHi)))
              ;; address of input column "ow = 0" of this row (only [lo, hi) is read)
              (local.set $inRow
                (i32.add (local.get $plane)
                  (i32.shl
                    (i32.add
                      (i32.mul
                        (i32.add (i32.mul (local.get $oh) (local.get $sH)) (local.get $rowOffset))
                        (local.get $W))
                      (local.get $colOffset))
                    (i32.const 2))))
              (local.set $ow (i32.const 0))
              (block $leftDone
                (loop $left
                  (br_if $leftDone (i32.ge_s (local.get $ow) (local.get $lo)))
                  (f32.store (i32.add (local.get $col) (i32.shl (local.get $ow) (i32.const 2))) (f32.const 0))
                  (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                  (br $left)))
              (if (i32.eq (local.get $sW) (i32.const 1))
                (then
                  (block $done
                    (loop $vectors
                      (br_if $done (i32.gt_s (i32.add (local.get $ow) (i32.const 4)) (local.get $hi)))
                      (v128.store (i32.add (local.get $col) (i32.shl (local.get $ow) (i32.const 2)))
                        (v128.load (i32.add (local.get $inRow) (i32.shl (local.get $ow) (i32.const 2)))))
                      (local.set $ow (i32.add (local.get $ow) (i32.const 4)))
                      (br $vectors)))))
              (if (i32.eq (local.get $sW) (i32.const 2))
                (then
                  (block $done
                    (loop $vectors
                      (br_if $done (i32.gt_s (i32.add (local.get $ow) (i32.const 4)) (local.get $hi)))
                      ;; 8 input floats from column 2 * ow; keep the even ones
                      (v128.store (i32.add (local.get $col) (i32.shl (local.get $ow) (i32.const 2)))
                        (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
                          (v128.load (i32.add (local.get $inRow) (i32.shl (local.get $ow) (i32.const 3))))
                          (v128.load offset=16
                            (i32.add (local.get $inRow) (i32.shl (local.get $ow) (i32.const 3))))))
                      (local.set $ow (i32.add (local.get $ow) (i32.const 4)))
                      (br $vectors)))))
              (block $copyDone
                (loop $copy
                  (br_if $copyDone (i32.ge_s (local.get $ow) (local.get $hi)))
                  (f32.store (i32.add (local.get $col) (i32.shl (local.get $ow) (i32.const 2)))
                    (f32.load
                      (i32.add (local.get $inRow)
                        (i32.shl (i32.mul (local.get $ow) (local.get $sW)) (i32.const 2)))))
                  (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                  (br $copy)))
              (block $rightDone
                (loop $right
                  (br_if $rightDone (i32.ge_s (local.get $ow) (local.get $OW)))
                  (f32.store (i32.add (local.get $col) (i32.shl (local.get $ow) (i32.const 2))) (f32.const 0))
                  (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                  (br $right)))
              (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
              (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
              (br $rows)))
          ;; output rows of the band below the input: zeros
          (memory.fill (local.get $col) (i32.const 0)
            (i32.mul (i32.sub (local.get $ohEnd) (local.get $ohHi)) (local.get $rowBytes)))
          (local.set $col
            (i32.add (local.get $col)
              (i32.mul (i32.sub (local.get $ohEnd) (local.get $ohHi)) (local.get $rowBytes))))
          (br_if $kernelColumns
            (i32.lt_s (local.tee $kw (i32.add (local.get $kw) (i32.const 1))) (local.get $KW))))
        (br_if $kernelRows
          (i32.lt_s (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH))))
      (local.set $plane (i32.add (local.get $plane) (local.get $planeBytes)))
      (br_if $channels
        (i32.lt_s (local.tee $icg (i32.add (local.get $icg) (i32.const 1))) (local.get $Cg)))))

  ;; Adds every value of col (see above) into the input gradient at the position it was read from.
  (func (export "col2im") (param $col i32) (param $gradIn i32) (param $Cg i32) (param $H i32) (param $W i32)
      (param $KH i32) (param $KW i32) (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32)
      (param $padTop i32) (param $padLeft i32) (param $OW i32) (param $ohStart i32) (param $ohEnd i32)
    (local $icg i32) (local $kh i32) (local $kw i32) (local $plane i32) (local $ohLo i32) (local $ohHi i32)
    (local $lo i32) (local $hi i32) (local $oh i32) (local $ow i32) (local $inRow i32) (local $rowBytes i32)
    (local $planeBytes i32) (local $rowOffset i32) (local $colOffset i32) (local $src i32) (local $at i32)
    (local $bandBytes i32)
    (local.set $rowBytes (i32.shl (local.get $OW) (i32.const 2)))
    (local.set $bandBytes (i32.mul (i32.sub (local.get $ohEnd) (local.get $ohStart)) (local.get $rowBytes)))
    (local.set $planeBytes (i32.shl (i32.mul (local.get $H) (local.get $W)) (i32.const 2)))
    (local.set $plane (local.get $gradIn))
    (loop $channels
      (local.set $kh (i32.const 0))
      (loop $kernelRows
        (local.set $rowOffset (i32.sub (i32.mul (local.get $kh) (local.get $dH)) (local.get $padTop)))
        (local.set $ohLo
          (call $max (call $firstInside (local.get $rowOffset) (local.get $sH)) (local.get $ohStart)))
        (local.set $ohHi
          (call $min (call $endInside (local.get $rowOffset) (local.get $sH) (local.get $H)) (local.get $ohEnd)))
        (local.set $kw (i32.const 0))
        (loop $kernelColumns
          (local.set $colOffset (i32.sub (i32.mul (local.get $kw) (local.get $dW)) (local.get $padLeft)))
          (local.set $lo (call $firstInside (local.get $colOffset) (local.get $sW)))
          (local.set $hi
            (call $min (call $endInside (local.get $colOffset) (local.get $sW) (local.get $W)) (local.get $OW)))
          (local.set $oh (local.get $ohLo))
          (block $rowsDone
            (loop $rows
              (br_if $rowsDone (i32.ge_s (local.get $oh) (local.get $ohHi)))
              (local.set $inRow
                (i32.add (local.get $plane)
                  (i32.shl
                    (i32.add
                      (i32.mul
                        (i32.add (i32.mul (local.get $oh) (local.get $sH)) (local.get $rowOffset))
                        (local.get $W))
                      (local.get $colOffset))
                    (i32.const 2))))
              (local.set $src
                (i32.add (local.get $col)
                  (i32.mul (i32.sub (local.get $oh) (local.get $ohStart)) (local.get $rowBytes))))
              (local.set $ow (local.get $lo))
              (if (i32.eq (local.get $sW) (i32.const 1))
                (then
                  (block $done
                    (loop $vectors
                      (br_if $done (i32.gt_s (i32.add (local.get $ow) (i32.const 4)) (local.get $hi)))
                      (local.set $at (i32.add (local.get $inRow) (i32.shl (local.get $ow) (i32.const 2))))
                      (v128.store (local.get $at)
                        (f32x4.add (v128.load (local.get $at))
                          (v128.load (i32.add (local.get $src) (i32.shl (local.get $ow) (i32.const 2))))))
                      (local.set $ow (i32.add (local.get $ow) (i32.const 4)))
                      (br $vectors)))))
              (block $addDone
                (loop $add
                  (br_if $addDone (i32.ge_s (local.get $ow) (local.get $hi)))
                  (local.set $at
                    (i32.add (local.get $inRow)
                      (i32.shl (i32.mul (local.get $ow) (local.get $sW)) (i32.const 2))))
                  (f32.store (local.get $at)
                    (f32.add (f32.load (local.get $at))
                      (f32.load (i32.add (local.get $src) (i32.shl (local.get $ow) (i32.const 2))))))
                  (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                  (br $add)))
              (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
              (br $rows)))
          (local.set $col (i32.add (local.get $col) (local.get $bandBytes)))
          (br_if $kernelColumns
            (i32.lt_s (local.tee $kw (i32.add (local.get $kw) (i32.const 1))) (local.get $KW))))
        (br_if $kernelRows
          (i32.lt_s (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH))))
      (local.set $plane (i32.add (local.get $plane) (local.get $planeBytes)))
      (br_if $channels
        (i32.lt_s (local.tee $icg (i32.add (local.get $icg) (i32.const 1))) (local.get $Cg)))))
  ;; ---- Direct correlation of single planes (one input and one output channel per group) ----
  ;; For stride 1 and dilation 1 only; the JavaScript side (core/src/kernels/convDirectWasm.ts)
  ;; first copies the input plane into a zero-padded plane with padPlane, so the loops below need no
  ;; bounds: padded[r, c] = input[r - top, c - left] (zero outside), Hp = OH + KH - 1 rows and
  ;; Wp = roundUp4(OW) + KW - 1 columns, so four adjacent outputs always read inside the plane.

  ;; dst[r, c] = src[r - $top, c - $left] for r < $Hp, c < $Wp, zero where that is outside the
  ;; H x W source. Row-major, row strides W and Wp; $top and $left may be negative (cropping).
  (func (export "padPlane") (param $src i32) (param $H i32) (param $W i32) (param $top i32)
      (param $left i32) (param $dst i32) (param $Hp i32) (param $Wp i32)
    (local $r i32) (local $sr i32) (local $c0 i32) (local $c1 i32)
    (memory.fill (local.get $dst) (i32.const 0)
      (i32.shl (i32.mul (local.get $Hp) (local.get $Wp)) (i32.const 2)))
    ;; destination columns [c0, c1) come from source columns [c0 - left, c1 - left)
    (local.set $c0 (select (local.get $left) (i32.const 0) (i32.gt_s (local.get $left) (i32.const 0))))
    (local.set $c1 (i32.add (local.get $W) (local.get $left)))
    (if (i32.gt_s (local.get $c1) (local.get $Wp)) (then (local.set $c1 (local.get $Wp))))
    (if (i32.ge_s (local.get $c0) (local.get $c1)) (then (return)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $r) (local.get $Hp)))
        (local.set $sr (i32.sub (local.get $r) (local.get $top)))
        (if (i32.and (i32.ge_s (local.get $sr) (i32.const 0)) (i32.lt_s (local.get $sr) (local.get $H)))
          (then
            (memory.copy
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $r) (local.get $Wp)) (local.get $c0)) (i32.const 2)))
              (i32.add (local.get $src)
                (i32.shl
                  (i32.sub (i32.add (i32.mul (local.get $sr) (local.get $W)) (local.get $c0)) (local.get $left))
                  (i32.const 2)))
              (i32.shl (i32.sub (local.get $c1) (local.get $c0)) (i32.const 2)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; corrPlane for a 3x3 kernel: the nine broadcast weights stay in locals (registers) and each
  ;; group of four outputs takes nine unaligned loads from three padded rows.
  (func $corr3x3 (param $padded i32) (param $Wp i32) (param $w i32) (param $out i32) (param $OH i32)
      (param $OW i32) (param $accumulate i32) (param $bias f32)
    (local $oh i32) (local $ow i32) (local $at i32) (local $p i32) (local $rowBytes i32) (local $left i32)
    (local $acc v128) (local $b v128)
    (local $k00 v128) (local $k01 v128) (local $k02 v128) (local $k10 v128) (local $k11 v128)
    (local $k12 v128) (local $k20 v128) (local $k21 v128) (local $k22 v128)
    (local.set $k00 (v128.load32_splat (local.get $w)))
    (local.set $k01 (v128.load32_splat offset=4 (local.get $w)))
    (local.set $k02 (v128.load32_splat offset=8 (local.get $w)))
    (local.set $k10 (v128.load32_splat offset=12 (local.get $w)))
    (local.set $k11 (v128.load32_splat offset=16 (local.get $w)))
    (local.set $k12 (v128.load32_splat offset=20 (local.get $w)))
    (local.set $k20 (v128.load32_splat offset=24 (local.get $w)))
    (local.set $k21 (v128.load32_splat offset=28 (local.get $w)))
    (local.set $k22 (v128.load32_splat offset=32 (local.get $w)))
    (local.set $b (f32x4.splat (local.get $bias)))
    (local.set $rowBytes (i32.shl (local.get $Wp) (i32.const 2)))
    (local.set $at (local.get $out))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $p (i32.add (local.get $padded) (i32.mul (local.get $oh) (local.get $rowBytes))))
        (local.set $ow (i32.const 0))
        (loop $columns
          (local.set $acc
            (f32x4.add
              (select (result v128) (v128.load (local.get $at)) (local.get $b) (local.get $accumulate))
              (f32x4.add
                (f32x4.add (f32x4.mul (local.get $k00) (v128.load (local.get $p)))
                  (f32x4.add (f32x4.mul (local.get $k01) (v128.load offset=4 (local.get $p)))
                    (f32x4.mul (local.get $k02) (v128.load offset=8 (local.get $p)))))
                (f32x4.add
                  (f32x4.add
                    (f32x4.mul (local.get $k10) (v128.load (i32.add (local.get $p) (local.get $rowBytes))))
                    (f32x4.add
                      (f32x4.mul (local.get $k11) (v128.load offset=4 (i32.add (local.get $p) (local.get $rowBytes))))
                      (f32x4.mul (local.get $k12) (v128.load offset=8 (i32.add (local.get $p) (local.get $rowBytes))))))
                  (f32x4.add
                    (f32x4.mul (local.get $k20)
                      (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                    (f32x4.add
                      (f32x4.mul (local.get $k21)
                        (v128.load offset=4 (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                      (f32x4.mul (local.get $k22)
                        (v128.load offset=8 (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))))))))
          (local.set $left (i32.sub (local.get $OW) (local.get $ow)))
          (if (i32.ge_s (local.get $left) (i32.const 4))
            (then (v128.store (local.get $at) (local.get $acc)))
            (else
              (f32.store (local.get $at) (f32x4.extract_lane 0 (local.get $acc)))
              (if (i32.ge_s (local.get $left) (i32.const 2))
                (then (f32.store offset=4 (local.get $at) (f32x4.extract_lane 1 (local.get $acc)))))
              (if (i32.ge_s (local.get $left) (i32.const 3))
                (then (f32.store offset=8 (local.get $at) (f32x4.extract_lane 2 (local.get $acc)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $at (i32.add (local.get $at) (select (i32.const 16) (i32.shl (local.get $left) (i32.const 2))
            (i32.ge_s (local.get $left) (i32.const 4)))))
          (br_if $columns
            (i32.lt_s (local.tee $ow (i32.add (local.get $ow) (i32.const 4))) (local.get $OW))))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $rows))))

  ;; out[oh, ow] = init + sum over kh < KH, kw < KW of w[kh, kw] * padded[oh + kh, ow + kw] for the
  ;; OH x OW outputs (row-major, row stride OW), init = out[oh, ow] when $accumulate is nonzero and
  ;; $bias otherwise. Four adjacent outputs per f32x4; the last group of a row stores only its valid
  ;; lanes (and, accumulating, loads up to 3 floats past the row: the caller leaves room after out).
  ;; $splat receives the weights broadcast to f32x4, 16 bytes per tap.
  (func (export "corrPlane") (param $padded i32) (param $Wp i32) (param $w i32) (param $KH i32)
      (param $KW i32) (param $splat i32) (param $out i32) (param $OH i32) (param $OW i32)
      (param $accumulate i32) (param $bias f32)
    (local $t i32) (local $taps i32) (local $oh i32) (local $ow i32) (local $inRow i32) (local $at i32)
    (local $p i32) (local $tap i32) (local $kh i32) (local $kw i32) (local $rowBytes i32) (local $left i32)
    (local $acc v128) (local $b v128)
    (if (i32.and (i32.eq (local.get $KH) (i32.const 3)) (i32.eq (local.get $KW) (i32.const 3)))
      (then
        (call $corr3x3 (local.get $padded) (local.get $Wp) (local.get $w) (local.get $out) (local.get $OH)
          (local.get $OW) (local.get $accumulate) (local.get $bias))
        (return)))
    (local.set $taps (i32.mul (local.get $KH) (local.get $KW)))
    (loop $splats
      (v128.store
        (i32.add (local.get $splat) (i32.shl (local.get $t) (i32.const 4)))
        (f32x4.splat (f32.load (i32.add (local.get $w) (i32.shl (local.get $t) (i32.const 2))))))
      (br_if $splats (i32.lt_s (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $taps))))
    (local.set $b (f32x4.splat (local.get $bias)))
    (local.set $rowBytes (i32.shl (local.get $Wp) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $inRow (i32.add (local.get $padded) (i32.mul (local.get $oh) (local.get $rowBytes))))
        (local.set $ow (i32.const 0))
        (loop $columns
          (local.set $at
            (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $oh) (local.get $OW)) (local.get $ow)) (i32.const 2))))
          (local.set $acc
            (select (result v128) (v128.load (local.get $at)) (local.get $b) (local.get $accumulate)))
          (local.set $tap (local.get $splat))
          (local.set $kh (local.get $KH))
          (local.set $p (i32.add (local.get $inRow) (i32.shl (local.get $ow) (i32.const 2))))
          (loop $kernelRows
            (local.set $kw (local.get $KW))
            (loop $kernelColumns
              (local.set $acc
                (f32x4.add (local.get $acc)
                  (f32x4.mul (v128.load (local.get $tap)) (v128.load (local.get $p)))))
              (local.set $tap (i32.add (local.get $tap) (i32.const 16)))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br_if $kernelColumns (local.tee $kw (i32.sub (local.get $kw) (i32.const 1)))))
            (local.set $p
              (i32.add (local.get $p)
                (i32.sub (local.get $rowBytes) (i32.shl (local.get $KW) (i32.const 2)))))
            (br_if $kernelRows (local.tee $kh (i32.sub (local.get $kh) (i32.const 1)))))
          (local.set $left (i32.sub (local.get $OW) (local.get $ow)))
          (if (i32.ge_s (local.get $left) (i32.const 4))
            (then (v128.store (local.get $at) (local.get $acc)))
            (else
              (f32.store (local.get $at) (f32x4.extract_lane 0 (local.get $acc)))
              (if (i32.ge_s (local.get $left) (i32.const 2))
                (then (f32.store offset=4 (local.get $at) (f32x4.extract_lane 1 (local.get $acc)))))
              (if (i32.ge_s (local.get $left) (i32.const 3))
                (then (f32.store offset=8 (local.get $at) (f32x4.extract_lane 2 (local.get $acc)))))))
          (br_if $columns
            (i32.lt_s (local.tee $ow (i32.add (local.get $ow) (i32.const 4))) (local.get $OW))))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $rows))))

  ;; corrWeightGrad for a 3x3 kernel: one pass over the rows with the nine row sums in f32x4 locals,
  ;; each gradOut vector loaded once for all nine taps; the row sums go into f64 totals per row.
  (func $weightGrad3x3 (param $padded i32) (param $Wp i32) (param $gradOut i32) (param $OW4 i32)
      (param $OH i32) (param $result i32)
    (local $oh i32) (local $g i32) (local $p i32) (local $end i32) (local $rowBytes i32) (local $go v128)
    (local $a00 v128) (local $a01 v128) (local $a02 v128) (local $a10 v128) (local $a11 v128) (local $a12 v128) (local $a20 v128) (local $a21 v128) (local $a22 v128)
    (local $t00 v128) (local $t01 v128) (local $t02 v128) (local $t10 v128) (local $t11 v128) (local $t12 v128) (local $t20 v128) (local $t21 v128) (local $t22 v128)
    (local.set $rowBytes (i32.shl (local.get $Wp) (i32.const 2)))
    (local.set $g (local.get $gradOut))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $end (i32.add (local.get $g) (i32.shl (local.get $OW4) (i32.const 2))))
        (local.set $p (i32.add (local.get $padded) (i32.mul (local.get $oh) (local.get $rowBytes))))
        (local.set $a00 (v128.const i32x4 0 0 0 0))
        (local.set $a01 (v128.const i32x4 0 0 0 0))
        (local.set $a02 (v128.const i32x4 0 0 0 0))
        (local.set $a10 (v128.const i32x4 0 0 0 0))
        (local.set $a11 (v128.const i32x4 0 0 0 0))
        (local.set $a12 (v128.const i32x4 0 0 0 0))
        (local.set $a20 (v128.const i32x4 0 0 0 0))
        (local.set $a21 (v128.const i32x4 0 0 0 0))
        (local.set $a22 (v128.const i32x4 0 0 0 0))
        (loop $columns
          (local.set $go (v128.load (local.get $g)))
          (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $go) (v128.load (local.get $p)))))
          (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $go) (v128.load offset=4 (local.get $p)))))
          (local.set $a02 (f32x4.add (local.get $a02) (f32x4.mul (local.get $go) (v128.load offset=8 (local.get $p)))))
          (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $go) (v128.load (i32.add (local.get $p) (local.get $rowBytes))))))
          (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $go) (v128.load offset=4 (i32.add (local.get $p) (local.get $rowBytes))))))
          (local.set $a12 (f32x4.add (local.get $a12) (f32x4.mul (local.get $go) (v128.load offset=8 (i32.add (local.get $p) (local.get $rowBytes))))))
          (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $go) (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))))
          (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $go) (v128.load offset=4 (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))))
          (local.set $a22 (f32x4.add (local.get $a22) (f32x4.mul (local.get $go) (v128.load offset=8 (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $columns (i32.lt_u (local.tee $g (i32.add (local.get $g) (i32.const 16))) (local.get $end))))
        (local.set $t00 (f64x2.add (local.get $t00) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a00))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a00) (local.get $a00))))))
        (local.set $t01 (f64x2.add (local.get $t01) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a01))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a01) (local.get $a01))))))
        (local.set $t02 (f64x2.add (local.get $t02) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a02))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a02) (local.get $a02))))))
        (local.set $t10 (f64x2.add (local.get $t10) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a10))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a10) (local.get $a10))))))
        (local.set $t11 (f64x2.add (local.get $t11) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a11))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a11) (local.get $a11))))))
        (local.set $t12 (f64x2.add (local.get $t12) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a12))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a12) (local.get $a12))))))
        (local.set $t20 (f64x2.add (local.get $t20) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a20))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a20) (local.get $a20))))))
        (local.set $t21 (f64x2.add (local.get $t21) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a21))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a21) (local.get $a21))))))
        (local.set $t22 (f64x2.add (local.get $t22) (f64x2.add (f64x2.promote_low_f32x4 (local.get $a22))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a22) (local.get $a22))))))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $rows)))
    (f32.store (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t00)) (f64x2.extract_lane 1 (local.get $t00)))))
    (f32.store offset=4 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t01)) (f64x2.extract_lane 1 (local.get $t01)))))
    (f32.store offset=8 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t02)) (f64x2.extract_lane 1 (local.get $t02)))))
    (f32.store offset=12 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t10)) (f64x2.extract_lane 1 (local.get $t10)))))
    (f32.store offset=16 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t11)) (f64x2.extract_lane 1 (local.get $t11)))))
    (f32.store offset=20 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t12)) (f64x2.extract_lane 1 (local.get $t12)))))
    (f32.store offset=24 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t20)) (f64x2.extract_lane 1 (local.get $t20)))))
    (f32.store offset=28 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t21)) (f64x2.extract_lane 1 (local.get $t21)))))
    (f32.store offset=32 (local.get $result) (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $t22)) (f64x2.extract_lane 1 (local.get $t22))))))

  ;; The weight gradient of one plane: result[kh * KW + kw] = sum over oh < OH, ow < OW4 of
  ;; gradOut[oh, ow] * padded[oh + kh, ow + kw], gradOut row-major with row stride OW4 (a multiple of
  ;; 4, zero past the real columns), padded as above with row stride Wp. Each row is summed in f32x4
  ;; and the rows in f64, since a tap sums OH * OW terms. Results are written as f32.
  (func (export "corrWeightGrad") (param $padded i32) (param $Wp i32) (param $gradOut i32)
      (param $OW4 i32) (param $OH i32) (param $KH i32) (param $KW i32) (param $result i32)
    (local $kh i32) (local $kw i32) (local $oh i32) (local $g i32) (local $p i32) (local $end i32)
    (local $acc v128) (local $total v128)
    (if (i32.and (i32.eq (local.get $KH) (i32.const 3)) (i32.eq (local.get $KW) (i32.const 3)))
      (then
        (call $weightGrad3x3 (local.get $padded) (local.get $Wp) (local.get $gradOut) (local.get $OW4)
          (local.get $OH) (local.get $result))
        (return)))
    (loop $kernelRows
      (local.set $kw (i32.const 0))
      (loop $kernelColumns
        (local.set $total (f64x2.splat (f64.const 0)))
        (local.set $oh (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $oh) (local.get $OH)))
            (local.set $g
              (i32.add (local.get $gradOut)
                (i32.shl (i32.mul (local.get $oh) (local.get $OW4)) (i32.const 2))))
            (local.set $end (i32.add (local.get $g) (i32.shl (local.get $OW4) (i32.const 2))))
            (local.set $p
              (i32.add (local.get $padded)
                (i32.shl
                  (i32.add (i32.mul (i32.add (local.get $oh) (local.get $kh)) (local.get $Wp)) (local.get $kw))
                  (i32.const 2))))
            (local.set $acc (v128.const i32x4 0 0 0 0))
            (loop $columns
              (local.set $acc
                (f32x4.add (local.get $acc) (f32x4.mul (v128.load (local.get $g)) (v128.load (local.get $p)))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (br_if $columns
                (i32.lt_u (local.tee $g (i32.add (local.get $g) (i32.const 16))) (local.get $end))))
            (local.set $total
              (f64x2.add (local.get $total)
                (f64x2.add (f64x2.promote_low_f32x4 (local.get $acc))
                  (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $acc) (local.get $acc))))))
            (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
            (br $rows)))
        (f32.store (local.get $result)
          (f32.demote_f64
            (f64.add (f64x2.extract_lane 0 (local.get $total)) (f64x2.extract_lane 1 (local.get $total)))))
        (local.set $result (i32.add (local.get $result) (i32.const 4)))
        (br_if $kernelColumns (i32.lt_s (local.tee $kw (i32.add (local.get $kw) (i32.const 1))) (local.get $KW))))
      (br_if $kernelRows (i32.lt_s (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH)))))

  ;; ---------------------------------------------------------------------------------------------
  ;; Elementwise activations over n floats, four at a time (core/src/kernels/activation-wasm.ts). The
  ;; caller's regions are padded to a multiple of 16 floats, so the last pass may read and write up
  ;; to three floats past n (seven for the sigmoid, which does eight per pass), values the caller
  ;; ignores. $dst may equal $src (in place).

  ;; dst = 1 / (1 + exp(-src)). exp as Cephes' expf (float32, within a couple of ulp): t = -x clamped
  ;; to [-88, 88], n = t log2(e) rounded to nearest, r = t - n ln2 (ln2 in two parts), exp(r) by a
  ;; degree-7 polynomial, 2^n built in the exponent bits. Where -x > 88 the result is 0 (the true value is
  ;; below 6e-39); a NaN stays NaN (min and max propagate it).
  (func (export "sigmoid") (param $src i32) (param $dst i32) (param $n i32)
    (local $end i32)
    (local $t v128) (local $fx v128) (local $r v128) (local $z v128) (local $y v128) (local $pow2n v128)
    (local $k v128) (local $k2 v128)
    (local $t2 v128) (local $fx2 v128) (local $r2 v128) (local $z2 v128) (local $y2 v128) (local $pow2n2 v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        ;; two vectors per pass: their dependency chains interleave
        (local.set $t (f32x4.neg (v128.load (local.get $src))))
        ;; pmin / pmax are one instruction each; with t first, a NaN t passes through both
        (local.set $r
          (f32x4.pmax (f32x4.pmin (local.get $t) (v128.const f32x4 88 88 88 88))
            (v128.const f32x4 -88 -88 -88 -88)))
        ;; k = t log2(e) + 1.5 * 2^23 rounds to an integer n in k's low bits; fx = n as a float
        (local.set $k
          (f32x4.add (f32x4.mul (local.get $r) (v128.const f32x4 1.44269504088896341 1.44269504088896341
            1.44269504088896341 1.44269504088896341))
            (v128.const f32x4 12582912 12582912 12582912 12582912)))
        (local.set $fx (f32x4.sub (local.get $k) (v128.const f32x4 12582912 12582912 12582912 12582912)))
        (local.set $r
          (f32x4.sub (local.get $r) (f32x4.mul (local.get $fx) (v128.const f32x4 0.693359375 0.693359375
            0.693359375 0.693359375))))
        (local.set $r
          (f32x4.sub (local.get $r) (f32x4.mul (local.get $fx) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4
            -2.12194440e-4 -2.12194440e-4))))
        (local.set $z (f32x4.mul (local.get $r) (local.get $r)))
        (local.set $y (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
          (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
          (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
          (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
          (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
        (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r))
          (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
        (local.set $y
          (f32x4.add (f32x4.add (f32x4.mul (local.get $y) (local.get $z)) (local.get $r))
            (v128.const f32x4 1 1 1 1)))
        ;; 2^n: (n + 127) << 23 as the bits of a float (n is in [-127, 127] after the clamp); k's bits
        ;; are those of 1.5 * 2^23 plus n, whose bits above the low 9 the shift drops
        (local.set $pow2n
          (i32x4.shl (i32x4.add (local.get $k) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
        (local.set $y
          (f32x4.div (v128.const f32x4 1 1 1 1)
            (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $y) (local.get $pow2n)))))
        ;; zero where -x > 88, keeping NaN
        (v128.store (local.get $dst)
          (v128.andnot (local.get $y) (f32x4.gt (local.get $t) (v128.const f32x4 88 88 88 88))))
        (local.set $t2 (f32x4.neg (v128.load offset=16 (local.get $src))))
        ;; pmin / pmax are one instruction each; with t first, a NaN t passes through both
        (local.set $r2
          (f32x4.pmax (f32x4.pmin (local.get $t2) (v128.const f32x4 88 88 88 88))
            (v128.const f32x4 -88 -88 -88 -88)))
        ;; k = t log2(e) + 1.5 * 2^23 rounds to an integer n in k's low bits; fx = n as a float
        (local.set $k2
          (f32x4.add (f32x4.mul (local.get $r2) (v128.const f32x4 1.44269504088896341 1.44269504088896341
            1.44269504088896341 1.44269504088896341))
            (v128.const f32x4 12582912 12582912 12582912 12582912)))
        (local.set $fx2 (f32x4.sub (local.get $k2) (v128.const f32x4 12582912 12582912 12582912 12582912)))
        (local.set $r2
          (f32x4.sub (local.get $r2) (f32x4.mul (local.get $fx2) (v128.const f32x4 0.693359375 0.693359375
            0.693359375 0.693359375))))
        (local.set $r2
          (f32x4.sub (local.get $r2) (f32x4.mul (local.get $fx2) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4
            -2.12194440e-4 -2.12194440e-4))))
        (local.set $z2 (f32x4.mul (local.get $r2) (local.get $r2)))
        (local.set $y2 (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
        (local.set $y2 (f32x4.add (f32x4.mul (local.get $y2) (local.get $r2))
          (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
        (local.set $y2 (f32x4.add (f32x4.mul (local.get $y2) (local.get $r2))
          (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
        (local.set $y2 (f32x4.add (f32x4.mul (local.get $y2) (local.get $r2))
          (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
        (local.set $y2 (f32x4.add (f32x4.mul (local.get $y2) (local.get $r2))
          (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
        (local.set $y2 (f32x4.add (f32x4.mul (local.get $y2) (local.get $r2))
          (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
        (local.set $y2
          (f32x4.add (f32x4.add (f32x4.mul (local.get $y2) (local.get $z2)) (local.get $r2))
            (v128.const f32x4 1 1 1 1)))
        ;; 2^n: (n + 127) << 23 as the bits of a float (n is in [-127, 127] after the clamp); k's bits
        ;; are those of 1.5 * 2^23 plus n, whose bits above the low 9 the shift drops
        (local.set $pow2n2
          (i32x4.shl (i32x4.add (local.get $k2) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
        (local.set $y2
          (f32x4.div (v128.const f32x4 1 1 1 1)
            (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $y2) (local.get $pow2n2)))))
        ;; zero where -x > 88, keeping NaN
        (v128.store offset=16 (local.get $dst)
          (v128.andnot (local.get $y2) (f32x4.gt (local.get $t2) (v128.const f32x4 88 88 88 88))))
        (local.set $src (i32.add (local.get $src) (i32.const 32)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (br $vectors))))

  ;; dst = g * (1 - y) * y: the sigmoid's gradient from its output y. $dst may equal $g.
  (func (export "sigmoidGrad") (param $g i32) (param $y i32) (param $dst i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
        (local.set $v (v128.load (local.get $y)))
        (v128.store (local.get $dst)
          (f32x4.mul
            (f32x4.mul (v128.load (local.get $g)) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $v)))
            (local.get $v)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $vectors))))

  ;; dst = src where src > 0, else +0 (a NaN gives 0, as the JavaScript loop in ops/unary.ts).
  (func (export "relu") (param $src i32) (param $dst i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $v (v128.load (local.get $src)))
        (v128.store (local.get $dst)
          (v128.and (local.get $v) (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $vectors))))

  ;; dst = g where y > 0, else 0: the ReLU's gradient from its output y. $dst may equal $g.
  (func (export "reluGrad") (param $g i32) (param $y i32) (param $dst i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
        (v128.store (local.get $dst)
          (v128.and (v128.load (local.get $g)) (f32x4.gt (v128.load (local.get $y)) (v128.const f32x4 0 0 0 0))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $vectors))))

  ;; ---------------------------------------------------------------------------------------------
  ;; 2 x 2 average pooling with stride 2, every window inside the input (core/src/kernels/pool.ts):
  ;; $planes planes of H x W in, OH x OW out, row-major, output (oh, ow) the mean of input rows 2oh,
  ;; 2oh + 1 and columns 2ow, 2ow + 1. Four outputs per f32x4 while four fit in the row, the rest
  ;; one at a time, so nothing outside the planes is written.

  ;; dst = the mean of each window: (top-left + bottom-left) + (top-right + bottom-right), times 1/4.
  (func (export "avgPool2x2") (param $src i32) (param $dst i32) (param $planes i32) (param $H i32)
      (param $W i32) (param $OH i32) (param $OW i32)
    (local $plane i32) (local $oh i32) (local $ow i32) (local $top i32) (local $bottom i32)
    (local $s0 v128) (local $s1 v128)
    (block $planesDone
      (loop $planeLoop
        (br_if $planesDone (i32.ge_u (local.get $plane) (local.get $planes)))
        (local.set $oh (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $oh) (local.get $OH)))
            (local.set $top
              (i32.add (local.get $src)
                (i32.shl
                  (i32.add (i32.mul (local.get $plane) (i32.mul (local.get $H) (local.get $W)))
                    (i32.mul (i32.shl (local.get $oh) (i32.const 1)) (local.get $W)))
                  (i32.const 2))))
            (local.set $bottom (i32.add (local.get $top) (i32.shl (local.get $W) (i32.const 2))))
            (local.set $ow (i32.const 0))
            (block $vectorsDone
              (loop $vectors
                (br_if $vectorsDone (i32.gt_u (i32.add (local.get $ow) (i32.const 4)) (local.get $OW)))
                ;; column sums of input columns 2ow .. 2ow + 7
                (local.set $s0
                  (f32x4.add (v128.load (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))))
                    (v128.load (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))))))
                (local.set $s1
                  (f32x4.add
                    (v128.load offset=16 (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))))
                    (v128.load offset=16 (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))))))
                ;; even columns plus odd columns
                (v128.store (local.get $dst)
                  (f32x4.mul
                    (f32x4.add
                      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $s0) (local.get $s1))
                      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $s0) (local.get $s1)))
                    (v128.const f32x4 0.25 0.25 0.25 0.25)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $ow (i32.add (local.get $ow) (i32.const 4)))
                (br $vectors)))
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_u (local.get $ow) (local.get $OW)))
                (f32.store (local.get $dst)
                  (f32.mul
                    (f32.add
                      (f32.add (f32.load (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))))
                        (f32.load (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3)))))
                      (f32.add
                        (f32.load offset=4 (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))))
                        (f32.load offset=4 (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))))))
                    (f32.const 0.25)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                (br $tail)))
            (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
            (br $rows)))
        (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
        (br $planeLoop))))

  ;; The gradient: each output's gradient / 4 added to the four inputs of its window (the windows do
  ;; not overlap, so each input receives from at most one).
  (func (export "avgPool2x2Grad") (param $g i32) (param $dst i32) (param $planes i32) (param $H i32)
      (param $W i32) (param $OH i32) (param $OW i32)
    (local $plane i32) (local $oh i32) (local $ow i32) (local $top i32) (local $bottom i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $share f32)
    (block $planesDone
      (loop $planeLoop
        (br_if $planesDone (i32.ge_u (local.get $plane) (local.get $planes)))
        (local.set $oh (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $oh) (local.get $OH)))
            (local.set $top
              (i32.add (local.get $dst)
                (i32.shl
                  (i32.add (i32.mul (local.get $plane) (i32.mul (local.get $H) (local.get $W)))
                    (i32.mul (i32.shl (local.get $oh) (i32.const 1)) (local.get $W)))
                  (i32.const 2))))
            (local.set $bottom (i32.add (local.get $top) (i32.shl (local.get $W) (i32.const 2))))
            (local.set $ow (i32.const 0))
            (block $vectorsDone
              (loop $vectors
                (br_if $vectorsDone (i32.gt_u (i32.add (local.get $ow) (i32.const 4)) (local.get $OW)))
                (local.set $v (f32x4.mul (v128.load (local.get $g)) (v128.const f32x4 0.25 0.25 0.25 0.25)))
                ;; [g0 g0 g1 g1] and [g2 g2 g3 g3]
                (local.set $lo (i8x16.shuffle 0 1 2 3 0 1 2 3 4 5 6 7 4 5 6 7 (local.get $v) (local.get $v)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 8 9 10 11 12 13 14 15 12 13 14 15 (local.get $v) (local.get $v)))
                (v128.store (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))) (f32x4.add (v128.load (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $lo)))
                (v128.store offset=16 (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))) (f32x4.add (v128.load offset=16 (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $hi)))
                (v128.store (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))) (f32x4.add (v128.load (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $lo)))
                (v128.store offset=16 (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))) (f32x4.add (v128.load offset=16 (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $hi)))
                (local.set $g (i32.add (local.get $g) (i32.const 16)))
                (local.set $ow (i32.add (local.get $ow) (i32.const 4)))
                (br $vectors)))
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_u (local.get $ow) (local.get $OW)))
                (local.set $share (f32.mul (f32.load (local.get $g)) (f32.const 0.25)))
                (f32.store (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))) (f32.add (f32.load (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $share)))
                (f32.store offset=4 (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3))) (f32.add (f32.load offset=4 (i32.add (local.get $top) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $share)))
                (f32.store (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))) (f32.add (f32.load (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $share)))
                (f32.store offset=4 (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3))) (f32.add (f32.load offset=4 (i32.add (local.get $bottom) (i32.shl (local.get $ow) (i32.const 3)))) (local.get $share)))
                (local.set $g (i32.add (local.get $g) (i32.const 4)))
                (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                (br $tail)))
            (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
            (br $rows)))
        (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
        (br $planeLoop))))
)
