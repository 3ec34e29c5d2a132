;; The text form of wasm/module-text.js back to bytes, in place. JS writes
;; the text (ASCII, a byte a character) from offset 512 and calls decode
;; with its length; the bytes are then from 512, and decode returns their
;; count. 0..255 hold each plain character's index, 256..511 the values
;; that are not plain characters, in order.
(module
  (memory (export "memory") 1)
  (func (export "decode") (param $length i32) (result i32)
    (local $code i32) (local $plain i32) (local $other i32) (local $at i32) (local $size i32)
    ;; Plain: printable ASCII but the quote, the backslash, '<', '{' and '}'.
    (loop $alphabet
      (if (i32.and
            (i32.and (i32.gt_u (local.get $code) (i32.const 31)) (i32.lt_u (local.get $code) (i32.const 127)))
            (i32.and
              (i32.and (i32.ne (local.get $code) (i32.const 34)) (i32.ne (local.get $code) (i32.const 92)))
              (i32.and (i32.ne (local.get $code) (i32.const 60))
                (i32.ne (i32.and (i32.sub (local.get $code) (i32.const 123)) (i32.const -3)) (i32.const 0)))))
        (then (i32.store8 (local.get $code) (local.get $plain))
              (local.set $plain (i32.add (local.get $plain) (i32.const 1))))
        (else (i32.store8 offset=256 (local.get $other) (local.get $code))
              (local.set $other (i32.add (local.get $other) (i32.const 1)))))
      (br_if $alphabet (i32.ne (local.tee $code (i32.add (local.get $code) (i32.const 1))) (i32.const 256))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $code (i32.load8_u offset=512 (local.get $at)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        ;; '{' and '}' escape the next character: the value is the other
        ;; value at its index, the second escape counting on from the plain count.
        (if (i32.eqz (i32.and (i32.sub (local.get $code) (i32.const 123)) (i32.const -3)))
          (then
            (local.set $code (i32.load8_u offset=256
              (i32.add (select (local.get $plain) (i32.const 0) (i32.eq (local.get $code) (i32.const 125)))
                       (i32.load8_u (i32.load8_u offset=512 (local.get $at))))))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))))
        (i32.store8 offset=512 (local.get $size) (i32.sub (local.get $code) (i32.const 40)))
        (local.set $size (i32.add (local.get $size) (i32.const 1)))
        (br $next)))
    (local.get $size)))
