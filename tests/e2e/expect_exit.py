#!/usr/bin/env python3
"""Run a command and assert its exit status (and optionally text in its output).

  expect_exit.py CODE [--stdout-contains TEXT]... [--stderr-contains TEXT]... -- CMD ARGS...

Output of CMD is passed through; exit 0 when every assertion holds, 1 otherwise.
"""
import subprocess
import sys

args = sys.argv[1:]
if '--' not in args or not args or not args[0].lstrip('-').isdigit():
    sys.exit(__doc__)
code = int(args[0])
sep = args.index('--')
opts, cmd = args[1:sep], args[sep + 1:]
want = {'--stdout-contains': [], '--stderr-contains': []}
for i in range(0, len(opts), 2):
    want[opts[i]].append(opts[i + 1])
run = subprocess.run(cmd, capture_output=True, text=True)
sys.stdout.write(run.stdout)
sys.stderr.write(run.stderr)
fails = []
if run.returncode != code:
    fails.append(f'exit status {run.returncode}, expected {code}')
for text in want['--stdout-contains']:
    if text not in run.stdout:
        fails.append(f'stdout lacks {text!r}')
for text in want['--stderr-contains']:
    if text not in run.stderr:
        fails.append(f'stderr lacks {text!r}')
print(f'expect_exit: {"FAILED: " + "; ".join(fails) if fails else f"ok (exit {code})"}')
sys.exit(1 if fails else 0)
