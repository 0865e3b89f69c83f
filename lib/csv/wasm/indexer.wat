;; The CSV scanner's WebAssembly: one module, one memory holding the input
;; bytes (at offset 0), the structural index, and the row kernel's region.
;;
;; `index` writes the offset of every comma, line feed and double quote in
;; memory[start, end) as an i32 at `out`, in order, and returns how many it
;; wrote. 64 bytes per step with SIMD compares; the caller guarantees 64
;; readable bytes past `end` (they are masked off).
;;
;; `scan_rows` walks that index record by record, as IndexedScanner.next does,
;; and resolves each record's timestamp, level and three key fields to numbers,
;; and an error row's message to its template id (see lib/csv/row_kernel.ts
;; for the layout of its region), and with counts enabled sums the rows of
;; one hour per cell (lib/csv/kernel_counts.ts). It remembers what
;; bytes resolved to (and computes a timestamp of the last one's minute from
;; its seconds) and calls the host only for bytes it has not seen, so the
;; host's tables stay the one owner of every id. Any record it cannot settle
;; exactly as the JavaScript scanner would (a doubled quote in a key field, a
;; field count that does not match, no terminator yet, ...) ends the batch
;; there, untouched, for the JavaScript path.
;;
;; Rebuild lib/csv/indexer_wasm.ts after editing: `deno task build-wasm`.
(module
  (import "host" "timestamp" (func $host_timestamp (param i32 i32) (result f64)))
  (import "host" "level" (func $host_level (param i32 i32) (result i32)))
  (import "host" "key" (func $host_key (param i32 i32 i32) (result i32)))
  (import "host" "template" (func $host_template (param i32 i32 i32) (result i32)))

  (memory (export "memory") 1)
  (func (export "index") (param $start i32) (param $end i32) (param $out i32) (result i32)
    (local $i i32) (local $o i32) (local $m i64) (local $rem i32)
    (local.set $o (local.get $out))
    (local.set $i (local.get $start))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; 64 bytes per step: four 16-byte match masks in one i64, one branch per step.
        (local.set $m (i64.or
          (i64.or
            (i64.extend_i32_u (call $matches (local.get $i)))
            (i64.shl (i64.extend_i32_u (call $matches (i32.add (local.get $i) (i32.const 16)))) (i64.const 16)))
          (i64.or
            (i64.shl (i64.extend_i32_u (call $matches (i32.add (local.get $i) (i32.const 32)))) (i64.const 32))
            (i64.shl (i64.extend_i32_u (call $matches (i32.add (local.get $i) (i32.const 48)))) (i64.const 48)))))
        ;; Drop matches at or past `end`.
        (local.set $rem (i32.sub (local.get $end) (local.get $i)))
        (if (i32.lt_u (local.get $rem) (i32.const 64))
          (then
            (local.set $m (i64.and
              (local.get $m)
              (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $rem))) (i64.const 1))))))
        (block $empty
          (loop $bits
            (br_if $empty (i64.eqz (local.get $m)))
            (i32.store (local.get $o) (i32.add (local.get $i) (i32.wrap_i64 (i64.ctz (local.get $m)))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $m (i64.and (local.get $m) (i64.sub (local.get $m) (i64.const 1))))
            (br $bits)))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $blocks)))
    (i32.shr_u (i32.sub (local.get $o) (local.get $out)) (i32.const 2)))

  ;; Bit k set when byte k of memory[at, at + 16) is a comma, line feed or quote.
  (func $matches (param $at i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load align=1 (local.get $at)))
    (i8x16.bitmask (v128.or
      (v128.or
        (i8x16.eq (local.get $v) (i8x16.splat (i32.const 44)))
        (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10))))
      (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))))))


  ;; ---- row kernel -------------------------------------------------------
  ;; Region layout, relative to $kb (mirrored in lib/csv/row_kernel.ts):
  ;;   0  i32 config: field count, columns (timestamp, level, key 0..2,
  ;;      message, error type), max record bytes, limit, stop at, events
  ;;      address, event count, [out] position, [out] cursor, last ts length
  ;;   64 f64 last timestamp value     128 last timestamp bytes (64)
  ;;   256 blank byte table (256)      512 field starts, 768 ends, 1024 quoting (64 fields)
  ;;   1088 error levels: one byte per level index, 1 for an error level
  ;;   2048 level memo: 64 × (i64 bytes, i32 length + 1, i32 level)
  ;;   3072 minute: i32 length (-1: none), i32 fraction digits, i32 fixed zone,
  ;;      3088 f64 value at :00.000, 3104 its bytes (48)
  ;;   4096 out f64 timestamps (256 rows)   8192 out i32 rows (256 × 13)
  ;;   32768 key caches: 3 × 16384 slots × 48 bytes
  ;;      (i32 length + 1, i32 id, 8 bytes unused, the key's 32 bytes zero-padded)
  ;;   2392064 template cache: 4096 slots × 144 bytes
  ;;      (i32 length + 1, i32 template id, 8 bytes unused, the message's 128 bytes)
  ;;   2981888 counts (when enabled): rows of one hour summed per cell, for the
  ;;      host to take at once (lib/csv/kernel_counts.ts):
  ;;      +0 i32 enabled, +4 i32 has hour, +8 f64 hour number,
  ;;      +16 i32 touched minute cells, +20 key 1 cells, +24 key 2 cells,
  ;;      +28 [out] line feeds of rows counted and not written,
  ;;      +32 [out] stop reason (1 rows full, 2 counts to take), +36 [out] rows written;
  ;;      +64 f64 first and last time of key 0 (32 each), key 1, key 2 (512 each);
  ;;      +16960 i32 rows per (minute of the hour × 32 + key 0) × 8 + level;
  ;;      +78400, +602688 i32 rows per (key 1 or 2 × 32 + key 0) × 8 + level;
  ;;      +1126976, +1188416, +1712704 i32 touched cells, in first-touch order
  (global $kb (mut i32) (i32.const 0))
  (func (export "set_kernel_base") (param $base i32)
    (global.set $kb (local.get $base)))

  ;; The `valid` first bytes at `addr` as an i64, zero above them.
  (func $word (param $addr i32) (param $valid i32) (result i64)
    (if (i32.ge_s (local.get $valid) (i32.const 8))
      (then (return (i64.load align=1 (local.get $addr)))))
    (if (i32.le_s (local.get $valid) (i32.const 0))
      (then (return (i64.const 0))))
    (i64.and
      (i64.load align=1 (local.get $addr))
      (i64.sub
        (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $valid) (i32.const 3))))
        (i64.const 1))))

  (func $is_blank (param $byte i32) (result i32)
    (i32.load8_u offset=256 (i32.add (global.get $kb) (local.get $byte))))

  ;; Whether memory[a, a + len) equals memory[b, b + len).
  (func $same_bytes (param $a i32) (param $b i32) (param $len i32) (result i32)
    (local $i i32)
    (block $differ
      (loop $words
        (if (i32.ge_s (i32.sub (local.get $len) (local.get $i)) (i32.const 8))
          (then
            (br_if $differ (i64.ne
              (i64.load align=1 (i32.add (local.get $a) (local.get $i)))
              (i64.load align=1 (i32.add (local.get $b) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $words))))
      (return (i64.eq
        (call $word (i32.add (local.get $a) (local.get $i)) (i32.sub (local.get $len) (local.get $i)))
        (call $word (i32.add (local.get $b) (local.get $i)) (i32.sub (local.get $len) (local.get $i))))))
    (i32.const 0))

  ;; The timestamp of memory[s, e): the last one's value when the bytes repeat,
  ;; the last minute's value plus seconds and fraction when only those differ
  ;; (see $keep_minute), else the host's.
  (func $timestamp (param $s i32) (param $e i32) (result f64)
    (local $kb i32) (local $len i32) (local $value f64) (local $ms i32)
    (local.set $kb (global.get $kb))
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (if (i32.and
          (i32.eq (local.get $len) (i32.load offset=60 (local.get $kb)))
          (i32.le_s (local.get $len) (i32.const 64)))
      (then
        (if (call $same_bytes (local.get $s) (i32.add (local.get $kb) (i32.const 128)) (local.get $len))
          (then (return (f64.load offset=64 (local.get $kb)))))))
    (local.set $ms (i32.const -1))
    (if (i32.eq (local.get $len) (i32.load offset=3072 (local.get $kb)))
      (then (local.set $ms (call $in_minute (local.get $s) (local.get $len)))))
    (if (i32.ge_s (local.get $ms) (i32.const 0))
      (then
        (local.set $value (f64.add
          (f64.load offset=3088 (local.get $kb))
          (f64.convert_i32_s (local.get $ms)))))
      (else
        (local.set $value (call $host_timestamp (local.get $s) (local.get $e)))
        (if (f64.eq (local.get $value) (local.get $value))
          (then (call $keep_minute (local.get $s) (local.get $e) (local.get $value))))))
    (if (i32.le_s (local.get $len) (i32.const 64))
      (then
        (memory.copy (i32.add (local.get $kb) (i32.const 128)) (local.get $s) (local.get $len))
        (i32.store offset=60 (local.get $kb) (local.get $len))
        (f64.store offset=64 (local.get $kb) (local.get $value))))
    (local.get $value))

  ;; Mirrors isoFractionDigits (lib/time/timestamp.ts): the fraction digits of
  ;; an ISO-like timestamp `YYYY?MM?DD?HH:MM:SS[.f…]`, 0 without, -1 when not one.
  (func $iso_fraction_digits (param $s i32) (param $e i32) (result i32)
    (local $b4 i32) (local $b10 i32) (local $i i32) (local $at i32) (local $n i32) (local $d i32)
    (if (i32.lt_s (i32.sub (local.get $e) (local.get $s)) (i32.const 19)) (then (return (i32.const -1))))
    (local.set $b4 (i32.load8_u offset=4 (local.get $s)))
    (if (i32.and (i32.ne (local.get $b4) (i32.const 0x2d)) (i32.ne (local.get $b4) (i32.const 0x2f)))
      (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u offset=7 (local.get $s)) (local.get $b4)) (then (return (i32.const -1))))
    (local.set $b10 (i32.load8_u offset=10 (local.get $s)))
    (if (i32.and
          (i32.ne (local.get $b10) (i32.const 0x20))
          (i32.and (i32.ne (local.get $b10) (i32.const 0x54)) (i32.ne (local.get $b10) (i32.const 0x74))))
      (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u offset=13 (local.get $s)) (i32.const 0x3a)) (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u offset=16 (local.get $s)) (i32.const 0x3a)) (then (return (i32.const -1))))
    (loop $year
      (if (i32.gt_u (i32.sub (i32.load8_u (i32.add (local.get $s) (local.get $i))) (i32.const 0x30)) (i32.const 9))
        (then (return (i32.const -1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $year (i32.lt_s (local.get $i) (i32.const 4))))
    (local.set $at (i32.add (local.get $s) (i32.const 19)))
    (if (i32.eq (local.get $at) (local.get $e)) (then (return (i32.const 0))))
    (local.set $d (i32.load8_u (local.get $at)))
    (if (i32.and (i32.ne (local.get $d) (i32.const 0x2e)) (i32.ne (local.get $d) (i32.const 0x2c)))
      (then (return (i32.const 0))))
    (block $done
      (loop $digits
        (br_if $done (i32.ge_s (i32.add (i32.add (local.get $at) (i32.const 1)) (local.get $n)) (local.get $e)))
        (br_if $done (i32.ge_s (local.get $n) (i32.const 9)))
        (br_if $done (i32.gt_u
          (i32.sub (i32.load8_u (i32.add (i32.add (local.get $at) (i32.const 1)) (local.get $n))) (i32.const 0x30))
          (i32.const 9)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $digits)))
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const -1)) (else (local.get $n))))

  ;; Mirrors isoSecondsMs (lib/time/timestamp.ts): SS × 1000 plus the first
  ;; three fraction digits, or -1 when they are not digits or SS is past 59.
  (func $seconds_ms (param $s i32) (param $digits i32) (result i32)
    (local $hi i32) (local $lo i32) (local $ms i32) (local $k i32) (local $d i32)
    (local.set $hi (i32.sub (i32.load8_u offset=17 (local.get $s)) (i32.const 0x30)))
    (local.set $lo (i32.sub (i32.load8_u offset=18 (local.get $s)) (i32.const 0x30)))
    (if (i32.or (i32.gt_u (local.get $hi) (i32.const 9)) (i32.gt_u (local.get $lo) (i32.const 9)))
      (then (return (i32.const -1))))
    (if (i32.gt_u (i32.add (i32.mul (local.get $hi) (i32.const 10)) (local.get $lo)) (i32.const 59))
      (then (return (i32.const -1))))
    (loop $fraction
      (local.set $d (i32.const 0))
      (if (i32.lt_s (local.get $k) (local.get $digits))
        (then
          (local.set $d (i32.sub
            (i32.load8_u offset=20 (i32.add (local.get $s) (local.get $k)))
            (i32.const 0x30)))
          (if (i32.gt_u (local.get $d) (i32.const 9)) (then (return (i32.const -1))))))
      (if (i32.lt_s (local.get $k) (i32.const 3))
        (then (local.set $ms (i32.add (i32.mul (local.get $ms) (i32.const 10)) (local.get $d)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $fraction (i32.or (i32.lt_s (local.get $k) (i32.const 3)) (i32.lt_s (local.get $k) (local.get $digits)))))
    (i32.add
      (i32.mul (i32.add (i32.mul (local.get $hi) (i32.const 10)) (local.get $lo)) (i32.const 1000))
      (local.get $ms)))

  ;; The seconds and fraction in ms of a timestamp of the kept minute (bytes
  ;; equal but those), or -1.
  (func $in_minute (param $s i32) (param $len i32) (result i32)
    (local $kb i32) (local $digits i32) (local $tail i32)
    (local.set $kb (global.get $kb))
    (if (i32.eqz (call $same_bytes (local.get $s) (i32.add (local.get $kb) (i32.const 3104)) (i32.const 17)))
      (then (return (i32.const -1))))
    (local.set $digits (i32.load offset=3076 (local.get $kb)))
    (local.set $tail (i32.const 19))
    (if (i32.gt_s (local.get $digits) (i32.const 0))
      (then
        (if (i32.ne
              (i32.load8_u offset=19 (local.get $s))
              (i32.load8_u offset=3123 (local.get $kb)))
          (then (return (i32.const -1))))
        (local.set $tail (i32.add (i32.const 20) (local.get $digits)))))
    (if (i32.eqz (call $same_bytes
          (i32.add (local.get $s) (local.get $tail))
          (i32.add (i32.add (local.get $kb) (i32.const 3104)) (local.get $tail))
          (i32.sub (local.get $len) (local.get $tail))))
      (then (return (i32.const -1))))
    (call $seconds_ms (local.get $s) (local.get $digits)))

  ;; Mirrors TimestampCache's #keepMinute: keeps a parsed timestamp's minute
  ;; when its value is linear in seconds and fraction (an ISO-like layout, and
  ;; a fixed zone or the timestamp's own offset).
  (func $keep_minute (param $s i32) (param $e i32) (param $value f64)
    (local $kb i32) (local $len i32) (local $digits i32) (local $tail i32) (local $ms i32)
    (local.set $kb (global.get $kb))
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (i32.store offset=3072 (local.get $kb) (i32.const -1))
    (if (i32.gt_s (local.get $len) (i32.const 48)) (then (return)))
    (local.set $digits (call $iso_fraction_digits (local.get $s) (local.get $e)))
    (if (i32.lt_s (local.get $digits) (i32.const 0)) (then (return)))
    (if (i32.eq (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 0x20)) (then (return)))
    (local.set $tail (select (i32.add (i32.const 20) (local.get $digits)) (i32.const 19)
      (i32.gt_s (local.get $digits) (i32.const 0))))
    (if (i32.and
          (i32.le_s (local.get $len) (local.get $tail))
          (i32.eqz (i32.load offset=3080 (local.get $kb))))
      (then (return)))
    (local.set $ms (call $seconds_ms (local.get $s) (local.get $digits)))
    (if (i32.lt_s (local.get $ms) (i32.const 0)) (then (return)))
    (memory.copy (i32.add (local.get $kb) (i32.const 3104)) (local.get $s) (local.get $len))
    (i32.store offset=3076 (local.get $kb) (local.get $digits))
    (f64.store offset=3088 (local.get $kb)
      (f64.sub (local.get $value) (f64.convert_i32_s (local.get $ms))))
    (i32.store offset=3072 (local.get $kb) (local.get $len)))

  ;; The level of memory[s, e), from the memo or the host.
  (func $level (param $s i32) (param $e i32) (result i32)
    (local $len i32) (local $bytes i64) (local $entry i32) (local $level i32)
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (if (i32.gt_s (local.get $len) (i32.const 8))
      (then (return (call $host_level (local.get $s) (local.get $e)))))
    (local.set $bytes (call $word (local.get $s) (local.get $len)))
    (local.set $entry (i32.add
      (i32.add (global.get $kb) (i32.const 2048))
      (i32.shl
        (i32.wrap_i64 (i64.shr_u
          (i64.mul (i64.xor (local.get $bytes) (i64.extend_i32_u (local.get $len)))
            (i64.const 0x9E3779B97F4A7C15))
          (i64.const 58)))
        (i32.const 4))))
    (if (i32.and
          (i64.eq (i64.load (local.get $entry)) (local.get $bytes))
          (i32.eq (i32.load offset=8 (local.get $entry)) (i32.add (local.get $len) (i32.const 1))))
      (then (return (i32.load offset=12 (local.get $entry)))))
    (local.set $level (call $host_level (local.get $s) (local.get $e)))
    (i64.store (local.get $entry) (local.get $bytes))
    (i32.store offset=8 (local.get $entry) (i32.add (local.get $len) (i32.const 1)))
    (i32.store offset=12 (local.get $entry) (local.get $level))
    (local.get $level))

  ;; The id of key memory[s, e) of dimension `dim`, from the cache or the host.
  ;; Keys up to 32 bytes are cached: their bytes as two 16-byte vectors,
  ;; zero past the key's end.
  (func $key (param $dim i32) (param $s i32) (param $e i32) (result i32)
    (local $len i32) (local $lo v128) (local $hi v128) (local $n v128) (local $h i64)
    (local $slot i32) (local $id i32)
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (if (i32.gt_u (local.get $len) (i32.const 32))
      (then (return (call $host_key (local.get $dim) (local.get $s) (local.get $e)))))
    ;; Byte i of a vector is kept when i < the bytes left for it.
    (local.set $n (i8x16.splat (local.get $len)))
    (local.set $lo (v128.and
      (v128.load align=1 (local.get $s))
      (i8x16.gt_u (local.get $n) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))))
    ;; Most keys fit the first vector: the second is then zero.
    (if (i32.gt_u (local.get $len) (i32.const 16))
      (then
        (local.set $hi (v128.and
          (v128.load offset=16 align=1 (local.get $s))
          (i8x16.gt_u
            (i8x16.sub_sat_u (local.get $n) (i8x16.splat (i32.const 16)))
            (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))))))
    (local.set $h (i64.xor
      (i64.xor
        (i64.mul
          (i64.xor (i64x2.extract_lane 0 (local.get $lo)) (i64.extend_i32_u (local.get $len)))
          (i64.const 0x9E3779B97F4A7C15))
        (i64.mul (i64x2.extract_lane 1 (local.get $lo)) (i64.const 0xC2B2AE3D27D4EB4F)))
      (i64.xor
        (i64.mul (i64x2.extract_lane 0 (local.get $hi)) (i64.const 0x165667B19E3779F9))
        (i64.mul (i64x2.extract_lane 1 (local.get $hi)) (i64.const 0x27D4EB2F165667C5)))))
    (local.set $slot (i32.add
      (i32.add (global.get $kb) (i32.const 32768))
      (i32.add
        (i32.mul (local.get $dim) (i32.const 786432))
        (i32.mul
          (i32.wrap_i64 (i64.shr_u (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))) (i64.const 50)))
          (i32.const 48)))))
    (if (i32.and
          (i32.eq (i32.load (local.get $slot)) (i32.add (local.get $len) (i32.const 1)))
          (i32.eqz (v128.any_true (v128.or
            (v128.xor (local.get $lo) (v128.load offset=16 (local.get $slot)))
            (v128.xor (local.get $hi) (v128.load offset=32 (local.get $slot)))))))
      (then (return (i32.load offset=4 (local.get $slot)))))
    (local.set $id (call $host_key (local.get $dim) (local.get $s) (local.get $e)))
    (i32.store (local.get $slot) (i32.add (local.get $len) (i32.const 1)))
    (i32.store offset=4 (local.get $slot) (local.get $id))
    (v128.store offset=16 (local.get $slot) (local.get $lo))
    (v128.store offset=32 (local.get $slot) (local.get $hi))
    (local.get $id))

  ;; The template id of an error row's message, whose trimmed content is
  ;; memory[s, e) and whose span as $span wrote it is at `out` (start, end,
  ;; quoting): from the cache, or the host's, which reads the span as the
  ;; JavaScript path does. Messages of up to 128 bytes without doubled quotes
  ;; are cached by their trimmed bytes (an absent message is the empty one).
  (func $template (param $s i32) (param $e i32) (param $out i32) (result i32)
    (local $len i32) (local $h i64) (local $i i32) (local $slot i32) (local $id i32)
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (if (i32.or
          (i32.gt_u (local.get $len) (i32.const 128))
          (i32.eq (i32.load offset=8 (local.get $out)) (i32.const 2)))
      (then (return (call $host_template
        (i32.load (local.get $out))
        (i32.load offset=4 (local.get $out))
        (i32.load offset=8 (local.get $out))))))
    (local.set $h (i64.extend_i32_u (local.get $len)))
    (block $hashed
      (loop $words
        (br_if $hashed (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $h (i64.mul
          (i64.xor
            (local.get $h)
            (call $word (i32.add (local.get $s) (local.get $i)) (i32.sub (local.get $len) (local.get $i))))
          (i64.const 0x9E3779B97F4A7C15)))
        (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $words)))
    (local.set $slot (i32.add
      (i32.add (global.get $kb) (i32.const 2392064))
      (i32.mul (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 52))) (i32.const 144))))
    (if (i32.eq (i32.load (local.get $slot)) (i32.add (local.get $len) (i32.const 1)))
      (then
        (if (call $same_bytes (i32.add (local.get $slot) (i32.const 16)) (local.get $s) (local.get $len))
          (then (return (i32.load offset=4 (local.get $slot)))))))
    (local.set $id (call $host_template
      (i32.load (local.get $out))
      (i32.load offset=4 (local.get $out))
      (i32.load offset=8 (local.get $out))))
    (i32.store (local.get $slot) (i32.add (local.get $len) (i32.const 1)))
    (i32.store offset=4 (local.get $slot) (local.get $id))
    (memory.copy (i32.add (local.get $slot) (i32.const 16)) (local.get $s) (local.get $len))
    (local.get $id))

  ;; Column `col`'s content without blank bytes at either end, as (start,
  ;; end); (0, 0) for an absent column (col < 0).
  (func $trimmed (param $col i32) (result i32 i32)
    (local $s i32) (local $e i32)
    (if (i32.lt_s (local.get $col) (i32.const 0)) (then (return (i32.const 0) (i32.const 0))))
    (local.set $s (i32.load offset=512 (i32.add (global.get $kb) (i32.shl (local.get $col) (i32.const 2)))))
    (local.set $e (i32.load offset=768 (i32.add (global.get $kb) (i32.shl (local.get $col) (i32.const 2)))))
    ;; Most fields have no blank edge: two table lookups settle it. (Nested:
    ;; i32.or evaluates both sides, and an empty field at 0 has no byte at e - 1.)
    (if (i32.ge_s (local.get $s) (local.get $e)) (then (return (local.get $s) (local.get $e))))
    (if (i32.eqz (i32.or
          (call $is_blank (i32.load8_u (local.get $s)))
          (call $is_blank (i32.load8_u (i32.sub (local.get $e) (i32.const 1))))))
      (then (return (local.get $s) (local.get $e))))
    (block $done
      (loop $trim
        (br_if $done (i32.ge_s (local.get $s) (local.get $e)))
        (br_if $done (i32.eqz (call $is_blank (i32.load8_u (local.get $s)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $trim)))
    (block $done
      (loop $trim
        (br_if $done (i32.le_s (local.get $e) (local.get $s)))
        (br_if $done (i32.eqz (call $is_blank (i32.load8_u (i32.sub (local.get $e) (i32.const 1))))))
        (local.set $e (i32.sub (local.get $e) (i32.const 1)))
        (br $trim)))
    (local.get $s) (local.get $e))

  ;; Whether column `col` (if any) holds doubled quotes, which need unescaping.
  (func $escaped (param $col i32) (result i32)
    (if (i32.lt_s (local.get $col) (i32.const 0)) (then (return (i32.const 0))))
    (i32.eq
      (i32.load8_u offset=1024 (i32.add (global.get $kb) (local.get $col)))
      (i32.const 2)))

  ;; Writes a span column's start, end and quoting (-1, -1, 0 when absent) at `out`.
  (func $span (param $col i32) (param $out i32)
    (local $at i32)
    (if (i32.lt_s (local.get $col) (i32.const 0))
      (then
        (i32.store (local.get $out) (i32.const -1))
        (i32.store offset=4 (local.get $out) (i32.const -1))
        (i32.store offset=8 (local.get $out) (i32.const 0))
        (return)))
    (local.set $at (i32.add (global.get $kb) (i32.shl (local.get $col) (i32.const 2))))
    (i32.store (local.get $out) (i32.load offset=512 (local.get $at)))
    (i32.store offset=4 (local.get $out) (i32.load offset=768 (local.get $at)))
    (i32.store offset=8 (local.get $out)
      (i32.load8_u offset=1024 (i32.add (global.get $kb) (local.get $col)))))

  ;; Adds a row to cell `idx` of the i32 counts at `cells`, listing the cell
  ;; in `touched` (its length at `n`) when it was empty.
  (func $count_cell (param $cells i32) (param $touched i32) (param $n i32) (param $idx i32)
    (local $at i32) (local $v i32) (local $len i32)
    (local.set $at (i32.add (local.get $cells) (i32.shl (local.get $idx) (i32.const 2))))
    (local.set $v (i32.load (local.get $at)))
    (if (i32.eqz (local.get $v))
      (then
        (local.set $len (i32.load (local.get $n)))
        (i32.store (i32.add (local.get $touched) (i32.shl (local.get $len) (i32.const 2))) (local.get $idx))
        (i32.store (local.get $n) (i32.add (local.get $len) (i32.const 1)))))
    (i32.store (local.get $at) (i32.add (local.get $v) (i32.const 1))))

  ;; Widens key `key`'s first and last time (f64 arrays at `firsts`, `lasts`)
  ;; to `ts`, comparing as JavaScript's < and > do.
  (func $seen_key (param $firsts i32) (param $lasts i32) (param $key i32) (param $ts f64)
    (local $at i32)
    (local.set $at (i32.shl (local.get $key) (i32.const 3)))
    (if (f64.lt (local.get $ts) (f64.load (i32.add (local.get $firsts) (local.get $at))))
      (then (f64.store (i32.add (local.get $firsts) (local.get $at)) (local.get $ts))))
    (if (f64.gt (local.get $ts) (f64.load (i32.add (local.get $lasts) (local.get $at))))
      (then (f64.store (i32.add (local.get $lasts) (local.get $at)) (local.get $ts)))))

  ;; Scans records from `pos` (event cursor `cursor`) into up to `max_rows`
  ;; output rows; returns how many records it resolved. Where it stopped:
  ;; config [13] and [14]. With counts enabled, a row is summed into the
  ;; counts instead (and written too when its level is an error level, marked
  ;; counted); the counts hold one hour, and only while every row since they
  ;; were last taken was counted, so the host adding them at once adds cells
  ;; in the order a row-by-row fold would. A row of another hour, or one
  ;; whose ids fall outside the counts, stops the scan (reason 2) before it
  ;; while they hold rows, for the host to take them first.
  (func (export "scan_rows") (param $pos i32) (param $cursor i32) (param $max_rows i32) (result i32)
    (local $kb i32) (local $rows i32) (local $start i32) (local $cursor0 i32)
    (local $limit i32) (local $stop_at i32) (local $ev i32) (local $count i32)
    (local $field i32) (local $fs i32) (local $at i32) (local $byte i32) (local $end i32)
    (local $newlines i32) (local $kind i32) (local $closed i32) (local $capacity i32)
    (local $col i32) (local $s i32) (local $e i32) (local $ts f64) (local $out i32)
    (local $fe i32) (local $reason i32) (local $records i32) (local $cb i32) (local $counted i32)
    (local $lvl i32) (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $hour f64) (local $slot f64)
    (local $written i32)
    (local.set $kb (global.get $kb))
    (local.set $cb (i32.add (local.get $kb) (i32.const 2981888)))
    (local.set $limit (i32.load offset=36 (local.get $kb)))
    (local.set $stop_at (i32.load offset=40 (local.get $kb)))
    (local.set $ev (i32.load offset=44 (local.get $kb)))
    (local.set $count (i32.load offset=48 (local.get $kb)))
    (local.set $capacity (i32.load (local.get $kb)))
    (block $stop
      (loop $records
        (if (i32.ge_s (local.get $rows) (local.get $max_rows))
          (then
            (local.set $reason (i32.const 1))
            (br $stop)))
        (local.set $start (local.get $pos))
        (br_if $stop (i32.ge_s (local.get $start) (local.get $limit)))
        (br_if $stop (i32.ge_s (local.get $start) (local.get $stop_at)))
        (local.set $byte (i32.load8_u (local.get $start)))
        (br_if $stop (i32.eq (local.get $byte) (i32.const 10)))
        (br_if $stop (i32.eq (local.get $byte) (i32.const 13)))
        (block $skipped
          (loop $skip
            (br_if $skipped (i32.ge_s (local.get $cursor) (local.get $count)))
            (br_if $skipped (i32.ge_s
              (i32.load (i32.add (local.get $ev) (i32.shl (local.get $cursor) (i32.const 2))))
              (local.get $start)))
            (local.set $cursor (i32.add (local.get $cursor) (i32.const 1)))
            (br $skip)))
        (local.set $cursor0 (local.get $cursor))
        (block $bail
          (local.set $field (i32.const 0))
          (local.set $fs (local.get $start))
          (local.set $newlines (i32.const 1))
          (block $record_end
            (loop $fields
              (if (i32.and
                    (i32.eq (i32.load8_u (local.get $fs)) (i32.const 34))
                    (i32.lt_s (local.get $fs) (local.get $limit)))
                (then
                  ;; A quoted field: skip the commas and line feeds inside it.
                  (local.set $kind (i32.const 1))
                  (local.set $closed (i32.const -1))
                  (block $closed_found
                    (loop $inside
                      (local.set $cursor (i32.add (local.get $cursor) (i32.const 1)))
                      (br_if $bail (i32.ge_s (local.get $cursor) (local.get $count)))
                      (local.set $at (i32.load (i32.add (local.get $ev) (i32.shl (local.get $cursor) (i32.const 2)))))
                      (local.set $byte (i32.load8_u (local.get $at)))
                      (if (i32.eq (local.get $byte) (i32.const 10))
                        (then (local.set $newlines (i32.add (local.get $newlines) (i32.const 1))))
                        (else
                          (if (i32.eq (local.get $byte) (i32.const 34))
                            (then
                              (br_if $bail (i32.ge_s (i32.add (local.get $at) (i32.const 1)) (local.get $limit)))
                              (if (i32.eq (i32.load8_u offset=1 (local.get $at)) (i32.const 34))
                                (then
                                  (local.set $kind (i32.const 2))
                                  (local.set $cursor (i32.add (local.get $cursor) (i32.const 1))))
                                (else
                                  (local.set $closed (local.get $at))
                                  (br $closed_found)))))))
                      (br $inside)))
                  (local.set $cursor (i32.add (local.get $cursor) (i32.const 1)))
                  (if (i32.lt_s (local.get $field) (local.get $capacity))
                    (then
                      (i32.store offset=512 (i32.add (local.get $kb) (i32.shl (local.get $field) (i32.const 2)))
                        (i32.add (local.get $fs) (i32.const 1)))
                      (i32.store offset=768 (i32.add (local.get $kb) (i32.shl (local.get $field) (i32.const 2)))
                        (local.get $closed))
                      (i32.store8 offset=1024 (i32.add (local.get $kb) (local.get $field)) (local.get $kind))))
                  (local.set $field (i32.add (local.get $field) (i32.const 1)))
                  (local.set $at (i32.add (local.get $closed) (i32.const 1)))
                  (if (i32.and
                        (i32.eq (i32.load8_u (local.get $at)) (i32.const 13))
                        (i32.and
                          (i32.lt_s (i32.add (local.get $at) (i32.const 1)) (local.get $limit))
                          (i32.eq (i32.load8_u offset=1 (local.get $at)) (i32.const 10))))
                    (then (local.set $at (i32.add (local.get $at) (i32.const 1)))))
                  (br_if $bail (i32.ge_s (local.get $at) (local.get $limit)))
                  (br_if $bail (i32.ge_s (local.get $cursor) (local.get $count)))
                  (br_if $bail (i32.ne
                    (i32.load (i32.add (local.get $ev) (i32.shl (local.get $cursor) (i32.const 2))))
                    (local.get $at)))
                  (local.set $cursor (i32.add (local.get $cursor) (i32.const 1)))
                  (if (i32.eq (i32.load8_u (local.get $at)) (i32.const 44))
                    (then
                      (local.set $fs (i32.add (local.get $at) (i32.const 1)))
                      (br $fields)))
                  (local.set $end (i32.add (local.get $at) (i32.const 1)))
                  (br $record_end)))
              (br_if $bail (i32.ge_s (local.get $cursor) (local.get $count)))
              (local.set $at (i32.load (i32.add (local.get $ev) (i32.shl (local.get $cursor) (i32.const 2)))))
              (local.set $cursor (i32.add (local.get $cursor) (i32.const 1)))
              (local.set $byte (i32.load8_u (local.get $at)))
              (br_if $bail (i32.eq (local.get $byte) (i32.const 34)))
              (if (i32.lt_s (local.get $field) (local.get $capacity))
                (then
                  ;; A CR right before the line feed belongs to the terminator.
                  ;; (Nested: WebAssembly's i32.and evaluates both sides, and at - 1 may be -1.)
                  (local.set $fe (local.get $at))
                  (if (i32.and
                        (i32.eq (local.get $byte) (i32.const 10))
                        (i32.gt_s (local.get $at) (local.get $fs)))
                    (then
                      (if (i32.eq (i32.load8_u (i32.sub (local.get $at) (i32.const 1))) (i32.const 13))
                        (then (local.set $fe (i32.sub (local.get $at) (i32.const 1)))))))
                  (i32.store offset=512 (i32.add (local.get $kb) (i32.shl (local.get $field) (i32.const 2)))
                    (local.get $fs))
                  (i32.store offset=768 (i32.add (local.get $kb) (i32.shl (local.get $field) (i32.const 2)))
                    (local.get $fe))
                  (i32.store8 offset=1024 (i32.add (local.get $kb) (local.get $field)) (i32.const 0))))
              (local.set $field (i32.add (local.get $field) (i32.const 1)))
              (if (i32.eq (local.get $byte) (i32.const 44))
                (then
                  (local.set $fs (i32.add (local.get $at) (i32.const 1)))
                  (br $fields)))
              (local.set $end (i32.add (local.get $at) (i32.const 1)))))
          ;; Rejections, and key fields that need unescaping, are the JavaScript path's.
          (br_if $bail (i32.ne (local.get $field) (local.get $capacity)))
          (br_if $bail (i32.gt_s (i32.sub (local.get $end) (local.get $start)) (i32.load offset=32 (local.get $kb))))
          (br_if $bail (call $escaped (i32.load offset=4 (local.get $kb))))
          (br_if $bail (call $escaped (i32.load offset=8 (local.get $kb))))
          (br_if $bail (call $escaped (i32.load offset=12 (local.get $kb))))
          (br_if $bail (call $escaped (i32.load offset=16 (local.get $kb))))
          (br_if $bail (call $escaped (i32.load offset=20 (local.get $kb))))
          (local.set $ts (call $timestamp (call $trimmed (i32.load offset=4 (local.get $kb)))))
          (br_if $bail (f64.ne (local.get $ts) (local.get $ts)))
          (local.set $lvl (call $level (call $trimmed (i32.load offset=8 (local.get $kb)))))
          (local.set $k0 (call $key (i32.const 0) (call $trimmed (i32.load offset=12 (local.get $kb)))))
          (local.set $k1 (call $key (i32.const 1) (call $trimmed (i32.load offset=16 (local.get $kb)))))
          (local.set $k2 (call $key (i32.const 2) (call $trimmed (i32.load offset=20 (local.get $kb)))))
          (local.set $counted (i32.const 0))
          (if (i32.load (local.get $cb))
            (then
              (local.set $hour (f64.floor (f64.div (local.get $ts) (f64.const 3600000))))
              (local.set $slot (f64.sub
                (f64.floor (f64.div (local.get $ts) (f64.const 60000)))
                (f64.mul (local.get $hour) (f64.const 60))))
              ;; (Nested ands: every operand is evaluated, and all are cheap.)
              (if (i32.and
                    (i32.and
                      (i32.and (i32.lt_u (local.get $k0) (i32.const 32)) (i32.lt_u (local.get $lvl) (i32.const 8)))
                      (i32.and (i32.lt_u (local.get $k1) (i32.const 512)) (i32.lt_u (local.get $k2) (i32.const 512))))
                    (i32.and (f64.ge (local.get $slot) (f64.const 0)) (f64.lt (local.get $slot) (f64.const 60))))
                (then
                  (if (i32.load offset=4 (local.get $cb))
                    (then
                      (if (f64.ne (local.get $hour) (f64.load offset=8 (local.get $cb)))
                        (then
                          (local.set $reason (i32.const 2))
                          (br $bail))))
                    (else
                      (i32.store offset=4 (local.get $cb) (i32.const 1))
                      (f64.store offset=8 (local.get $cb) (local.get $hour))))
                  (local.set $counted (i32.const 1))
                  (call $count_cell
                    (i32.add (local.get $cb) (i32.const 16960))
                    (i32.add (local.get $cb) (i32.const 1126976))
                    (i32.add (local.get $cb) (i32.const 16))
                    (i32.or
                      (i32.shl
                        (i32.or (i32.shl (i32.trunc_f64_s (local.get $slot)) (i32.const 5)) (local.get $k0))
                        (i32.const 3))
                      (local.get $lvl)))
                  (call $count_cell
                    (i32.add (local.get $cb) (i32.const 78400))
                    (i32.add (local.get $cb) (i32.const 1188416))
                    (i32.add (local.get $cb) (i32.const 20))
                    (i32.or
                      (i32.shl (i32.or (i32.shl (local.get $k1) (i32.const 5)) (local.get $k0)) (i32.const 3))
                      (local.get $lvl)))
                  (call $count_cell
                    (i32.add (local.get $cb) (i32.const 602688))
                    (i32.add (local.get $cb) (i32.const 1712704))
                    (i32.add (local.get $cb) (i32.const 24))
                    (i32.or
                      (i32.shl (i32.or (i32.shl (local.get $k2) (i32.const 5)) (local.get $k0)) (i32.const 3))
                      (local.get $lvl)))
                  (call $seen_key
                    (i32.add (local.get $cb) (i32.const 64))
                    (i32.add (local.get $cb) (i32.const 320))
                    (local.get $k0) (local.get $ts))
                  (call $seen_key
                    (i32.add (local.get $cb) (i32.const 576))
                    (i32.add (local.get $cb) (i32.const 4672))
                    (local.get $k1) (local.get $ts))
                  (call $seen_key
                    (i32.add (local.get $cb) (i32.const 8768))
                    (i32.add (local.get $cb) (i32.const 12864))
                    (local.get $k2) (local.get $ts)))
                (else
                  ;; Counted rows come first: this one folds after they are taken.
                  (if (i32.load offset=4 (local.get $cb))
                    (then
                      (local.set $reason (i32.const 2))
                      (br $bail)))))))
          (local.set $records (i32.add (local.get $records) (i32.const 1)))
          (local.set $pos (local.get $end))
          ;; A counted row that is not an error is done.
          (if (i32.and
                (local.get $counted)
                (i32.eqz (i32.load8_u offset=1088 (i32.add (local.get $kb) (local.get $lvl)))))
            (then
              (local.set $written (i32.add (local.get $written) (local.get $newlines)))
              (br $records)))
          (local.set $out (i32.add (i32.add (local.get $kb) (i32.const 8192)) (i32.mul (local.get $rows) (i32.const 52))))
          (f64.store offset=4096 (i32.add (local.get $kb) (i32.shl (local.get $rows) (i32.const 3))) (local.get $ts))
          (i32.store (local.get $out) (local.get $lvl))
          (i32.store offset=4 (local.get $out) (local.get $k0))
          (i32.store offset=8 (local.get $out) (local.get $k1))
          (i32.store offset=12 (local.get $out) (local.get $k2))
          (call $span (i32.load offset=24 (local.get $kb)) (i32.add (local.get $out) (i32.const 16)))
          (call $span (i32.load offset=28 (local.get $kb)) (i32.add (local.get $out) (i32.const 28)))
          (i32.store offset=40 (local.get $out) (local.get $newlines))
          (i32.store offset=44 (local.get $out)
            (if (result i32) (i32.load8_u offset=1088 (i32.add (local.get $kb) (local.get $lvl)))
              (then (call $template
                (call $trimmed (i32.load offset=24 (local.get $kb)))
                (i32.add (local.get $out) (i32.const 16))))
              (else (i32.const -1))))
          (i32.store offset=48 (local.get $out) (local.get $counted))
          (local.set $rows (i32.add (local.get $rows) (i32.const 1)))
          (br $records))
        ;; The record at `start` is the JavaScript path's: leave it untouched.
        (local.set $cursor (local.get $cursor0))))
    (i32.store offset=52 (local.get $kb) (local.get $pos))
    (i32.store offset=56 (local.get $kb) (local.get $cursor))
    (i32.store offset=28 (local.get $cb) (local.get $written))
    (i32.store offset=32 (local.get $cb) (local.get $reason))
    (i32.store offset=36 (local.get $cb) (local.get $rows))
    (local.get $records))
)
