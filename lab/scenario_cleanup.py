"""The clean-up side of lab/scenario: the host's state before and after a run, what is still left
on the lab's namespaces (processes, file handles), the sweep of work dirs of SIGKILLed runs, and
the teardown check that prints the "cleanup:" line. Split out of lab/scenario to keep it under
the file size limit."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def host_state():
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.TimeoutExpired):
            return ''
    return {
        'tables': run(['nft', 'list', 'tables']).splitlines(),
        'links': [l.split(':')[1].strip().split('@')[0] for l in run(['ip', '-o', 'link', 'show']).splitlines()],
        'netns': run(['ip', 'netns', 'list']).split(),
    }


def leftovers(ns_ids):
    """Processes still in (or file handles still on) any of the lab's namespaces."""
    procs, handles = [], []
    if not ns_ids:
        return procs, handles
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            for kind in ('net', 'pid', 'mnt'):
                if os.readlink(f'/proc/{pid}/ns/{kind}') in ns_ids:
                    procs.append(pid)
                    break
            for fd in os.listdir(f'/proc/{pid}/fd'):
                try:
                    if os.readlink(f'/proc/{pid}/fd/{fd}') in ns_ids:
                        handles.append(f'{pid}/fd/{fd}')
                except OSError:
                    pass
        except OSError:
            continue
    return procs, handles


def sweep_stale():
    """Work dirs of runs that were SIGKILLed (no secrets: those were on the lab's own tmpfs)."""
    tmp = tempfile.gettempdir()
    for d in os.listdir(tmp):
        path = os.path.join(tmp, d)
        if not re.fullmatch(r'netready-scn\.[A-Za-z0-9_]+', d) or not os.path.isdir(path):
            continue
        try:
            with open(os.path.join(path, 'ns-ids')) as f:
                ids = {l.strip() for l in f if l.strip()}
        except OSError:
            if time.time() - os.path.getmtime(path) < 3600:
                continue  # maybe a run that is just starting
            ids = set()
        if ids and any(leftovers(ids)):
            continue  # that lab is still running
        shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(path + '.pub', ignore_errors=True)


def check_teardown(dirs, host_before):
    """The kernel removed the namespaces with their last process: verifies it (no process or
    handle left on them, no new nft table or link in the host namespace), removes the work dirs
    and prints the cleanup line. True when clean."""
    work, pub, _logs = dirs
    ns_ids = set()
    try:
        with open(os.path.join(work, 'ns-ids')) as f:
            ns_ids = {l.strip() for l in f if l.strip()}
    except OSError:
        pass
    procs, handles = leftovers(ns_ids)
    st = host_state()
    # our rulesets (router's netready_scn_*, the impairment helper's iptables-nft "mangle", the
    # servers' netready_lab) must never appear in the host namespace
    new_tables = [t for t in st['tables'] if t not in host_before['tables'] or 'netready' in t]
    new_links = [l for l in st['links'] if l not in host_before['links']] + \
        [l for l in st['links'] if l in ('srv0', 'cli0', 'rtr-srv', 'rtr-cli')]
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(pub, ignore_errors=True)  # holds the logs unless --keep-logs
    n_net = sum(1 for i in ns_ids if i.startswith('net:'))
    new_links += [f'netns {n}' for n in st['netns'] if n not in host_before['netns']]
    clean = not procs and not handles and not new_tables and not new_links
    if clean:
        print(f'cleanup: ok: no process left in the lab\'s PID/mount/network namespaces, no handle on '
              f'its {n_net} network namespaces (so they are gone), host namespace: no new nft table '
              f'({len(st["tables"])} before and after), no new link; work dir removed')
    else:
        print(f'cleanup: NOT CLEAN: processes {procs} handles {handles} new host nft tables {new_tables} '
              f'new host links {new_links}', file=sys.stderr)
    return clean
