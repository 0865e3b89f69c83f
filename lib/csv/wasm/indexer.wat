;; Structural indexer for CSV: writes the offset of every comma, line feed and
;; double quote in memory[start, end) as an i32 at `out`, in order, and
;; returns how many it wrote. Sixteen bytes per step with SIMD compares; the
;; caller guarantees 16 readable bytes past `end` (they are masked off).
;;
;; Rebuild lib/csv/indexer_wasm.ts after editing: `deno task build-wasm`.
(module
  (memory (export "memory") 1)
  (func (export "index") (param $start i32) (param $end i32) (param $out i32) (result i32)
    (local $i i32) (local $o i32) (local $m i32) (local $v v128) (local $rem i32)
    local.get $out
    local.set $o
    local.get $start
    local.set $i
    block $done
      loop $blocks
        local.get $i
        local.get $end
        i32.ge_u
        br_if $done
        local.get $i
        v128.load align=1
        local.set $v
        local.get $v
        i32.const 44
        i8x16.splat
        i8x16.eq
        local.get $v
        i32.const 10
        i8x16.splat
        i8x16.eq
        v128.or
        local.get $v
        i32.const 34
        i8x16.splat
        i8x16.eq
        v128.or
        i8x16.bitmask
        local.set $m
        ;; Drop matches at or past `end`.
        local.get $end
        local.get $i
        i32.sub
        local.tee $rem
        i32.const 16
        i32.lt_u
        if
          local.get $m
          i32.const 1
          local.get $rem
          i32.shl
          i32.const 1
          i32.sub
          i32.and
          local.set $m
        end
        block $empty
          loop $bits
            local.get $m
            i32.eqz
            br_if $empty
            local.get $o
            local.get $i
            local.get $m
            i32.ctz
            i32.add
            i32.store
            local.get $o
            i32.const 4
            i32.add
            local.set $o
            local.get $m
            local.get $m
            i32.const 1
            i32.sub
            i32.and
            local.set $m
            br $bits
          end
        end
        local.get $i
        i32.const 16
        i32.add
        local.set $i
        br $blocks
      end
    end
    local.get $o
    local.get $out
    i32.sub
    i32.const 2
    i32.shr_u
  )
)
