;; The three matrix products of a linear layer, as lib/autograd/matmul.ts computes them, in
;; WebAssembly with 128-bit SIMD: C += A·B, C += A·Bᵀ and C += Aᵀ·B on row-major float64 matrices
;; held in this module's memory. lib/autograd/matmul_wasm.ts copies the operands in and the result
;; out; `deno task build:wasm` turns this text into matmul.wasm.
;;
;; All three reduce to one routine, $gemm: C[n×m] += Σₜ A(i, t)·B(t, j), where A(i, t) sits at
;; a + i·ars + t·ats (so Aᵀ is A read with its two strides swapped), B(t, j) at b + t·bts + 8j,
;; and C is contiguous. C += A·Bᵀ first transposes B.
;;
;; $gemm computes C four rows by four columns at a time (a "register block"): eight f64x2
;; accumulators hold the 4 × 4 outputs while t runs, so each loaded pair of B values serves four
;; rows and each A value four columns. A multiply-add is f64x2.relaxed_madd, which V8 compiles to
;; one fused multiply-add on a CPU with FMA (rounding once, where JavaScript's a·b + c rounds
;; twice), or to a multiply and an add elsewhere. Leftover columns take blocks of two and one,
;; leftover rows repeat the block's first row and write into a spare row that is thrown away.
;;
;; Zeros are skipped as in the JavaScript kernels: for each block of four rows, $gemm lists the t
;; where at least one of the four A(·, t) is not zero, and the blocks run over that list. MNIST
;; pixels are 80 % zeros, ReLU outputs often half. Skipping a zero changes nothing when every B
;; value it would have met is finite (0·b = ±0); with a NaN or ±∞ in B nothing is skipped, so
;; 0·∞ = NaN propagates as in plain IEEE arithmetic.
;;
;; t runs in slices of $KC = 256 values, so that the slice of B a block of rows reads (256 rows of
;; B, 256 KiB for 128 columns) stays in the core's cache for the next block of rows.
;;
;; Pointers and offsets are in bytes; sizes count float64 values.
(module
  (memory (export "memory") 1)

  ;; t runs in slices of 256 values; a list holds one slice's entries, 40 bytes each: 10240 bytes.
  (global $KC i32 (i32.const 256))

  ;; 1 when the `len` float64 values at `p` are all finite, else 0.
  (func $allFinite (export "allFinite") (param $p i32) (param $len i32) (result i32)
    (local $end i32) (local $v v128) (local $ok v128) (local $x f64)
    (local.set $ok (v128.const i64x2 -1 -1))
    (local.set $end
      (i32.add (local.get $p) (i32.shl (i32.and (local.get $len) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; x − x is +0 for a finite x, NaN for ±∞ and NaN; NaN equals nothing, not even itself.
        (local.set $v (v128.load (local.get $p)))
        (local.set $v (f64x2.sub (local.get $v) (local.get $v)))
        (local.set $ok (v128.and (local.get $ok) (f64x2.eq (local.get $v) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $len) (i32.const 1))
      (then
        (local.set $x (f64.load (local.get $p)))
        (if (f64.ne (f64.sub (local.get $x) (local.get $x)) (f64.const 0))
          (then (return (i32.const 0))))))
    (i64x2.all_true (local.get $ok)))

  ;; dst[cols×rows] = src[rows×cols]ᵀ.
  (func $transpose (export "transpose")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $to i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $rows) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        ;; Row i of src becomes column i of dst.
        (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $col
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $cols)))
            (f64.store (local.get $to) (f64.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 8)))
            (local.set $to (i32.add (local.get $to) (local.get $stride)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $col)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

;; The register blocks. Each adds to C(ρ, ·) at cρ, for the four rows ρ = 0…3, the sum over a
  ;; list [list, end) of 40-byte entries, one per t: A(0, t)…A(3, t) as four f64, then the i32
  ;; offset of B(t, ·) from b.

  ;; Four rows by four columns: eight accumulators of two columns each.
  (func $block4x4
    (param $b i32) (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (param $list i32) (param $end i32)
    (local $bt i32) (local $x v128) (local $lo v128) (local $hi v128)
    (local $c0lo v128) (local $c0hi v128) (local $c1lo v128) (local $c1hi v128)
    (local $c2lo v128) (local $c2hi v128) (local $c3lo v128) (local $c3hi v128)
    (local.set $c0lo (v128.load (local.get $c0)))
    (local.set $c0hi (v128.load offset=16 (local.get $c0)))
    (local.set $c1lo (v128.load (local.get $c1)))
    (local.set $c1hi (v128.load offset=16 (local.get $c1)))
    (local.set $c2lo (v128.load (local.get $c2)))
    (local.set $c2hi (v128.load offset=16 (local.get $c2)))
    (local.set $c3lo (v128.load (local.get $c3)))
    (local.set $c3hi (v128.load offset=16 (local.get $c3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        (local.set $bt (i32.add (local.get $b) (i32.load offset=32 (local.get $list))))
        (local.set $lo (v128.load (local.get $bt)))
        (local.set $hi (v128.load offset=16 (local.get $bt)))
        (local.set $x (v128.load64_splat (local.get $list)))
        (local.set $c0lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c0lo)))
        (local.set $c0hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c0hi)))
        (local.set $x (v128.load64_splat offset=8 (local.get $list)))
        (local.set $c1lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c1lo)))
        (local.set $c1hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c1hi)))
        (local.set $x (v128.load64_splat offset=16 (local.get $list)))
        (local.set $c2lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c2lo)))
        (local.set $c2hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c2hi)))
        (local.set $x (v128.load64_splat offset=24 (local.get $list)))
        (local.set $c3lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c3lo)))
        (local.set $c3hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c3hi)))
        (local.set $list (i32.add (local.get $list) (i32.const 40)))
        (br $next)))
    (v128.store (local.get $c0) (local.get $c0lo))
    (v128.store offset=16 (local.get $c0) (local.get $c0hi))
    (v128.store (local.get $c1) (local.get $c1lo))
    (v128.store offset=16 (local.get $c1) (local.get $c1hi))
    (v128.store (local.get $c2) (local.get $c2lo))
    (v128.store offset=16 (local.get $c2) (local.get $c2hi))
    (v128.store (local.get $c3) (local.get $c3lo))
    (v128.store offset=16 (local.get $c3) (local.get $c3hi)))

  ;; The same block over `count` consecutive t, reading A in place, for a slice where no t is
  ;; skipped: A(ρ, t) at aρ and B(t, ·) at b, the pointers stepping by ats and bts bytes. Reading
  ;; A where it is, and keeping fewer values in registers, makes it 10-20 % faster.
  (func $span4x4
    (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $b i32)
    (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (param $ats i32) (param $bts i32) (param $count i32)
    (local $end i32) (local $x v128) (local $lo v128) (local $hi v128)
    (local $c0lo v128) (local $c0hi v128) (local $c1lo v128) (local $c1hi v128)
    (local $c2lo v128) (local $c2hi v128) (local $c3lo v128) (local $c3hi v128)
    (local.set $c0lo (v128.load (local.get $c0)))
    (local.set $c0hi (v128.load offset=16 (local.get $c0)))
    (local.set $c1lo (v128.load (local.get $c1)))
    (local.set $c1hi (v128.load offset=16 (local.get $c1)))
    (local.set $c2lo (v128.load (local.get $c2)))
    (local.set $c2hi (v128.load offset=16 (local.get $c2)))
    (local.set $c3lo (v128.load (local.get $c3)))
    (local.set $c3hi (v128.load offset=16 (local.get $c3)))
    (local.set $end (i32.add (local.get $a0) (i32.mul (local.get $count) (local.get $ats))))
    (if (local.get $count)
      (then
        (loop $next
          (local.set $lo (v128.load (local.get $b)))
          (local.set $hi (v128.load offset=16 (local.get $b)))
          (local.set $x (v128.load64_splat (local.get $a0)))
          (local.set $c0lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c0lo)))
          (local.set $c0hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c0hi)))
          (local.set $x (v128.load64_splat (local.get $a1)))
          (local.set $c1lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c1lo)))
          (local.set $c1hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c1hi)))
          (local.set $x (v128.load64_splat (local.get $a2)))
          (local.set $c2lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c2lo)))
          (local.set $c2hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c2hi)))
          (local.set $x (v128.load64_splat (local.get $a3)))
          (local.set $c3lo (f64x2.relaxed_madd (local.get $x) (local.get $lo) (local.get $c3lo)))
          (local.set $c3hi (f64x2.relaxed_madd (local.get $x) (local.get $hi) (local.get $c3hi)))
          (local.set $a0 (i32.add (local.get $a0) (local.get $ats)))
          (local.set $a1 (i32.add (local.get $a1) (local.get $ats)))
          (local.set $a2 (i32.add (local.get $a2) (local.get $ats)))
          (local.set $a3 (i32.add (local.get $a3) (local.get $ats)))
          (local.set $b (i32.add (local.get $b) (local.get $bts)))
          (br_if $next (i32.ne (local.get $a0) (local.get $end))))))
    (v128.store (local.get $c0) (local.get $c0lo))
    (v128.store offset=16 (local.get $c0) (local.get $c0hi))
    (v128.store (local.get $c1) (local.get $c1lo))
    (v128.store offset=16 (local.get $c1) (local.get $c1hi))
    (v128.store (local.get $c2) (local.get $c2lo))
    (v128.store offset=16 (local.get $c2) (local.get $c2hi))
    (v128.store (local.get $c3) (local.get $c3lo))
    (v128.store offset=16 (local.get $c3) (local.get $c3hi)))

  ;; Four rows by two columns.
  (func $block4x2
    (param $b i32) (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (param $list i32) (param $end i32)
    (local $y v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $s0 (v128.load (local.get $c0)))
    (local.set $s1 (v128.load (local.get $c1)))
    (local.set $s2 (v128.load (local.get $c2)))
    (local.set $s3 (v128.load (local.get $c3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        (local.set $y (v128.load (i32.add (local.get $b) (i32.load offset=32 (local.get $list)))))
        (local.set $s0 (f64x2.relaxed_madd
          (v128.load64_splat (local.get $list)) (local.get $y) (local.get $s0)))
        (local.set $s1 (f64x2.relaxed_madd
          (v128.load64_splat offset=8 (local.get $list)) (local.get $y) (local.get $s1)))
        (local.set $s2 (f64x2.relaxed_madd
          (v128.load64_splat offset=16 (local.get $list)) (local.get $y) (local.get $s2)))
        (local.set $s3 (f64x2.relaxed_madd
          (v128.load64_splat offset=24 (local.get $list)) (local.get $y) (local.get $s3)))
        (local.set $list (i32.add (local.get $list) (i32.const 40)))
        (br $next)))
    (v128.store (local.get $c0) (local.get $s0))
    (v128.store (local.get $c1) (local.get $s1))
    (v128.store (local.get $c2) (local.get $s2))
    (v128.store (local.get $c3) (local.get $s3)))

  ;; Four rows by one column: rows 0 and 1 share an accumulator, rows 2 and 3 another (an entry's
  ;; A values are already side by side).
  (func $block4x1
    (param $b i32) (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (param $list i32) (param $end i32)
    (local $y v128) (local $s01 v128) (local $s23 v128)
    (local.set $s01 (f64x2.replace_lane 1
      (v128.load64_zero (local.get $c0)) (f64.load (local.get $c1))))
    (local.set $s23 (f64x2.replace_lane 1
      (v128.load64_zero (local.get $c2)) (f64.load (local.get $c3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        (local.set $y
          (v128.load64_splat (i32.add (local.get $b) (i32.load offset=32 (local.get $list)))))
        (local.set $s01
          (f64x2.relaxed_madd (v128.load (local.get $list)) (local.get $y) (local.get $s01)))
        (local.set $s23
          (f64x2.relaxed_madd (v128.load offset=16 (local.get $list)) (local.get $y) (local.get $s23)))
        (local.set $list (i32.add (local.get $list) (i32.const 40)))
        (br $next)))
    (f64.store (local.get $c0) (f64x2.extract_lane 0 (local.get $s01)))
    (f64.store (local.get $c1) (f64x2.extract_lane 1 (local.get $s01)))
    (f64.store (local.get $c2) (f64x2.extract_lane 0 (local.get $s23)))
    (f64.store (local.get $c3) (f64x2.extract_lane 1 (local.get $s23))))

  ;; Writes the list of a slice t0 ≤ t < t1 for the rows at a0…a3 (A(ρ, t) at aρ + t·ats) from
  ;; `list`, and returns its end. With `all`, every t; otherwise only the t where one of the four
  ;; A(·, t) is not zero. Each entry is written, and kept (the end moves past it) only then, so
  ;; no branch depends on the data.
  (func $listSlice
    (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $ats i32)
    (param $bts i32) (param $t0 i32) (param $t1 i32) (param $list i32) (param $all i32)
    (result i32)
    (local $t i32) (local $at i32) (local $x0 i64) (local $x1 i64) (local $x2 i64) (local $x3 i64)
    (local.set $t (local.get $t0))
    (local.set $at (i32.mul (local.get $t0) (local.get $ats)))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $t) (local.get $t1)))
        ;; The values' bits, copied as they are.
        (local.set $x0 (i64.load (i32.add (local.get $a0) (local.get $at))))
        (local.set $x1 (i64.load (i32.add (local.get $a1) (local.get $at))))
        (local.set $x2 (i64.load (i32.add (local.get $a2) (local.get $at))))
        (local.set $x3 (i64.load (i32.add (local.get $a3) (local.get $at))))
        (i64.store (local.get $list) (local.get $x0))
        (i64.store offset=8 (local.get $list) (local.get $x1))
        (i64.store offset=16 (local.get $list) (local.get $x2))
        (i64.store offset=24 (local.get $list) (local.get $x3))
        (i32.store offset=32 (local.get $list) (i32.mul (local.get $t) (local.get $bts)))
        ;; Keep it unless all four are ±0: every bit but the sign is zero.
        (local.set $list (i32.add (local.get $list)
          (select (i32.const 40) (i32.const 0)
            (i32.or (local.get $all)
              (i64.ne (i64.shl
                (i64.or (i64.or (local.get $x0) (local.get $x1))
                        (i64.or (local.get $x2) (local.get $x3)))
                (i64.const 1)) (i64.const 0))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (local.get $ats)))
        (br $entry)))
    (local.get $list))

  ;; 1 if some t0 ≤ t < t1 has all four A(ρ, t) zero (A(ρ, t) at aρ + t·ats), so that a list would
  ;; leave it out; 0 if a list would keep every t. Reading is cheaper than writing the list, and
  ;; a dense slice needs none.
  (func $anySkip
    (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $ats i32)
    (param $t0 i32) (param $t1 i32) (result i32)
    (local $at i32) (local $end i32)
    (local.set $at (i32.mul (local.get $t0) (local.get $ats)))
    (local.set $end (i32.mul (local.get $t1) (local.get $ats)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (if (i64.eqz (i64.shl
              (i64.or
                (i64.or (i64.load (i32.add (local.get $a0) (local.get $at)))
                        (i64.load (i32.add (local.get $a1) (local.get $at))))
                (i64.or (i64.load (i32.add (local.get $a2) (local.get $at)))
                        (i64.load (i32.add (local.get $a3) (local.get $at)))))
              (i64.const 1)))
          (then (return (i32.const 1))))
        (local.set $at (i32.add (local.get $at) (local.get $ats)))
        (br $next)))
    (i32.const 0))

  ;; C[n×m] += Σₜ A(i, t)·B(t, j) for t < k, with A(i, t) at a + i·ars + t·ats, B(t, j) at
  ;; b + t·bts + 8j, B's k·m values contiguous, C contiguous at c. `work` holds the list (10240
  ;; bytes), then a spare row of C (8m bytes).
  (func $gemm
    (param $a i32) (param $ars i32) (param $ats i32) (param $b i32) (param $bts i32)
    (param $c i32) (param $n i32) (param $k i32) (param $m i32) (param $work i32)
    (local $list i32) (local $spare i32) (local $crs i32) (local $finite i32)
    (local $t0 i32) (local $t1 i32) (local $i i32) (local $j i32) (local $bj i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $end i32) (local $full i32) (local $listed i32) (local $at0 i32) (local $bt0 i32)
    (local.set $list (local.get $work))
    (local.set $spare (i32.add (local.get $work) (i32.const 10240)))
    (local.set $crs (i32.shl (local.get $m) (i32.const 3)))
    ;; Whether B is all finite: -1 until a zero in A asks.
    (local.set $finite (i32.const -1))
    (local.set $t0 (i32.const 0))
    (block $slicesDone
      (loop $slice
        (br_if $slicesDone (i32.ge_u (local.get $t0) (local.get $k)))
        (local.set $t1 (i32.add (local.get $t0) (global.get $KC)))
        (if (i32.gt_u (local.get $t1) (local.get $k)) (then (local.set $t1 (local.get $k))))
        (local.set $full (i32.add (local.get $list)
          (i32.mul (i32.sub (local.get $t1) (local.get $t0)) (i32.const 40))))
        (local.set $at0 (i32.mul (local.get $t0) (local.get $ats)))
        (local.set $bt0 (i32.mul (local.get $t0) (local.get $bts)))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
            ;; The block's four rows; past the last row of C, repeat row i into the spare row.
            (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
            (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $crs))))
            (local.set $a1 (local.get $a0))
            (local.set $a2 (local.get $a0))
            (local.set $a3 (local.get $a0))
            (local.set $c1 (local.get $spare))
            (local.set $c2 (local.get $spare))
            (local.set $c3 (local.get $spare))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
              (then
                (local.set $a1 (i32.add (local.get $a0) (local.get $ars)))
                (local.set $c1 (i32.add (local.get $c0) (local.get $crs)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $n))
              (then
                (local.set $a2 (i32.add (local.get $a1) (local.get $ars)))
                (local.set $c2 (i32.add (local.get $c1) (local.get $crs)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $n))
              (then
                (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
                (local.set $c3 (i32.add (local.get $c2) (local.get $crs)))))
            ;; A dense slice needs no list ($full stands for "every t"); otherwise list it.
            (local.set $end (local.get $full))
            (local.set $listed (call $anySkip
              (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $ats)
              (local.get $t0) (local.get $t1)))
            (if (local.get $listed)
              (then (local.set $end (call $listSlice
                (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $ats)
                (local.get $bts) (local.get $t0) (local.get $t1) (local.get $list) (i32.const 0)))))
            ;; Skipping is exact only if B is finite (0·∞ is NaN): check B once, the first time a t
            ;; is left out; if it is not, list every t.
            (if (i32.ne (local.get $end) (local.get $full))
              (then
                (if (i32.lt_s (local.get $finite) (i32.const 0))
                  (then (local.set $finite (call $allFinite (local.get $b)
                    (i32.mul (local.get $k) (local.get $m))))))
                (if (i32.eqz (local.get $finite))
                  (then (local.set $end (call $listSlice
                    (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
                    (local.get $ats) (local.get $bts) (local.get $t0) (local.get $t1)
                    (local.get $list) (i32.const 1)))))))
            ;; The columns: blocks of four, then one of two and one of one if m needs them. A full
            ;; list runs as a span over A in place; an empty one adds nothing.
            (if (i32.ne (local.get $end) (local.get $list))
              (then
                (local.set $j (i32.const 0))
                (block $colsDone
                  (loop $cols
                    (br_if $colsDone
                      (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $m)))
                    (local.set $bj (i32.shl (local.get $j) (i32.const 3)))
                    (if (i32.eq (local.get $end) (local.get $full))
                      (then
                        (call $span4x4
                          (i32.add (local.get $a0) (local.get $at0))
                          (i32.add (local.get $a1) (local.get $at0))
                          (i32.add (local.get $a2) (local.get $at0))
                          (i32.add (local.get $a3) (local.get $at0))
                          (i32.add (i32.add (local.get $b) (local.get $bj)) (local.get $bt0))
                          (i32.add (local.get $c0) (local.get $bj))
                          (i32.add (local.get $c1) (local.get $bj))
                          (i32.add (local.get $c2) (local.get $bj))
                          (i32.add (local.get $c3) (local.get $bj))
                          (local.get $ats) (local.get $bts)
                          (i32.sub (local.get $t1) (local.get $t0))))
                      (else
                        (call $block4x4
                          (i32.add (local.get $b) (local.get $bj))
                          (i32.add (local.get $c0) (local.get $bj))
                          (i32.add (local.get $c1) (local.get $bj))
                          (i32.add (local.get $c2) (local.get $bj))
                          (i32.add (local.get $c3) (local.get $bj))
                          (local.get $list) (local.get $end))))
                    (local.set $j (i32.add (local.get $j) (i32.const 4)))
                    (br $cols)))
                ;; The blocks of two and one columns always read a list.
                (if (i32.and (i32.lt_u (local.get $j) (local.get $m)) (i32.eqz (local.get $listed)))
                  (then (local.set $end (call $listSlice
                    (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
                    (local.get $ats) (local.get $bts) (local.get $t0) (local.get $t1)
                    (local.get $list) (i32.const 1)))))
                (if (i32.le_u (i32.add (local.get $j) (i32.const 2)) (local.get $m))
                  (then
                    (local.set $bj (i32.shl (local.get $j) (i32.const 3)))
                    (call $block4x2
                      (i32.add (local.get $b) (local.get $bj))
                      (i32.add (local.get $c0) (local.get $bj))
                      (i32.add (local.get $c1) (local.get $bj))
                      (i32.add (local.get $c2) (local.get $bj))
                      (i32.add (local.get $c3) (local.get $bj))
                      (local.get $list) (local.get $end))
                    (local.set $j (i32.add (local.get $j) (i32.const 2)))))
                (if (i32.lt_u (local.get $j) (local.get $m))
                  (then
                    (local.set $bj (i32.shl (local.get $j) (i32.const 3)))
                    (call $block4x1
                      (i32.add (local.get $b) (local.get $bj))
                      (i32.add (local.get $c0) (local.get $bj))
                      (i32.add (local.get $c1) (local.get $bj))
                      (i32.add (local.get $c2) (local.get $bj))
                      (i32.add (local.get $c3) (local.get $bj))
                      (local.get $list) (local.get $end))))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $rows)))
        (local.set $t0 (local.get $t1))
        (br $slice))))

  ;; The products. Each needs `work` bytes of scratch at the given offset, 16-byte aligned:
  ;; 10240 + 8·(columns of C), and for C += A·Bᵀ another 8km + 8 for Bᵀ.

  ;; C[n×m] += A[n×k]·B[k×m].
  (func (export "matmulAdd") (param $a i32) (param $b i32) (param $c i32)
    (param $n i32) (param $k i32) (param $m i32) (param $work i32)
    (call $gemm
      (local.get $a) (i32.shl (local.get $k) (i32.const 3)) (i32.const 8)
      (local.get $b) (i32.shl (local.get $m) (i32.const 3))
      (local.get $c) (local.get $n) (local.get $k) (local.get $m) (local.get $work)))

  ;; C[n×k] += A[n×m]·B[k×m]ᵀ, through Bᵀ[m×k] written at the end of `work`.
  (func (export "matmulAddBt") (param $a i32) (param $b i32) (param $c i32)
    (param $n i32) (param $m i32) (param $k i32) (param $work i32)
    (local $bt i32)
    (local.set $bt (i32.and (i32.const -16)
      (i32.add (i32.add (local.get $work) (i32.const 10255)) (i32.shl (local.get $k) (i32.const 3)))))
    (call $transpose (local.get $b) (local.get $bt) (local.get $k) (local.get $m))
    (call $gemm
      (local.get $a) (i32.shl (local.get $m) (i32.const 3)) (i32.const 8)
      (local.get $bt) (i32.shl (local.get $k) (i32.const 3))
      (local.get $c) (local.get $n) (local.get $m) (local.get $k) (local.get $work)))

  ;; C[k×m] += A[n×k]ᵀ·B[n×m]: row r of C runs down column r of A.
  (func (export "matmulAddAt") (param $a i32) (param $b i32) (param $c i32)
    (param $n i32) (param $k i32) (param $m i32) (param $work i32)
    (call $gemm
      (local.get $a) (i32.const 8) (i32.shl (local.get $k) (i32.const 3))
      (local.get $b) (i32.shl (local.get $m) (i32.const 3))
      (local.get $c) (local.get $k) (local.get $n) (local.get $m) (local.get $work))))
