"""The scenario file format of lab/scenario (documented in lab/scenarios/README.md): loading and
validation of one TOML file into a plan, with errors naming the field. The row ids, statuses and
verdicts an [expect] table may use are core's own, read from the netready module."""
import json
import os
import re
import subprocess
import sys
import tomllib

import scenario_faults

REPO = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
RC_OK, RC_MISMATCH, RC_INVALID, RC_SETUP = 0, 1, 2, 3

def core_vocabulary():
    """The report's row ids, statuses and verdicts, from core itself (the wasm module's
    vocabulary() under node; NETREADY_WASM_DIR, else build/wasm): the scenario format accepts
    exactly the words the report can contain."""
    try:
        out = subprocess.run(['node', os.path.join(REPO, 'lab', 'core_module.mjs'), 'vocabulary'],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        v = json.loads(out)
        return ([r['id'] for r in v['rows']], [s['id'] for s in v['statuses']],
                [x['id'] for x in v['verdicts']])
    except (OSError, subprocess.SubprocessError, ValueError, KeyError) as e:
        sys.stderr.write(f'lab/scenario: cannot read the report vocabulary from the netready '
                         f'module (lab/core_module.mjs; build it: cmake --build --preset wasm): '
                         f'{e}\n')
        sys.exit(RC_SETUP)


ROW_IDS, STATUSES, VERDICTS = core_vocabulary()
# Figures of the report's "media" section a scenario may bound (core's netready.report/1 keys).
MEDIA_FIELDS = ['mos', 'connect_ms', 'loopback.loss_pct', 'loopback.rtt_ms', 'loopback.jitter_ms',
                'leg.loss_pct', 'leg.rtt_ms', 'leg.jitter_ms', 'capacity.kbps']
PROXY_POLICIES = ['allow-all', 'connect-443-only', 'deny-turn', 'deny-websocket', 'tls-intercept']
NAT_KINDS = ['none', 'port-preserving', 'symmetric']
# The browsers a scenario runs in; the first is the one [expect] describes, the others may
# differ in an [expect.<browser>] table that says why.
BROWSERS = ['chromium', 'firefox']


class Invalid(Exception):
    pass


def quote_list(items):
    q = [f'"{i}"' for i in items]
    return q[0] if len(q) == 1 else ', '.join(q[:-1]) + ' or ' + q[-1]


def shown(v):
    if v is None:
        return 'nothing'
    return json.dumps(v) if isinstance(v, (str, list, dict, bool)) else str(v)


class Validator:
    """Turns the parsed TOML into a plan; every error names the file and the field."""

    def __init__(self, path, names, down_allowed, topo):
        self.path, self.names, self.down_allowed, self.topo = path, names, down_allowed, topo

    def err(self, field, msg, got=None, show_got=True):
        text = f'{self.path}: {field}: {msg}'
        if show_got:
            text += f' (got {shown(got)})'
        raise Invalid(text)

    def table(self, data, field, allowed):
        if not isinstance(data, dict):
            self.err(field, 'must be a table', data)
        for k in data:
            if k not in allowed:
                where = f'{field}.{k}' if field else k
                self.err(where, f'unknown key (known here: {", ".join(allowed)})', show_got=False)
        return data

    def choice(self, data, key, field, choices, default):
        v = data.get(key, default)
        if not isinstance(v, str) or v not in choices:
            self.err(field, f'must be {quote_list(choices)}', v)
        return v

    def integer(self, data, key, field, lo, hi, default):
        v = data.get(key, default)
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            self.err(field, f'must be a whole number from {lo} to {hi}', v)
        return v

    def str_list(self, data, key, field, choices):
        v = data.get(key, [])
        if not isinstance(v, list):
            self.err(field, f'must be a list like ["{choices[0]}"]', v)
        for i, item in enumerate(v):
            if item not in choices:
                self.err(f'{field}[{i}]', f'must be one of {quote_list(choices)}', item)
        if len(set(v)) != len(v):
            self.err(field, 'lists an entry twice', v)
        return v

    def expectation(self, exp, field, base):
        """The expectation of one [expect] table: expect_verdict, expect_rows, max_check_ms,
        failing_evidence, expect_media. With `base`, fields absent from `exp` come from it."""
        out = dict(base) if base else {}
        if 'verdict' in exp or not base:
            out['expect_verdict'] = self.choice(exp, 'verdict', f'{field}.verdict', VERDICTS, None)
        rows = self.table(exp.get('rows', {}), f'{field}.rows', ROW_IDS)
        out['expect_rows'] = dict(base['expect_rows']) if base else {}
        for rid in ROW_IDS:
            if rid not in rows:
                continue
            v = rows[rid]
            vs = v if isinstance(v, list) else [v]
            if not vs or any(s not in STATUSES for s in vs) or len(set(vs)) != len(vs):
                self.err(f'{field}.rows.{rid}', f'must be {quote_list(STATUSES)}, or a list of '
                         'those that are all acceptable', v)
            out['expect_rows'][rid] = vs
        if 'max_check_ms' in exp or not base:
            out['max_check_ms'] = self.integer(exp, 'max_check_ms', f'{field}.max_check_ms', 1000,
                                               180000, 20000)
        # The connectivity verdict's time (report verdict_ms); optional, no default.
        if 'max_verdict_ms' in exp:
            out['max_verdict_ms'] = self.integer(exp, 'max_verdict_ms', f'{field}.max_verdict_ms',
                                                 100, 180000, None)
        # Per row, a text the report must contain there.
        for key, what in (('failing_evidence', 'in a failing evidence target, e.g. "turn-na1"'),
                          ('fault_evidence', 'in a failing evidence\'s outcome or detail, naming '
                           'the fault'),
                          ('summaries', 'the row\'s summary contains'),
                          ('advice', 'the row\'s advice contains')):
            texts = self.table(exp.get(key, {}), f'{field}.{key}', ROW_IDS)
            for rid, text in texts.items():
                if not isinstance(text, str) or not text:
                    self.err(f'{field}.{key}.{rid}', f'must be a non-empty string (text {what})', text)
            out[key] = {**(base[key] if base else {}), **texts}
        # Ranges over the report's media figures: "loopback.loss_pct" = [6.0, 25.0].
        media = self.table(exp.get('media', {}), f'{field}.media', MEDIA_FIELDS)
        for key, rng in media.items():
            if (not isinstance(rng, list) or len(rng) != 2 or
                    not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in rng) or
                    rng[0] > rng[1]):
                self.err(f'{field}.media.{key}', 'must be [low, high], two numbers with low <= high', rng)
        out['expect_media'] = {**(base['expect_media'] if base else {}), **media}
        return out

    def run(self, doc):
        self.table(doc, '', ['name', 'description', 'firewall', 'nat', 'proxy', 'dns', 'servers',
                             'impair', 'faults', 'check', 'expect'])
        plan = {}
        name = doc.get('name')
        if not isinstance(name, str) or not re.fullmatch(r'[a-z0-9][a-z0-9._-]{0,62}', name):
            self.err('name', 'required; lower-case letters, digits, ".", "_" and "-" (it names '
                     'the report file)', name)
        plan['name'] = name
        desc = doc.get('description', '')
        if not isinstance(desc, str):
            self.err('description', 'must be a string', desc)
        plan['description'] = desc

        proxy = doc.get('proxy')
        if proxy is not None:
            self.table(proxy, 'proxy', ['policy'])
            if 'policy' not in proxy:
                self.err('proxy.policy', f'required in [proxy]: {quote_list(PROXY_POLICIES)}',
                         show_got=False)
            plan['proxy'] = self.choice(proxy, 'policy', 'proxy.policy', PROXY_POLICIES, None)
        else:
            plan['proxy'] = None

        fw = self.table(doc.get('firewall', {}), 'firewall',
                        ['udp', 'tcp_ports', 'tcp_action', 'block_hosts'])
        # With a proxy the client may reach only the proxy (and the resolver) unless opened here.
        plan['udp'] = self.choice(fw, 'udp', 'firewall.udp', ['allow', 'drop', 'reject'],
                                  'drop' if plan['proxy'] else 'allow')
        ports = fw.get('tcp_ports', [] if plan['proxy'] else 'all')
        if ports != 'all':
            if not isinstance(ports, list) or any(
                    isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= 65535 for p in ports):
                self.err('firewall.tcp_ports', 'must be "all" or a list of port numbers like [443]', ports)
            ports = sorted(set(ports))
        plan['tcp_ports'] = ports
        plan['tcp_action'] = self.choice(fw, 'tcp_action', 'firewall.tcp_action', ['drop', 'reject'], 'drop')
        plan['block_hosts'] = self.str_list(fw, 'block_hosts', 'firewall.block_hosts', list(self.names))

        nat = self.table(doc.get('nat', {}), 'nat', ['kind'])
        plan['nat'] = self.choice(nat, 'kind', 'nat.kind', NAT_KINDS, 'port-preserving')

        dns = self.table(doc.get('dns', {}), 'dns', ['fail'])
        plan['dns_fail'] = self.str_list(dns, 'fail', 'dns.fail', list(self.names))

        srv = self.table(doc.get('servers', {}), 'servers', ['down'])
        plan['down'] = self.str_list(srv, 'down', 'servers.down', self.down_allowed)

        imp = self.table(doc.get('impair', {}), 'impair', ['delay_ms', 'loss_percent', 'rate_kbps'])
        plan['delay_ms'] = self.integer(imp, 'delay_ms', 'impair.delay_ms', 0, 2000, 0)
        loss = imp.get('loss_percent', 0)
        if isinstance(loss, bool) or not isinstance(loss, (int, float)) or not 0 <= loss <= 50:
            self.err('impair.loss_percent', 'must be a number from 0 to 50', loss)
        plan['loss_percent'] = loss if loss else 0
        plan['rate_kbps'] = self.integer(imp, 'rate_kbps', 'impair.rate_kbps', 0, 10_000_000, 0)
        if plan['rate_kbps'] and plan['rate_kbps'] < 32:
            self.err('impair.rate_kbps', 'must be 0 (no limit) or at least 32', plan['rate_kbps'])

        check = self.table(doc.get('check', {}), 'check', ['credentials', 'page'])
        cred = check.get('credentials', True)
        if not isinstance(cred, bool):
            self.err('check.credentials', 'must be true (the lab\'s TURN credentials) or false (none, '
                     'as on a support page without login)', cred)
        plan['credentials'] = cred
        scenario_faults.validate(self, doc, plan, self.topo)  # [faults] and check.page

        if 'expect' not in doc:
            self.err('expect', 'required: at least expect.verdict', show_got=False)
        exp = self.table(doc['expect'], 'expect',
                         ['verdict', 'rows', 'max_check_ms', 'max_verdict_ms', 'failing_evidence',
                          'fault_evidence', 'summaries', 'advice', 'media'] +
                         BROWSERS[1:])
        if 'verdict' not in exp:
            self.err('expect.verdict', f'required: {quote_list(VERDICTS)}', show_got=False)
        base = self.expectation(exp, 'expect', None)
        # [expect.firefox]: where that browser differs, and why; fields given there replace the
        # shared ones (rows, failing_evidence and media row by row), the rest is shared.
        plan['expect'] = {BROWSERS[0]: base}
        for browser in BROWSERS[1:]:
            if browser not in exp:
                plan['expect'][browser] = base
                continue
            field = f'expect.{browser}'
            sub = self.table(exp[browser], field,
                             ['why', 'verdict', 'rows', 'max_check_ms', 'max_verdict_ms',
                              'failing_evidence', 'fault_evidence', 'summaries', 'advice', 'media'])
            why = sub.get('why')
            if not isinstance(why, str) or not why.strip():
                self.err(f'{field}.why', f'required: why {browser} differs (what it does that the '
                         'other browser does not)', why)
            plan['expect'][browser] = self.expectation(sub, field, base)
        plan.update(plan['expect'][BROWSERS[0]])
        return plan


def media_value(report, path):
    v = report.get('media')
    for part in path.split('.'):
        v = v.get(part) if isinstance(v, dict) else None
    return v


def load(path, names, down_allowed, topo):
    try:
        with open(path, 'rb') as f:
            doc = tomllib.load(f)
    except OSError as e:
        raise Invalid(f'{path}: cannot read: {e.strerror}')
    except tomllib.TOMLDecodeError as e:
        raise Invalid(f'{path}: not valid TOML: {e}')
    return Validator(path, names, down_allowed, topo).run(doc)


