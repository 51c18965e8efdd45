#!/usr/bin/env python3
"""Every file in DIR is an invalid scenario whose first line is `# error: TEXT`:
`lab/scenario FILE --validate` must exit 2 with TEXT on stderr. No lab, no root needed."""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
runner = os.path.join(here, '..', '..', 'lab', 'scenario')
d = sys.argv[1]
fails = 0
files = sorted(f for f in os.listdir(d) if f.endswith('.toml'))
for f in files:
    path = os.path.join(d, f)
    with open(path, encoding='utf-8') as fh:
        first = fh.readline().strip()
    want = first.removeprefix('# error: ')
    run = subprocess.run([runner, path, '--validate'], capture_output=True, text=True)
    ok = run.returncode == 2 and want in run.stderr
    fails += not ok
    print(f'{"ok  " if ok else "FAIL"} {f}: exit {run.returncode}: {run.stderr.strip()}')
    if not ok:
        print(f'     expected exit 2 and: {want}')
print(f'{len(files) - fails}/{len(files)} invalid files rejected as expected')
sys.exit(1 if fails or not files else 0)
