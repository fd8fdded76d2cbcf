#!/usr/bin/env python3
"""The emulated machine's host side: boots the guest that tools/vm/guest.sh
made, with emulated NICs behind an emulated Intel IOMMU (QEMU in software
emulation, no KVM needed), runs the integration tests the filter names in
it, and serves the tests' requests to take a NIC out or put it back.

    tools/vm/run.py --guest DIR [--filter PATTERN] [--env K=V]...
                    [--json FILE] [--log FILE] [--timeout SECONDS]

The guest's console (ttyS0) is this process's pipe: every line goes to the
log, the tests' progress lines to stdout. Its second serial port (ttyS1)
carries one request per line from the tests (tests/integration/
emulated_pci.cpp) and this side's answer:
    device_del ADDR SECONDS -> "ok MS" once QEMU reports the NIC removed
                               (DEVICE_DELETED), "error ..." after SECONDS
    device_add ADDR         -> "ok" once QEMU has added it again
The NICs' netdevs are hubports that lead nowhere: the guest has no network.
The last line reads "N passed, N failed".
"""
import argparse
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'scripts', 'lib'))
import gtest_json  # noqa: E402

# The NICs: one of each model, each on its own PCIe root port.
NICS = [
    {'driver': 'virtio-net-pci', 'id': 'vnet1', 'bus': 'rp1', 'netdev': 'n1',
     'iommu_platform': True},
    {'driver': 'e1000e', 'id': 'e1', 'bus': 'rp2', 'netdev': 'n2'},
]
# free root ports, for a test that wants a slot of its own
SPARE_PORTS = ['rp3', 'rp4']


def qemu_command(guest, work, append):
    cmd = ['qemu-system-x86_64', '-machine', 'q35', '-accel', 'tcg',
           '-cpu', 'max', '-smp', '2', '-m', '2048', '-nodefaults',
           '-display', 'none', '-no-reboot',
           '-serial', 'stdio',
           '-serial', 'unix:%s,server=on,wait=off' % os.path.join(work, 'ctl.sock'),
           '-qmp', 'unix:%s,server=on,wait=off' % os.path.join(work, 'qmp.sock'),
           '-kernel', os.path.join(guest, 'vmlinuz'),
           '-initrd', os.path.join(guest, 'initramfs.cpio'),
           '-append', append,
           '-device', 'intel-iommu,intremap=on']
    ports = [n['bus'] for n in NICS] + SPARE_PORTS
    for i, p in enumerate(ports, 1):
        cmd += ['-device', 'pcie-root-port,id=%s,slot=%d,chassis=%d' % (p, i, i)]
    for n in NICS:
        cmd += ['-netdev', 'hubport,id=%s,hubid=%s' % (n['netdev'], n['netdev'][1:])]
        props = ','.join('%s=%s' % (k, 'on' if v is True else v)
                         for k, v in n.items() if k != 'driver')
        cmd += ['-device', '%s,%s' % (n['driver'], props)]
    return cmd


class Qmp:
    """QEMU's monitor: commands answered in order, events kept."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.file = self.sock.makefile('rw')
        self.replies = queue.Queue()
        self.events = []
        self.cond = threading.Condition()
        json.loads(self.file.readline())  # greeting
        threading.Thread(target=self._read, daemon=True).start()
        self.call('qmp_capabilities')

    def _read(self):
        for line in self.file:
            msg = json.loads(line)
            if 'event' in msg:
                with self.cond:
                    self.events.append(msg)
                    self.cond.notify_all()
            else:
                self.replies.put(msg)
        self.replies.put({'error': {'desc': 'QMP closed'}})

    def call(self, cmd, **args):
        msg = {'execute': cmd}
        if args:
            msg['arguments'] = args
        self.file.write(json.dumps(msg) + '\n')
        self.file.flush()
        reply = self.replies.get(timeout=30)
        if 'error' in reply:
            raise RuntimeError('%s: %s' % (cmd, reply['error'].get('desc')))
        return reply.get('return')

    def wait_event(self, name, match, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for i, e in enumerate(self.events):
                    if e['event'] == name and match(e.get('data', {})):
                        del self.events[i]
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)


def pci_ids(qmp):
    """PCI address in the guest -> QEMU's device id, from query-pci."""
    ids = {}

    def walk(bus):
        for d in bus.get('devices', []):
            if d.get('qdev_id'):
                ids['0000:%02x:%02x.%x' % (d['bus'], d['slot'], d['function'])] = d['qdev_id']
            bridge = d.get('pci_bridge')
            if bridge and 'devices' in bridge:
                walk(bridge)
    for bus in qmp.call('query-pci'):
        walk(bus)
    return ids


