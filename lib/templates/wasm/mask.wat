;; The message masker's WebAssembly: `ByteMasker.mask` of
;; lib/templates/mask_bytes.ts (with wordKind of word_kinds.ts and isValidUtf8
;; of utf8.ts) on one message in linear memory, byte for byte the same result.
;; Each function below mirrors the JavaScript function of the same name; read
;; the rules there. Compiled code is shared by every isolate of the process,
;; where JavaScript is JIT-compiled again in each worker.
;;
;; Memory map (addresses in bytes):
;;   0     CLS: byte class of each byte, u16 × 256 (the bits of mask_bytes.ts)
;;   512   CLOSER: the closing byte of each leading bracket or quote, u8 × 256
;;   768   WORD_KEYS: the word hash table's keys, i32 × 128
;;   1280  WORD_KINDS: the kind of each slot, u8 × 128
;;   1536  the texts the tables are built from (data segments, read by $init)
;;   4096  OUT: the masked message, 3c + 16 bytes for messages of up to c bytes
;;   then, placed by `reserve(c)`: ALT (the units pass's output, 3c + 16),
;;   STARTS and FLAGS (per token: its start in OUT and its flags, i32 ×
;;   (c >> 1) + 1 each), IN (the message, c bytes, and 16 to spare).
;;
;; Contract:
;;   `reserve(c)` grows the memory for messages of up to c bytes, lays out the
;;   areas after OUT and returns IN (0 if the memory cannot grow); the host
;;   calls it only when a message is longer than the last c (IN stays put
;;   until then). Per message, the host copies its n bytes to IN (after
;;   dropping one leading BOM, as TextDecoder does), then `mask(n)` masks them
;;   into OUT and returns the length, or -1 if they are not valid UTF-8 (the
;;   host then decodes and re-encodes them and masks again).
;;
;; Addresses are compared unsigned; 0 stands for "none" (no input lies there).
;;
;; Rebuild lib/templates/mask_wasm_binary.ts after editing: `deno task build-wasm`.
(module
  (memory (export "memory") 1)

  ;; Where the masked message starts (OUT), for the host's view.
  (global (export "output") i32 (i32.const 4096))

  ;; Layout of the reserved message (see `reserve`).
  (global $in (mut i32) (i32.const 4096))
  (global $alt (mut i32) (i32.const 4096))
  (global $starts (mut i32) (i32.const 4096))
  (global $flags (mut i32) (i32.const 4096))
  ;; Where the next output byte goes (an address in OUT), as `#len`.
  (global $len (mut i32) (i32.const 4096))
  ;; The range of the last $mask_core that becomes `<*>`, as `#from`, `#to`.
  (global $from (mut i32) (i32.const 0))
  (global $to (mut i32) (i32.const 0))

  ;; Byte class bits (CLS), as in mask_bytes.ts:
  ;;   1 DIGIT, 2 HEX, 4 LETTER, 8 NAME, 16 SPACE, 32 LEADING, 64 TRAILING,
  ;;   128 HIGH (not ASCII), 256 COMMA.
  ;; Word kinds (word_kinds.ts): 4 MONTH, 8 WEEKDAY, 16 UNIT, 32 VALUE.
  ;; Token flags: 1 IS_WILDCARD, 2 ENDS_WILDCARD, plus MONTH, WEEKDAY, UNIT.

  ;; The texts of the tables, each ending with a zero byte.
  (data (i32.const 1536) "abcdefABCDEF\00")                ;; HEX
  (data (i32.const 1552) "_-.\00")                          ;; NAME
  (data (i32.const 1560) "\09\0a\0b\0c\0d \00")             ;; SPACE
  (data (i32.const 1568) "([{<\"'\00")                      ;; LEADING
  (data (i32.const 1576) ",;:.\00")                         ;; TRAILING
  (data (i32.const 1584) ",\00")                            ;; COMMA
  (data (i32.const 1592) "()[]{}<>\"\"''\00")               ;; CLOSER pairs
  (data (i32.const 1608) "true True TRUE false False FALSE null Null NULL\00")
  (data (i32.const 1664) "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec\00")
  (data (i32.const 1720) "Mon Tue Wed Thu Fri Sat Sun\00")
  (data (i32.const 1752) "B KB MB GB TB PB kB KiB MiB GiB TiB bytes ms us ns s sec secs\00")

  (start $init)

  ;; Builds CLS, CLOSER and the word table as the JavaScript modules do.
  (func $init
    (local $c i32)
    (local.set $c (i32.const 0x30))
    (loop $digits
      (i32.store16 (i32.shl (local.get $c) (i32.const 1)) (i32.const 11)) ;; DIGIT | HEX | NAME
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $digits (i32.le_u (local.get $c) (i32.const 0x39))))
    (local.set $c (i32.const 0x41))
    (loop $letters
      (i32.store16 (i32.shl (local.get $c) (i32.const 1)) (i32.const 12)) ;; LETTER | NAME
      (i32.store16 (i32.shl (i32.add (local.get $c) (i32.const 32)) (i32.const 1)) (i32.const 12))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $letters (i32.le_u (local.get $c) (i32.const 0x5a))))
    (local.set $c (i32.const 0x80))
    (loop $high
      (i32.store16 (i32.shl (local.get $c) (i32.const 1)) (i32.const 128)) ;; HIGH
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $high (i32.le_u (local.get $c) (i32.const 0xff))))
    (call $add_class (i32.const 1536) (i32.const 2))
    (call $add_class (i32.const 1552) (i32.const 8))
    (call $add_class (i32.const 1560) (i32.const 16))
    (call $add_class (i32.const 1568) (i32.const 32))
    (call $add_class (i32.const 1576) (i32.const 64))
    (call $add_class (i32.const 1584) (i32.const 256))
    (local.set $c (i32.const 1592))
    (loop $pairs
      (i32.store8 offset=512 (i32.load8_u (local.get $c)) (i32.load8_u offset=1 (local.get $c)))
      (local.set $c (i32.add (local.get $c) (i32.const 2)))
      (br_if $pairs (i32.load8_u (local.get $c))))
    (call $add_words (i32.const 1608) (i32.const 32))
    (call $add_words (i32.const 1664) (i32.const 4))
    (call $add_words (i32.const 1720) (i32.const 8))
    (call $add_words (i32.const 1752) (i32.const 16)))

  ;; `add` of mask_bytes.ts: ORs `bits` into the class of each byte of the
  ;; zero-terminated text at `at`.
  (func $add_class (param $at i32) (param $bits i32)
    (local $c i32)
    (block $done
      (loop $chars
        (local.set $c (i32.load8_u (local.get $at)))
        (br_if $done (i32.eqz (local.get $c)))
        (i32.store16 (i32.shl (local.get $c) (i32.const 1))
          (i32.or (i32.load16_u (i32.shl (local.get $c) (i32.const 1))) (local.get $bits)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $chars))))

  ;; Inserts each space-separated word of the zero-terminated text at `at`
  ;; into the word table with `kind`, in order (the order decides the probing).
  (func $add_words (param $at i32) (param $kind i32)
    (local $c i32) (local $key i32) (local $h i32)
    (loop $words
      (local.set $key (i32.const 0))
      (block $word_end
        (loop $chars
          (local.set $c (i32.load8_u (local.get $at)))
          (br_if $word_end (i32.le_u (local.get $c) (i32.const 0x20))) ;; space or the end
          (local.set $key (i32.or (i32.shl (local.get $key) (i32.const 6))
            (i32.and (local.get $c) (i32.const 0x3f))))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))
          (br $chars)))
      (local.set $h (call $slot (local.get $key)))
      (block $free
        (loop $probe
          (br_if $free (i32.eqz (i32.load offset=768 (i32.shl (local.get $h) (i32.const 2)))))
          (local.set $h (i32.and (i32.add (local.get $h) (i32.const 1)) (i32.const 127)))
          (br $probe)))
      (i32.store offset=768 (i32.shl (local.get $h) (i32.const 2)) (local.get $key))
      (i32.store8 offset=1280 (local.get $h) (local.get $kind))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))
      (br_if $words (local.get $c))))

  ;; `slot` of word_kinds.ts: Math.imul(key, 0x9e3779b1) >>> 25.
  (func $slot (param $key i32) (result i32)
    (i32.shr_u (i32.mul (local.get $key) (i32.const 0x9e3779b1)) (i32.const 25)))

  ;; `wordKind`: the kind of the word memory[a, b) (VALUE, MONTH, WEEKDAY,
  ;; UNIT) or 0.
  (func $word_kind (param $a i32) (param $b i32) (result i32)
    (local $key i32) (local $c i32) (local $h i32) (local $k i32)
    ;; One to five bytes.
    (if (i32.gt_u (i32.sub (i32.sub (local.get $b) (local.get $a)) (i32.const 1)) (i32.const 4))
      (then (return (i32.const 0))))
    (loop $chars
      (local.set $c (i32.load8_u (local.get $a)))
      ;; Not an ASCII letter.
      (if (i32.gt_u (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x61)) (i32.const 25))
        (then (return (i32.const 0))))
      (local.set $key (i32.or (i32.shl (local.get $key) (i32.const 6))
        (i32.and (local.get $c) (i32.const 0x3f))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $chars (i32.lt_u (local.get $a) (local.get $b))))
    (local.set $h (call $slot (local.get $key)))
    (block $found
      (loop $probe
        (local.set $k (i32.load offset=768 (i32.shl (local.get $h) (i32.const 2))))
        (br_if $found (i32.eq (local.get $k) (local.get $key)))
        (br_if $found (i32.eqz (local.get $k)))
        (local.set $h (i32.and (i32.add (local.get $h) (i32.const 1)) (i32.const 127)))
        (br $probe)))
    (i32.load8_u offset=1280 (local.get $h)))

  ;; `isWordValue`: memory[a, a + n) is true, false or null (VALUE).
  (func $is_word_value (param $a i32) (param $n i32) (result i32)
    (if (result i32) (i32.or (i32.eq (local.get $n) (i32.const 4)) (i32.eq (local.get $n) (i32.const 5)))
      (then (i32.eq
        (call $word_kind (local.get $a) (i32.add (local.get $a) (local.get $n)))
        (i32.const 32)))
      (else (i32.const 0))))

  ;; `isVariable`: memory[a, b) is a variable value on its own.
  (func $is_variable (param $a i32) (param $b i32) (result i32)
    (local $n i32) (local $hex i32) (local $letters i32) (local $slashes i32) (local $dots i32)
    (local $i i32) (local $c i32) (local $k i32) (local $last i32)
    (local.set $n (i32.sub (local.get $b) (local.get $a)))
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $last (i32.sub (local.get $b) (i32.const 1)))
    (local.set $i (local.get $a))
    (loop $chars
      (local.set $c (i32.load8_u (local.get $i)))
      (local.set $k (i32.load16_u (i32.shl (local.get $c) (i32.const 1))))
      ;; A digit anywhere but last rules out the `eth1` exception: variable.
      (if (i32.and
            (i32.ne (i32.and (local.get $k) (i32.const 1)) (i32.const 0))
            (i32.lt_u (local.get $i) (local.get $last)))
        (then (return (i32.const 1))))
      (local.set $hex (i32.add (local.get $hex) (i32.and (i32.shr_u (local.get $k) (i32.const 1)) (i32.const 1))))
      (if (i32.and (local.get $k) (i32.const 4))
        (then (local.set $letters (i32.add (local.get $letters) (i32.const 1))))
        (else
          (if (i32.eq (local.get $c) (i32.const 0x2f))
            (then (local.set $slashes (i32.add (local.get $slashes) (i32.const 1))))
            (else
              (if (i32.eq (local.get $c) (i32.const 0x2e))
                (then (local.set $dots (i32.add (local.get $dots) (i32.const 1)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $chars (i32.lt_u (local.get $i) (local.get $b))))
    ;; `eth1`, `ssh2`, `wl0`: a word with one trailing digit names a thing.
    (if (i32.and (i32.load16_u (i32.shl (i32.load8_u (local.get $last)) (i32.const 1))) (i32.const 1))
      (then (return (i32.eqz (i32.and
        (i32.eq (local.get $letters) (i32.sub (local.get $n) (i32.const 1)))
        (i32.ge_s (local.get $n) (i32.const 3)))))))
    (if (i32.and (i32.ge_s (local.get $n) (i32.const 8)) (i32.eq (local.get $hex) (local.get $n)))
      (then (return (i32.const 1))))
    (if (i32.gt_s (local.get $slashes) (i32.const 0))
      (then
        (if (i32.or
              (i32.and
                (i32.eq (i32.load8_u (local.get $a)) (i32.const 0x2f))
                (i32.gt_s (local.get $n) (i32.const 1)))
              (i32.or
                (i32.ge_s (local.get $slashes) (i32.const 2))
                (i32.ge_s (local.get $dots) (i32.const 2))))
          (then (return (i32.const 1))))))
    (call $is_word_value (local.get $a) (local.get $n)))

  ;; `putWildcard`: writes `<*>` at `at`.
  (func $put_wildcard (param $at i32)
    (i32.store16 align=1 (local.get $at) (i32.const 0x2a3c))
    (i32.store8 offset=2 (local.get $at) (i32.const 0x3e)))

  ;; `unitEnd`: the end of the unit in token memory[a, e), or -1.
  (func $unit_end (param $a i32) (param $e i32) (result i32)
    (local $b i32)
    (local.set $b (local.get $e))
    (block $done
      (loop $trailing
        (br_if $done (i32.le_u (local.get $b) (local.get $a)))
        (br_if $done (i32.eqz (i32.and
          (i32.load16_u (i32.shl (i32.load8_u (i32.sub (local.get $b) (i32.const 1))) (i32.const 1)))
          (i32.const 64))))
        (local.set $b (i32.sub (local.get $b) (i32.const 1)))
        (br $trailing)))
    ;; `(1.2 KB)`
    (if (i32.gt_u (local.get $b) (local.get $a))
      (then
        (if (i32.eq (i32.load8_u (i32.sub (local.get $b) (i32.const 1))) (i32.const 0x29))
          (then (local.set $b (i32.sub (local.get $b) (i32.const 1)))))))
    (if (result i32) (i32.eq (call $word_kind (local.get $a) (local.get $b)) (i32.const 16))
      (then (local.get $b))
      (else (i32.const -1))))

  ;; `#copy`: appends memory[a, b) to the output at $len.
  (func $copy (param $a i32) (param $b i32)
    (local $len i32)
    (local.set $len (global.get $len))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $a) (local.get $b)))
        (i32.store8 (local.get $len) (i32.load8_u (local.get $a)))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $bytes)))
    (global.set $len (local.get $len)))

  ;; `isValidUtf8`: memory[i, end) is valid UTF-8.
  (func $is_valid_utf8 (param $i i32) (param $end i32) (result i32)
    (local $c i32) (local $need i32) (local $lo i32) (local $hi i32) (local $d i32) (local $k i32)
    (block $done
      (loop $chars
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $chars (i32.lt_u (local.get $c) (i32.const 0x80)))
        (if (i32.lt_u (local.get $c) (i32.const 0xc2)) (then (return (i32.const 0))))
        (if (i32.ge_u (local.get $c) (i32.const 0xf5)) (then (return (i32.const 0))))
        (local.set $need
          (select (i32.const 1)
            (select (i32.const 2) (i32.const 3) (i32.lt_u (local.get $c) (i32.const 0xf0)))
            (i32.lt_u (local.get $c) (i32.const 0xe0))))
        (if (i32.gt_u (i32.add (local.get $i) (local.get $need)) (local.get $end))
          (then (return (i32.const 0))))
        ;; No overlong forms, no surrogates, nothing beyond U+10FFFF.
        (local.set $lo (i32.const 0x80))
        (if (i32.eq (local.get $c) (i32.const 0xe0)) (then (local.set $lo (i32.const 0xa0))))
        (if (i32.eq (local.get $c) (i32.const 0xf0)) (then (local.set $lo (i32.const 0x90))))
        (local.set $hi (i32.const 0xbf))
        (if (i32.eq (local.get $c) (i32.const 0xed)) (then (local.set $hi (i32.const 0x9f))))
        (if (i32.eq (local.get $c) (i32.const 0xf4)) (then (local.set $hi (i32.const 0x8f))))
        (local.set $d (i32.load8_u (local.get $i)))
        (if (i32.or (i32.lt_u (local.get $d) (local.get $lo)) (i32.gt_u (local.get $d) (local.get $hi)))
          (then (return (i32.const 0))))
        (local.set $k (i32.const 1))
        (block $continuations
          (loop $more
            (br_if $continuations (i32.ge_u (local.get $k) (local.get $need)))
            (if (i32.ne
                  (i32.and (i32.load8_u (i32.add (local.get $i) (local.get $k))) (i32.const 0xc0))
                  (i32.const 0x80))
              (then (return (i32.const 0))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $more)))
        (local.set $i (i32.add (local.get $i) (local.get $need)))
        (br $chars)))
    (i32.const 1))

  ;; `#maskCore`, its tail recursion as a loop: 1 if memory[$from, $to),
  ;; inside memory[a, b), becomes `<*>`.
  (func $mask_core (param $a i32) (param $b i32) (result i32)
    (local $i i32) (local $dotted i32) (local $c i32) (local $from i32) (local $to i32)
    (loop $again
      (block $plain
        (br_if $plain (i32.ge_u (local.get $a) (local.get $b)))
        (br_if $plain (i32.eqz (i32.and
          (i32.load16_u (i32.shl (i32.load8_u (local.get $a)) (i32.const 1)))
          (i32.const 4))))
        ;; Scan a name; what follows it decides whether it is `name<sep>value`.
        (local.set $i (i32.add (local.get $a) (i32.const 1)))
        (local.set $dotted (i32.const 0)) ;; `host.name:port` is no `name:value`
        (block $name_end
          (loop $name
            (br_if $name_end (i32.ge_u (local.get $i) (local.get $b)))
            (local.set $c (i32.load8_u (local.get $i)))
            (br_if $name_end (i32.eqz (i32.and
              (i32.load16_u (i32.shl (local.get $c) (i32.const 1)))
              (i32.const 8))))
            (if (i32.eq (local.get $c) (i32.const 0x2e))
              (then
                (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $b))
                  (then
                    (br_if $name_end (i32.eq
                      (i32.load8_u offset=1 (local.get $i))
                      (i32.const 0x2e)))))
                (local.set $dotted (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $name)))
        (br_if $plain (i32.ge_u (local.get $i) (i32.sub (local.get $b) (i32.const 1))))
        (local.set $c (i32.load8_u (local.get $i)))
        (local.set $from (i32.const 0))
        (local.set $to (local.get $b))
        (if (i32.eq (local.get $c) (i32.const 0x3d)) ;; name=value
          (then (local.set $from (i32.add (local.get $i) (i32.const 1))))
          (else (if (i32.and
                      (i32.eq (local.get $c) (i32.const 0x3a)) ;; name:value, not a URL scheme
                      (i32.and
                        (i32.eqz (local.get $dotted))
                        (i32.ne (i32.load8_u offset=1 (local.get $i)) (i32.const 0x2f))))
            (then (local.set $from (i32.add (local.get $i) (i32.const 1))))
            (else (if (i32.and
                        (i32.eq (local.get $c) (i32.const 0x28)) ;; name(value)
                        (i32.eq (i32.load8_u (i32.sub (local.get $b) (i32.const 1))) (i32.const 0x29)))
              (then
                (local.set $from (i32.add (local.get $i) (i32.const 1)))
                (local.set $to (i32.sub (local.get $b) (i32.const 1))))
              (else (if (i32.eq (local.get $c) (i32.const 0x2e)) ;; name.....value
                (then
                  (local.set $from (local.get $i))
                  (block $dots_end
                    (loop $dots
                      (br_if $dots_end (i32.ge_u (local.get $from) (local.get $b)))
                      (br_if $dots_end (i32.ne (i32.load8_u (local.get $from)) (i32.const 0x2e)))
                      (local.set $from (i32.add (local.get $from) (i32.const 1)))
                      (br $dots)))))))))))
        (br_if $plain (i32.eqz (local.get $from)))
        (if (call $is_variable (local.get $from) (local.get $to))
          (then
            (global.set $from (local.get $from))
            (global.set $to (local.get $to))
            (return (i32.const 1))))
        (if (i32.ge_u (local.get $from) (local.get $to)) (then (return (i32.const 0))))
        (local.set $a (local.get $from))
        (local.set $b (local.get $to))
        (br $again)))
    (if (i32.eqz (call $is_variable (local.get $a) (local.get $b))) (then (return (i32.const 0))))
    (global.set $from (local.get $a))
    (global.set $to (local.get $b))
    (i32.const 1))

  ;; `#maskToken` on memory[s, e), already copied to the output at $len:
  ;; patches the copy and moves $len to its end. `commas`: the token has one.
  (func $mask_token (param $s i32) (param $e i32) (param $commas i32)
    (local $a i32) (local $b i32) (local $open i32) (local $comma i32) (local $item i32) (local $at i32)
    (local.set $a (local.get $s))
    (local.set $b (local.get $e))
    (block $done
      (loop $leading
        (br_if $done (i32.ge_u (local.get $a) (local.get $b)))
        (br_if $done (i32.eqz (i32.and
          (i32.load16_u (i32.shl (i32.load8_u (local.get $a)) (i32.const 1)))
          (i32.const 32))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $leading)))
    (block $done
      (loop $trailing
        (br_if $done (i32.le_u (local.get $b) (local.get $a)))
        (br_if $done (i32.eqz (i32.and
          (i32.load16_u (i32.shl (i32.load8_u (i32.sub (local.get $b) (i32.const 1))) (i32.const 1)))
          (i32.const 64))))
        (local.set $b (i32.sub (local.get $b) (i32.const 1)))
        (br $trailing)))
    ;; A closing bracket stays outside the core only if it closes a leading one.
    (local.set $open (i32.sub (local.get $a) (i32.const 1)))
    (block $done
      (loop $closers
        (br_if $done (i32.lt_u (local.get $open) (local.get $s)))
        (br_if $done (i32.le_u (local.get $b) (local.get $a)))
        (br_if $done (i32.ne
          (i32.load8_u (i32.sub (local.get $b) (i32.const 1)))
          (i32.load8_u offset=512 (i32.load8_u (local.get $open)))))
        (local.set $b (i32.sub (local.get $b) (i32.const 1)))
        (local.set $open (i32.sub (local.get $open) (i32.const 1)))
        (br $closers)))
    (local.set $comma (select (local.get $a) (local.get $b) (local.get $commas)))
    (block $done
      (loop $find
        (br_if $done (i32.ge_u (local.get $comma) (local.get $b)))
        (br_if $done (i32.eq (i32.load8_u (local.get $comma)) (i32.const 0x2c)))
        (local.set $comma (i32.add (local.get $comma) (i32.const 1)))
        (br $find)))
    (if (i32.lt_u (local.get $comma) (local.get $b))
      (then
        ;; Item by item; items hold no comma, so they never come back here.
        (global.set $len (i32.add (global.get $len) (i32.sub (local.get $a) (local.get $s))))
        (local.set $item (local.get $a))
        (block $items_end
          (loop $items
            (block $found
              (loop $find
                (br_if $found (i32.ge_u (local.get $comma) (local.get $b)))
                (br_if $found (i32.eq (i32.load8_u (local.get $comma)) (i32.const 0x2c)))
                (local.set $comma (i32.add (local.get $comma) (i32.const 1)))
                (br $find)))
            (if (i32.gt_u (local.get $comma) (local.get $item))
              (then
                (call $copy (local.get $item) (local.get $comma))
                (global.set $len (i32.sub (global.get $len) (i32.sub (local.get $comma) (local.get $item))))
                (call $mask_token (local.get $item) (local.get $comma) (i32.const 0))))
            (br_if $items_end (i32.ge_u (local.get $comma) (local.get $b)))
            (i32.store8 (global.get $len) (i32.const 0x2c))
            (global.set $len (i32.add (global.get $len) (i32.const 1)))
            (local.set $comma (i32.add (local.get $comma) (i32.const 1)))
            (local.set $item (local.get $comma))
            (br $items)))
        (call $copy (local.get $b) (local.get $e))
        (return)))
    (if (i32.lt_u (local.get $a) (local.get $b))
      (then
        (if (call $mask_core (local.get $a) (local.get $b))
          (then
            (local.set $at (i32.add (global.get $len) (i32.sub (global.get $from) (local.get $s))))
            (call $put_wildcard (local.get $at))
            (global.set $len (i32.add (local.get $at) (i32.const 3)))
            (call $copy (global.get $to) (local.get $e))
            (return)))))
    (global.set $len (i32.add (global.get $len) (i32.sub (local.get $e) (local.get $s)))))

  ;; `#units` (`maskUnits`): lengths change, so the output is rebuilt in ALT,
  ;; then copied back to OUT.
  (func $units (param $count i32)
    (local $i i32) (local $dst i32) (local $from i32) (local $e i32) (local $slot i32)
    (local.set $dst (global.get $alt))
    (block $done
      (loop $tokens
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $slot (i32.shl (local.get $i) (i32.const 2)))
        (if (local.get $i)
          (then
            (i32.store8 (local.get $dst) (i32.const 0x20))
            (local.set $dst (i32.add (local.get $dst) (i32.const 1)))))
        (local.set $from (i32.load (i32.add (global.get $starts) (local.get $slot))))
        (local.set $e (global.get $len))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $count))
          (then (local.set $e (i32.sub
            (i32.load offset=4 (i32.add (global.get $starts) (local.get $slot)))
            (i32.const 1)))))
        (if (i32.and
              (i32.ne (local.get $i) (i32.const 0))
              (i32.and
                (i32.ne (i32.and (i32.load (i32.add (global.get $flags) (local.get $slot))) (i32.const 16)) (i32.const 0))
                (i32.ne (i32.and
                  (i32.load (i32.sub (i32.add (global.get $flags) (local.get $slot)) (i32.const 4)))
                  (i32.const 2)) (i32.const 0))))
          (then
            (call $put_wildcard (local.get $dst))
            (local.set $dst (i32.add (local.get $dst) (i32.const 3)))
            (local.set $from (call $unit_end (local.get $from) (local.get $e)))
            ;; `<*>` and what followed the unit: it ends with `<*>` if nothing did.
            (i32.store (i32.add (global.get $flags) (local.get $slot))
              (select (i32.const 2) (i32.const 0) (i32.eq (local.get $from) (local.get $e))))))
        (memory.copy (local.get $dst) (local.get $from) (i32.sub (local.get $e) (local.get $from)))
        (local.set $dst (i32.add (local.get $dst) (i32.sub (local.get $e) (local.get $from))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tokens)))
    (memory.copy (i32.const 4096) (global.get $alt) (i32.sub (local.get $dst) (global.get $alt)))
    (global.set $len (i32.add (i32.const 4096) (i32.sub (local.get $dst) (global.get $alt)))))

  ;; Lays out the areas for messages of up to `n` bytes after OUT, growing the
  ;; memory as needed, and returns IN, where the host puts a message; 0 if the
  ;; memory cannot grow (or n is over 256 MiB).
  (func (export "reserve") (param $n i32) (result i32)
    (local $cap i32) (local $slots i32) (local $need i32) (local $pages i32)
    (if (i32.gt_u (local.get $n) (i32.const 0x10000000)) (then (return (i32.const 0))))
    ;; Each masked range is at least one byte and becomes three.
    (local.set $cap (i32.and (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 23)) (i32.const -8)))
    (local.set $slots (i32.add (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 1)))
    (global.set $alt (i32.add (i32.const 4096) (local.get $cap)))
    (global.set $starts (i32.add (global.get $alt) (local.get $cap)))
    (global.set $flags (i32.add (global.get $starts) (i32.shl (local.get $slots) (i32.const 2))))
    (global.set $in (i32.add (global.get $flags) (i32.shl (local.get $slots) (i32.const 2))))
    ;; 16 bytes to spare, so a read just past the message stays in memory.
    (local.set $need (i32.add (i32.add (global.get $in) (local.get $n)) (i32.const 16)))
    (local.set $pages (i32.shr_u (i32.add (local.get $need) (i32.const 0xffff)) (i32.const 16)))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then
        (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
          (then (return (i32.const 0))))))
    (global.get $in))

  ;; `#run` on the `size` bytes at IN (at most the last `reserve`'s): masks
  ;; them into OUT and returns the length, or -1 if they are not valid UTF-8
  ;; (the output is unusable).
  (func (export "mask") (param $size i32) (result i32)
    (local $i i32) (local $end i32) (local $len i32) (local $count i32) (local $high i32)
    (local $seen i32) (local $prev i32) (local $t i32) (local $os i32) (local $any i32)
    (local $all i32) (local $head i32) (local $c i32) (local $k i32) (local $body i32)
    (local $core i32) (local $tail i32) (local $n i32) (local $flags i32) (local $j i32)
    (local $kind i32) (local $slot i32)
    (local.set $i (global.get $in))
    (local.set $end (i32.add (global.get $in) (local.get $size)))
    (local.set $len (i32.const 4096))
    (block $tokens_end
      (loop $tokens
        (block $spaces_end
          (loop $spaces
            (br_if $tokens_end (i32.ge_u (local.get $i) (local.get $end)))
            (br_if $spaces_end (i32.eqz (i32.and
              (i32.load16_u (i32.shl (i32.load8_u (local.get $i)) (i32.const 1)))
              (i32.const 16))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $spaces)))
        (if (local.get $count)
          (then
            (i32.store8 (local.get $len) (i32.const 0x20))
            (local.set $len (i32.add (local.get $len) (i32.const 1)))))
        ;; Copy the token while classifying it; masking patches the copy.
        (local.set $t (local.get $i))
        (local.set $os (local.get $len))
        (local.set $any (i32.const 0))
        (local.set $all (i32.const 0xffff))
        (local.set $head (i32.const 0xffff)) ;; `all` but for the last byte
        (block $token_end
          (loop $bytes
            (br_if $token_end (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $c (i32.load8_u (local.get $i)))
            (local.set $k (i32.load16_u (i32.shl (local.get $c) (i32.const 1))))
            (br_if $token_end (i32.and (local.get $k) (i32.const 16)))
            (local.set $any (i32.or (local.get $any) (local.get $k)))
            (local.set $head (local.get $all))
            (local.set $all (i32.and (local.get $all) (local.get $k)))
            (i32.store8 (local.get $len) (local.get $c))
            (local.set $len (i32.add (local.get $len) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $bytes)))
        (local.set $high (i32.or (local.get $high) (local.get $any)))
        ;; Fast path for most tokens: only letters or only digits, maybe with
        ;; one trailing `, ; : .`.
        (local.set $body (local.get $all))
        (local.set $core (i32.sub (local.get $i) (local.get $t)))
        (if (i32.and
              (i32.eqz (i32.and (local.get $all) (i32.const 5)))
              (i32.gt_s (local.get $core) (i32.const 1)))
          (then
            (if (i32.and
                  (i32.load16_u (i32.shl (i32.load8_u (i32.sub (local.get $i) (i32.const 1))) (i32.const 1)))
                  (i32.const 64))
              (then
                (local.set $body (local.get $head))
                (local.set $core (i32.sub (local.get $core) (i32.const 1)))))))
        (if (i32.and (local.get $body) (i32.const 5))
          (then
            (if (if (result i32) (i32.and (local.get $body) (i32.const 1))
                  (then (i32.const 1))
                  (else (if (result i32) (i32.and
                              (i32.ge_s (local.get $core) (i32.const 8))
                              (i32.ne (i32.and (local.get $body) (i32.const 2)) (i32.const 0)))
                    (then (i32.const 1))
                    (else (call $is_word_value (local.get $t) (local.get $core))))))
              (then
                (local.set $tail (i32.sub (i32.sub (local.get $i) (local.get $t)) (local.get $core)))
                (call $put_wildcard (local.get $os))
                (if (local.get $tail)
                  (then (i32.store8 offset=3 (local.get $os)
                    (i32.load8_u (i32.sub (local.get $i) (i32.const 1))))))
                (local.set $len (i32.add (i32.add (local.get $os) (i32.const 3)) (local.get $tail))))))
          (else
            (global.set $len (local.get $os))
            (call $mask_token (local.get $t) (local.get $i)
              (i32.ne (i32.and (local.get $any) (i32.const 256)) (i32.const 0)))
            (local.set $len (global.get $len))))
        (local.set $n (i32.sub (local.get $len) (local.get $os)))
        (local.set $flags (i32.const 0))
        (if (i32.and
              (i32.ge_s (local.get $n) (i32.const 3))
              (i32.and
                (i32.eq (i32.load8_u (i32.sub (local.get $len) (i32.const 1))) (i32.const 0x3e))
                (i32.eq (i32.load16_u align=1 (i32.sub (local.get $len) (i32.const 3))) (i32.const 0x2a3c))))
          (then
            (local.set $flags (select (i32.const 3) (i32.const 2) (i32.eq (local.get $n) (i32.const 3)))))
          (else
            (if (i32.eq (local.get $n) (i32.const 3))
              (then (local.set $flags
                (i32.and (call $word_kind (local.get $os) (local.get $len)) (i32.const 12)))))))
        ;; A unit matters only after a token that ends with `<*>` or may come to.
        (if (i32.and (local.get $prev) (i32.const 30))
          (then
            (if (i32.ne (call $unit_end (local.get $os) (local.get $len)) (i32.const -1))
              (then (local.set $flags (i32.or (local.get $flags) (i32.const 16)))))))
        (local.set $slot (i32.shl (local.get $count) (i32.const 2)))
        (i32.store (i32.add (global.get $starts) (local.get $slot)) (local.get $os))
        (i32.store (i32.add (global.get $flags) (local.get $slot)) (local.get $flags))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $seen (i32.or (local.get $seen) (local.get $flags)))
        (local.set $prev (local.get $flags))
        (br $tokens)))
    (global.set $len (local.get $len))
    (if (i32.and (local.get $high) (i32.const 128))
      (then
        (if (i32.eqz (call $is_valid_utf8 (global.get $in) (local.get $end)))
          (then (return (i32.const -1))))))
    ;; `maskDateNames`: months, then weekdays; `<*>` is as long as a name.
    (if (i32.and (local.get $seen) (i32.const 12))
      (then
        (local.set $kind (i32.const 4))
        (loop $kinds
          (local.set $j (i32.const 0))
          (block $names_end
            (loop $names
              (br_if $names_end (i32.ge_u (local.get $j) (local.get $count)))
              (local.set $slot (i32.add (global.get $flags) (i32.shl (local.get $j) (i32.const 2))))
              (if (i32.and (i32.load (local.get $slot)) (local.get $kind))
                (then
                  (if (i32.or
                        (i32.and
                          (i32.ne (local.get $j) (i32.const 0))
                          (i32.ne (i32.and (i32.load offset=0 (i32.sub (local.get $slot) (i32.const 4))) (i32.const 1)) (i32.const 0)))
                        (i32.and
                          (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $count))
                          (i32.ne (i32.and (i32.load offset=4 (local.get $slot)) (i32.const 1)) (i32.const 0))))
                    (then
                      (call $put_wildcard (i32.load (i32.add (global.get $starts) (i32.shl (local.get $j) (i32.const 2)))))
                      (i32.store (local.get $slot) (i32.const 3))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $names)))
          (local.set $kind (i32.shl (local.get $kind) (i32.const 1)))
          (br_if $kinds (i32.le_u (local.get $kind) (i32.const 8))))))
    (if (i32.and (local.get $seen) (i32.const 16))
      (then (call $units (local.get $count))))
    (i32.sub (global.get $len) (i32.const 4096)))
)
