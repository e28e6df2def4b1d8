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
;;
;; im2col and col2im (layouts as core/src/kernels/im2col.ts) are here too: in JavaScript they cost
;; ~1.4 ns per value, as much as the product itself on shape E; here the rows copy with f32x4.
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
        (i32.lt_s (local.tee $icg (i32.add (local.get $icg) (i32.const 1))) (local.get $Cg))))))
