// wasm/order_functions.mjs keeps the module whole: the same functions (by the shape of their
// code) and the same other forms, in the order it promises, on a small module whose strings hold
// what a careless parser would take for syntax, and on the real module.
// Usage: node order_functions_test.mjs WASM_OPT WASM_DIS /path/to/netready.wasm
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { orderModule, shapeOf, topLevelForms } from '../../wasm/order_functions.mjs';

const [wasmOpt, wasmDis, moduleWasm] = process.argv.slice(2);
if (!moduleWasm) throw new Error('usage: order_functions_test.mjs WASM_OPT WASM_DIS netready.wasm');
const script = fileURLToPath(new URL('../../wasm/order_functions.mjs', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-order-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const forms = (file) =>
  topLevelForms(execFileSync(wasmDis, [file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
const funcShapes = (list) => list.filter((f) => f.startsWith('(func ')).map(shapeOf);
const others = (list) => list.filter((f) => !f.startsWith('(func '));

test('a small module: strings with parentheses and ";;" stay data, every function stays', () => {
  const wat = path.join(tmp, 'small.wat');
  fs.writeFileSync(wat, `(module
  (import "env" "log" (func $log (param i32)))
  (memory 1)
  (data (i32.const 16) "(func ;; not code) \\")(\\"")
  (func $big (export "big") (param i32) (result i32)
    (call $log (local.get 0))
    (call $small (i32.add (local.get 0) (i32.const 7))))
  (func $small (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $unused (result i32) (i32.const 42)))
`);
  const file = path.join(tmp, 'small.wasm');
  execFileSync(wasmOpt, [wat, '-o', file]);
  const before = forms(file);
  assert.equal(funcShapes(before).length, 3);
  execFileSync('/usr/bin/node', [script, wasmOpt, wasmDis, file]);
  const after = forms(file);
  assert.deepEqual([...funcShapes(after)].sort(), [...funcShapes(before)].sort());
  assert.deepEqual(others(after), others(before));  // the data string byte for byte
});

test('text the parser cannot balance is an error, not a module cut short', () => {
  assert.throws(() => topLevelForms('(module (func $f (i32.const 1)'), /unbalanced/);
});

test('the module: every function kept, then in shape order after the most called', () => {
  const before = forms(moduleWasm);
  const { text, hotCount } = orderModule(
    execFileSync(wasmDis, [moduleWasm], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const after = topLevelForms(text);
  const shapes = funcShapes(after);
  assert.ok(shapes.length > 500, `${shapes.length} functions`);
  assert.deepEqual([...shapes].sort(), [...funcShapes(before)].sort());
  assert.deepEqual(others(after), others(before));
  assert.ok(hotCount > 0 && hotCount < 128);
  for (let i = hotCount + 1; i < shapes.length; i++) {
    assert.ok(shapes[i - 1] <= shapes[i], `function ${i} out of shape order`);
  }
});