class Control:
    """The tests' requests on the guest's ttyS1."""

    def __init__(self, path, qmp, log):
        self.qmp = qmp
        self.log = log
        self.removed = {}  # address -> the NIC's properties
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        buf = b''
        while True:
            data = self.sock.recv(4096)
            if not data:
                return
            buf += data
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                request = line.decode(errors='replace').strip()
                if not request:
                    continue
                try:
                    answer = self._handle(request.split())
                except Exception as e:  # the test gets the reason
                    answer = 'error %s' % e
                self.log('[host] %s -> %s' % (request, answer))
                self.sock.sendall((answer + '\n').encode())

    def _handle(self, words):
        if words[0] == 'device_del' and len(words) == 3:
            addr, timeout = words[1], float(words[2])
            qid = pci_ids(self.qmp).get(addr)
            if qid is None:
                return 'error no device at %s' % addr
            nic = next(n for n in NICS if n['id'] == qid)
            t0 = time.monotonic()
            self.qmp.call('device_del', id=qid)
            if self.qmp.wait_event('DEVICE_DELETED',
                                   lambda d: d.get('device') == qid, timeout) is None:
                return ('error %s (%s) is still there after %g s: the guest did '
                        'not let it go' % (addr, qid, timeout))
            self.removed[addr] = nic
            return 'ok %d' % ((time.monotonic() - t0) * 1000)
        if words[0] == 'device_add' and len(words) == 2:
            nic = self.removed.pop(words[1], None)
            if nic is None:
                return 'error %s was not taken out' % words[1]
            self.qmp.call('device_add', **nic)
            return 'ok'
        return 'error unknown request'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--guest', required=True)
    ap.add_argument('--filter', default='Emulated*')
    ap.add_argument('--env', action='append', default=[])
    ap.add_argument('--json')
    ap.add_argument('--log')
    ap.add_argument('--timeout', type=float, default=3600)
    a = ap.parse_args()
    if shutil.which('qemu-system-x86_64') is None:
        print('run.py: no qemu-system-x86_64 (Debian package qemu-system-x86)')
        print('0 passed, 1 failed')
        return 1

    work = tempfile.mkdtemp(prefix='hotplug_mp-vm.')
    logf = open(a.log, 'w') if a.log else open(os.devnull, 'w')
    lock = threading.Lock()

    def log(line):
        with lock:
            logf.write(line + '\n')
            logf.flush()

    # no spaces in either: the kernel splits its command line at them
    append = ' '.join(['console=ttyS0', 'loglevel=4', 'panic=-1', 'hugepages=256',
                       'intel_iommu=on', 'iommu=pt', 'print-fatal-signals=1',
                       'hp.filter=' + a.filter] +
                      (['hp.env=' + ','.join(['GTEST_COLOR=no'] + a.env)]))
    t0 = time.monotonic()
    qemu = subprocess.Popen(qemu_command(a.guest, work, append),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    state = {'up': None, 'report': None, 'status': None}
    try:
        qmp = Qmp(os.path.join(work, 'qmp.sock'))
        Control(os.path.join(work, 'ctl.sock'), qmp, log)
        timer = threading.Timer(a.timeout, lambda: os.killpg(qemu.pid, signal.SIGKILL))
        timer.start()
        report, in_report = [], False
        for raw in qemu.stdout:
            line = raw.decode(errors='replace').rstrip('\r\n')
            log(line)
            if in_report:
                if line == '@@hp result-end':
                    in_report = False
                    state['report'] = '\n'.join(report)
                else:
                    report.append(line)
            elif line.startswith('@@hp up'):
                state['up'] = time.monotonic() - t0
                print('[vm] guest up in %.1f s' % state['up'], flush=True)
            elif line == '@@hp result-begin':
                in_report = True
            elif line.startswith('@@hp status'):
                state['status'] = line.split()[-1]
            elif line.startswith('@@hp '):
                print('[vm] ' + line[5:], flush=True)
            elif line.startswith(('[ RUN', '[       OK', '[  FAILED', '[  SKIPPED')):
                print('[vm] ' + line, flush=True)
        qemu.wait()
        timer.cancel()
    finally:
        if qemu.poll() is None:
            os.killpg(qemu.pid, signal.SIGKILL)
            qemu.wait()
        shutil.rmtree(work, ignore_errors=True)
    took = time.monotonic() - t0
    if state['report'] is None:
        print('[vm] no report from the guest after %.0f s (log %s)' % (took, a.log))
        print('0 passed, 1 failed')
        return 1
    if a.json:
        with open(a.json, 'w') as f:
            f.write(state['report'])
    n = gtest_json.counts(gtest_json.parse(state['report']))
    print('[vm] %d tests in %.0f s, the guest up in %.1f s' %
          (sum(n.values()), took, state['up'] or 0))
    print('%d passed, %d failed' % (n['passed'], n['failed']))
    return 0 if n['failed'] == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
