"""The comparison side of lab/scenario: the report against the plan's [expect] table, row by
row (compare), and the expected-vs-got table with the PASS/FAIL line and exit status (judge).
Split out of lab/scenario to keep it under the file size limit."""
import json
import sys

from scenario_format import RC_MISMATCH, RC_OK, ROW_IDS, media_value


def compare(plan, report):
    """[(row, expected, got, ok)] for the verdict, every row, failing evidence and the time."""
    lines = []
    if report is None:
        lines.append(('verdict', plan['expect_verdict'], '(no report)', False))
        for rid, want in plan['expect_rows'].items():
            lines.append((rid, ' or '.join(want), '(no report)', False))
        return lines
    v = report.get('verdict')
    lines.append(('verdict', plan['expect_verdict'], str(v), v == plan['expect_verdict']))
    rows = {r.get('id'): r for r in report.get('requirements', []) if isinstance(r, dict)}
    for rid in ROW_IDS + [r for r in rows if r not in ROW_IDS]:
        got = rows[rid].get('status') if rid in rows else '(missing)'
        want = plan['expect_rows'].get(rid)
        if want is None:
            if rid in rows:
                lines.append((rid, '-', str(got), True))
            continue
        lines.append((rid, ' or '.join(want), str(got), got in want))
    for rid, text in plan['failing_evidence'].items():
        ev = rows.get(rid, {}).get('evidence', []) if rid in rows else []
        hits = [e for e in ev if isinstance(e, dict) and e.get('status') == 'fail' and text in str(e.get('target', ''))]
        got = hits[0].get('target') if hits else 'no failing evidence names it'
        lines.append((f'{rid} evidence', f'fail naming "{text}"', got, bool(hits)))
    for rid, text in plan.get('fault_evidence', {}).items():
        ev = rows.get(rid, {}).get('evidence', []) if rid in rows else []
        said = [f"{e.get('outcome', '')} | {e.get('detail', '')}" for e in ev
                if isinstance(e, dict) and e.get('status') == 'fail']
        hits = [t for t in said if text in t]
        got = (hits or said or ['no failing evidence'])[0]
        lines.append((f'{rid} fault', f'evidence says "{text}"', got[:90], bool(hits)))
    for rid, text in plan.get('summaries', {}).items():
        got = str(rows.get(rid, {}).get('summary', '(missing)'))
        lines.append((f'{rid} summary', f'contains "{text}"', got[:90], text in got))
    for rid, text in plan.get('advice', {}).items():
        got = str(rows.get(rid, {}).get('advice', '(missing)'))
        lines.append((f'{rid} advice', f'contains "{text}"', got[:90], text in got))
    for key, (lo, hi) in plan.get('expect_media', {}).items():
        got = media_value(report, key)
        ok = isinstance(got, (int, float)) and not isinstance(got, bool) and lo <= got <= hi
        lines.append((f'media {key}', f'{lo} .. {hi}', str(got), ok))
    el = report.get('elapsed_ms')
    ok = isinstance(el, (int, float)) and el <= plan['max_check_ms']
    lines.append(('check time', f'<= {plan["max_check_ms"]} ms', f'{el} ms', ok))
    if 'max_verdict_ms' in plan:
        vm = report.get('verdict_ms')
        ok = isinstance(vm, (int, float)) and not isinstance(vm, bool) and vm <= plan['max_verdict_ms']
        lines.append(('verdict time', f'<= {plan["max_verdict_ms"]} ms', f'{vm} ms', ok))
    if 'page_mode' in plan:
        page = report.get('page') if isinstance(report.get('page'), dict) else {}
        lines.append(('page mode', plan['page_mode'], str(page.get('mode')),
                      page.get('mode') == plan['page_mode']))
    return lines


def judge(plan, json_path, rc, wall_ms, clean, browser):
    """Reads the report, prints the expected-vs-got table and the verdict line; the exit status."""
    name = plan['name']
    report = None
    try:
        with open(json_path) as f:
            report = json.load(f)
    except (OSError, ValueError):
        print(f'scenario {name}: no report (browser driver exit {rc})', file=sys.stderr)
    lines = compare(plan, report)
    w = max(len(l[0]) for l in lines) + 2
    we = max(len(l[1]) for l in lines) + 2
    print(f'\n{"row".ljust(w)}{"expected".ljust(we)}got')
    for row, want, got, ok in lines:
        print(f'{row.ljust(w)}{want.ljust(we)}{got}{"" if ok else "   <-- MISMATCH"}')
    el = report.get('elapsed_ms') if report else None
    bad = [l for l in lines if not l[3]]
    print(f'\nscenario {name} ({browser}): {"PASS" if not bad and clean else "FAIL"}: '
          f'{len(bad)} mismatch(es); check {el} ms, wall {wall_ms} ms (lab + browser); '
          f'report {json_path}')
    if rc not in (0,) and report is not None and not bad:
        print(f'scenario {name}: note: browser driver exit {rc}', file=sys.stderr)
    return RC_OK if not bad and clean else RC_MISMATCH
