"""The [faults] table and [check] page of the scenario format (lab/scenarios/README.md): servers
that misbehave, and where the check page comes from. Validation (errors name the file and the
field, through scenario_format's Validator), the one-line description, and the SCN_* variables
that lib/faults.sh turns into real servers (lab/faults/fault_server.py, nginx and coturn
variants). Split out of scenario_format.py to keep each file small."""

XMPP_FAULTS = ['no-upgrade', 'silent', 'garbage', 'oversized', 'reset']
PING_FAULTS = ['503', 'wrong-body']
PAGES = ['support', 'service']
FAULT_KEYS = ['xmpp', 'ping', 'turn_tls_wrong_name', 'tls_stall']


def validate(v, doc, plan, topo):
    """Adds page, fault_xmpp, fault_ping, fault_turn_tls_wrong_name and fault_tls_stall to the
    plan (v: the scenario_format Validator, whose err() raises). Combinations that cannot mean
    what they say are errors too: a fault nobody can see is a scenario that tests nothing."""
    regions = topo['TURN_REGIONS'].split()
    check = doc.get('check', {})
    plan['page'] = v.choice(check, 'page', 'check.page', PAGES, 'support')

    f = v.table(doc.get('faults', {}), 'faults', FAULT_KEYS)
    plan['fault_xmpp'] = v.choice(f, 'xmpp', 'faults.xmpp', XMPP_FAULTS, None) if 'xmpp' in f else None
    plan['fault_ping'] = v.choice(f, 'ping', 'faults.ping', PING_FAULTS, None) if 'ping' in f else None
    plan['fault_turn_tls_wrong_name'] = v.str_list(f, 'turn_tls_wrong_name', 'faults.turn_tls_wrong_name',
                                                   regions)
    plan['fault_tls_stall'] = v.str_list(f, 'tls_stall', 'faults.tls_stall',
                                         ['web'] + [f'turn-{r}' for r in regions])

    web_gone = 'web' in plan['fault_tls_stall'] or 'nginx' in plan['down']
    why_gone = ('faults.tls_stall has "web" (its port 443 never answers TLS)'
                if 'web' in plan['fault_tls_stall'] else 'servers.down has "nginx"')
    # The XMPP endpoint and the REST ping are nginx's: without it a fault there changes nothing.
    for key in ('xmpp', 'ping'):
        if plan[f'fault_{key}'] and web_gone:
            v.err(f'faults.{key}', f'has no effect: {why_gone}', plan[f'fault_{key}'])
    for i, r in enumerate(plan['fault_turn_tls_wrong_name']):
        off = [d for d in (f'turn-{r}', f'turn-{r}-tls') if d in plan['down']]
        if off or f'turn-{r}' in plan['fault_tls_stall']:
            cause = f'servers.down has "{off[0]}"' if off else f'faults.tls_stall has "turn-{r}"'
            v.err(f'faults.turn_tls_wrong_name[{i}]', f'has no effect: {cause}, so no coturn '
                  f'presents a certificate on {r}\'s TURN/TLS', r)

    if plan['page'] == 'service':
        # The page itself must load from the service's host.
        web, domain = topo['HOST_WEB'], topo['DOMAIN']
        if web_gone:
            cause = why_gone
        elif web in plan['dns_fail']:
            cause = f'dns.fail has "{web}"'
        elif {web, domain} & set(plan['block_hosts']):  # they share one address
            cause = f'firewall.block_hosts blocks {web}\'s address'
        else:
            cause = None
        if cause:
            v.err('check.page', f'cannot be "service": {cause}, so the page could not load from '
                  f'https://{web}/; use "support"', 'service')


def describe(plan, topo):
    """The [faults] and page parts of the network's one-line description."""
    parts = []
    if plan['fault_xmpp']:
        parts.append(f'XMPP WebSocket {plan["fault_xmpp"]}')
    if plan['fault_ping']:
        parts.append(f'REST ping {plan["fault_ping"]}')
    if plan['fault_turn_tls_wrong_name']:
        parts.append(f'TURN/TLS of {", ".join(plan["fault_turn_tls_wrong_name"])} shows a certificate '
                     f'for {topo["HOST_WRONG_NAME"]}')
    if plan['fault_tls_stall']:
        parts.append(f'TLS on 443 stalls at {", ".join(plan["fault_tls_stall"])}')
    out = ['faults: ' + '; '.join(parts)] if parts else []
    if plan['page'] == 'service':
        out.append(f'page from https://{topo["HOST_WEB"]}/ (the service\'s origin)')
    return out


def page_url(plan, topo):
    host = topo['HOST_WEB'] if plan['page'] == 'service' else topo['HOST_SUPPORT']
    return f'https://{host}/'


def page_mode(plan):
    """The report's page.mode a run must show: core compares the page's origin with the profile's."""
    return 'service' if plan['page'] == 'service' else 'other'


def env(plan, topo):
    """The SCN_* variables of plan.sh for lib/faults.sh and the browser driver's URL."""
    return {
        'SCN_FAULT_XMPP': plan['fault_xmpp'] or '', 'SCN_FAULT_PING': plan['fault_ping'] or '',
        'SCN_FAULT_TURN_TLS_WRONG_NAME': ' '.join(plan['fault_turn_tls_wrong_name']),
        'SCN_FAULT_TLS_STALL': ' '.join(plan['fault_tls_stall']),
        'SCN_PAGE_URL': page_url(plan, topo),
    }
