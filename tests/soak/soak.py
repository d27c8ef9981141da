#!/usr/bin/env python3
"""soak.py: the soak of issue 10, run by tests/soak/run.sh (see README.md there).

A 3-member etcd cluster and one skydns on loopback; for --duration seconds:
- dnsperf sends A queries for the services over UDP and over TCP (rate-capped with -Q, time-capped with -l);
- a writer changes 10% of the services every second, logging each write (start, acknowledgement, key, address);
- a checker asks random services with its own UDP/TCP client and compares every answer with the write log:
  an address is right if the key could have held it at some moment between (sent - lag) and received;
- faults: one member killed and restarted, then another, then all of etcd stopped for --outage seconds;
- a sampler reads skydns's RSS and descriptor count every second.
Prints answered / failed / wrong, peak RSS, RSS growth, descriptors at start and end; exits 1 when anything
failed or was wrong, skydns died, or its memory grew past --max-growth-kib after warm-up.
Everything is bounded: dnsperf by -l and -Q, the checker by its own rate, the writer by 10%/s.
"""
import argparse
import http.client
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("--skydns", required=True)
ap.add_argument("--etcd", default="etcd")
ap.add_argument("--duration", type=int, default=600)
ap.add_argument("--outage", type=int, default=30)
ap.add_argument("--services", type=int, default=1000)
ap.add_argument("--udp-qps", type=int, default=2000)
ap.add_argument("--tcp-qps", type=int, default=500)
ap.add_argument("--check-qps", type=int, default=100)
ap.add_argument("--lag", type=float, default=2.0, help="seconds a change may take to reach answers")
ap.add_argument("--reconnect", type=float, default=5.0,
                help="seconds skydns may take to notice etcd is back (the mirror's longest retry delay)")
ap.add_argument("--max-growth-kib", type=int, default=20480)
ap.add_argument("--workdir", required=True)
args = ap.parse_args()

os.makedirs(args.workdir, exist_ok=True)
T0 = time.monotonic()
stop_all = threading.Event()
procs = []


def now():
    return time.monotonic() - T0


def log(msg):
    line = "[%7.1fs] %s" % (now(), msg)
    print(line, flush=True)
    with open(os.path.join(args.workdir, "events.log"), "a") as f:
        f.write(line + "\n")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


# ---- etcd cluster -------------------------------------------------------------------------------
class Member:
    def __init__(self, name):
        self.name = name
        self.cport = free_port()
        self.pport = free_port()
        self.dir = os.path.join(args.workdir, "etcd-" + name)
        self.proc = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.cport

    def start(self, cluster):
        logf = open(os.path.join(args.workdir, "etcd-%s.log" % self.name), "a")
        self.proc = subprocess.Popen(
            [args.etcd, "--name", self.name, "--data-dir", self.dir, "--enable-v2=true",
             "--listen-client-urls", self.url, "--advertise-client-urls", self.url,
             "--listen-peer-urls", "http://127.0.0.1:%d" % self.pport,
             "--initial-advertise-peer-urls", "http://127.0.0.1:%d" % self.pport,
             "--initial-cluster", cluster, "--initial-cluster-state", "new",
             "--heartbeat-interval", "100", "--election-timeout", "1000"],
            stdout=logf, stderr=logf)
        procs.append(self.proc)

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


members = [Member("m%d" % i) for i in range(1, 4)]
cluster = ",".join("%s=http://127.0.0.1:%d" % (m.name, m.pport) for m in members)


def etcd_req(member, method, path, body=None, timeout=1.0):
    c = http.client.HTTPConnection("127.0.0.1", member.cport, timeout=timeout)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def start_cluster():
    for m in members:
        m.start(cluster)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            st, _ = etcd_req(members[0], "PUT", "/v2/keys/soak-ready", "value=1")
            if st in (200, 201):
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("etcd cluster did not start (see %s)" % args.workdir)


# ---- services and the write log ------------------------------------------------------------------
N = args.services
version = [0] * N
history = [[] for _ in range(N)]  # per key: [start, ack or None (failed: may or may not have applied), ip]
hist_lock = threading.Lock()
writes = {"ok": 0, "failed": 0}
wlog = open(os.path.join(args.workdir, "writes.log"), "w")


def key(i):
    return "/v2/keys/skydns/local/skydns/soak/s%d" % i


def ip_of(i, v):
    return "10.%d.%d.%d" % (v % 256, i // 256, i % 256)


def put(i, v, first=False):
    ip = ip_of(i, v)
    body = urllib.parse.urlencode({"value": json.dumps({"host": ip})})
    # In the log before the request: skydns may serve the value before our PUT returns.
    entry = [now(), None, ip]
    with hist_lock:
        history[i].append(entry)
    ok = False
    order = members[:]
    random.shuffle(order)
    for m in order:  # a client fails over to the next member, as skydns does
        try:
            st, _ = etcd_req(m, "PUT", key(i), body, timeout=1.0)
            if st in (200, 201):
                ok = True
                break
        except OSError:
            continue
    with hist_lock:
        entry[1] = now() if ok else None  # None: failed, may or may not have been applied
        writes["ok" if ok else "failed"] += 1
    if not first:
        wlog.write("%.3f %s %s %s\n" % (entry[0], "%.3f" % entry[1] if ok else "FAILED", key(i), ip))
    return ok


def writer():
    while not stop_all.is_set():
        tick = time.monotonic()
        for i in random.sample(range(N), max(1, N // 10)):
            version[i] += 1
            put(i, version[i])
        wlog.flush()
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))


outages = []  # [start, end or None]: all of etcd away (skydns serves its last snapshot meanwhile)


def acceptable(i, ip, sent, received, lag=None, outage_rule=True):
    """ip is right if the key could have held it at some moment in [sent - lag, received]. While all
    of etcd is away, and for the mirror's retry delay (--reconnect) after it returns, the freshest
    state skydns can know is the one etcd held when it went away: lo goes back to the outage start."""
    lo = sent - (args.lag if lag is None else lag)
    if outage_rule:
        for start, end in list(outages):
            if sent >= start and (end is None or sent <= end + args.reconnect):
                lo = min(lo, start - args.lag)
    with hist_lock:
        h = [list(e) for e in history[i]]
    for k, (start, ack, value) in enumerate(h):
        if value != ip or start > received:
            continue
        # It stays possible until a later write is acknowledged.
        end = None
        for later in h[k + 1:]:
            if later[1] is not None:
                end = later[1]
                break
        if end is None or end >= lo:
            return True
    return False


def self_test():
    """The checker can fail: a few answers judged against a made-up history of key 0."""
    saved, saved_lag = history[0], args.lag
    args.lag = 2.0
    history[0] = [[0.0, 1.0, "A"], [5.0, 6.0, "B"], [9.0, None, "C"]]
    try:
        assert acceptable(0, "A", 0.5, 0.6)          # current
        assert not acceptable(0, "B", 2.0, 2.1)      # not written yet
        assert acceptable(0, "A", 7.0, 7.1)          # replaced at 6.0, within the lag
        assert not acceptable(0, "A", 10.0, 10.1)    # replaced 4 s before
        assert acceptable(0, "C", 12.0, 12.1)        # a failed write may have been applied
        assert acceptable(0, "B", 12.0, 12.1)        # ... or not
        assert not acceptable(0, "D", 3.0, 3.1)      # never written
        outages.append([6.5, 8.0])
        assert acceptable(0, "A", 10.0, 10.1)        # etcd went away at 6.5: A replaced at 6.0, within the lag
        assert not acceptable(0, "A", 10.0, 10.1, outage_rule=False)
        assert not acceptable(0, "A", 14.0, 14.1)    # back at 8.0 + 5 s of retry delay
        outages.pop()
    finally:
        history[0], args.lag = saved, saved_lag


# ---- checker -------------------------------------------------------------------------------------
results = {"answered": 0, "failed": 0, "wrong": 0, "outage_rule": 0}
res_lock = threading.Lock()
wrong_log = open(os.path.join(args.workdir, "wrong.log"), "w")


def query(qid, name):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", 1, 1)


def answers_a(msg):
    """A addresses and rcode of a DNS answer (None when unparsable)."""
    if len(msg) < 12:
        return None
    _, flags, qd, an, _, _ = struct.unpack(">HHHHHH", msg[:12])
    pos = 12

    def skip_name(p):
        while True:
            l = msg[p]
            if l & 0xC0 == 0xC0:
                return p + 2
            p += 1
            if l == 0:
                return p
            p += l

    try:
        for _ in range(qd):
            pos = skip_name(pos) + 4
        out = []
        for _ in range(an):
            pos = skip_name(pos)
            typ, _, _, rdlen = struct.unpack(">HHIH", msg[pos:pos + 10])
            pos += 10
            if typ == 1 and rdlen == 4:
                out.append(".".join(str(b) for b in msg[pos:pos + 4]))
            pos += rdlen
        return flags & 0xF, out
    except (IndexError, struct.error):
        return None


def checker(port):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.settimeout(1.0)
    qid = 0
    interval = 1.0 / args.check_qps
    while not stop_all.is_set():
        qid = (qid + 1) & 0xFFFF
        i = random.randrange(N)
        tcp = qid % 5 == 0
        q = query(qid, "s%d.soak.skydns.local" % i)
        sent = now()
        msg = None
        try:
            if tcp:
                with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
                    s.sendall(struct.pack(">H", len(q)) + q)
                    buf = b""
                    while len(buf) < 2 or len(buf) < 2 + struct.unpack(">H", buf[:2])[0]:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        buf += chunk
                    msg = buf[2:]
            else:
                udp.sendto(q, ("127.0.0.1", port))
                while True:
                    msg, _ = udp.recvfrom(4096)
                    if struct.unpack(">H", msg[:2])[0] == qid:
                        break
        except OSError:
            msg = None
        received = now()
        parsed = answers_a(msg) if msg else None
        with res_lock:
            if parsed is None or parsed[0] != 0 or len(parsed[1]) != 1:
                results["failed"] += 1
                wrong_log.write("%.3f FAILED s%d %s %r\n" % (sent, i, "tcp" if tcp else "udp", parsed))
            elif not acceptable(i, parsed[1][0], sent, received):
                results["wrong"] += 1
                with hist_lock:
                    h = list(history[i][-4:])
                wrong_log.write("%.3f..%.3f WRONG s%d %s got %s; last writes %r\n"
                                % (sent, received, i, "tcp" if tcp else "udp", parsed[1][0], h))
            else:
                results["answered"] += 1
                # Right only because etcd was away (the value predates writes etcd took just before
                # the outage or right after it): counted as right, reported apart.
                if not acceptable(i, parsed[1][0], sent, received, outage_rule=False):
                    results["outage_rule"] += 1
        time.sleep(max(0.0, interval - (now() - sent)))


# ---- memory and descriptors ----------------------------------------------------------------------
samples = []  # (t, rss KiB, fds)


def sampler(pid):
    while not stop_all.is_set():
        try:
            with open("/proc/%d/status" % pid) as f:
                rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            fds = len(os.listdir("/proc/%d/fd" % pid))
            samples.append((now(), rss, fds))
        except (OSError, StopIteration):
            pass
        stop_all.wait(1.0)


# ---- dnsperf -------------------------------------------------------------------------------------
def dnsperf(mode, port, qps, duration):
    qfile = os.path.join(args.workdir, "queries.txt")
    out = open(os.path.join(args.workdir, "dnsperf-%s.log" % mode), "w")
    p = subprocess.Popen(["dnsperf", "-m", mode, "-s", "127.0.0.1", "-p", str(port), "-d", qfile,
                          "-l", str(duration), "-Q", str(qps), "-c", "4" if mode == "udp" else "8",
                          "-t", "2", "-S", "60"], stdout=out, stderr=subprocess.STDOUT)
    procs.append(p)
    return p


def parse_dnsperf(mode):
    text = open(os.path.join(args.workdir, "dnsperf-%s.log" % mode)).read()
    r = {"sent": 0, "completed": 0, "lost": 0, "noerror": 0}
    for line in text.splitlines():
        w = line.split()
        if line.strip().startswith("Queries sent:"):
            r["sent"] = int(w[2])
        elif line.strip().startswith("Queries completed:"):
            r["completed"] = int(w[2])
        elif line.strip().startswith("Queries lost:"):
            r["lost"] = int(w[2])
        elif line.strip().startswith("Response codes:"):
            codes = line.split(":", 1)[1].split(",")
            for c in codes:
                c = c.split()
                if c and c[0] == "NOERROR":
                    r["noerror"] = int(c[1])
    return r


# ---- the run -------------------------------------------------------------------------------------
def main():
    self_test()
    log("workdir %s; %d s, outage %d s, %d services" % (args.workdir, args.duration, args.outage, N))
    start_cluster()
    log("etcd cluster up: " + ",".join(m.url for m in members))
    for i in range(N):
        if not put(i, 0, first=True):
            sys.exit("could not load service %d" % i)
    with open(os.path.join(args.workdir, "queries.txt"), "w") as f:
        for i in range(N):
            f.write("s%d.soak.skydns.local A\n" % i)
    port = free_port()
    sky_log = open(os.path.join(args.workdir, "skydns.log"), "w")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKYDNS_", "ETCD_", "PROMETHEUS_"))}
    sky = subprocess.Popen([args.skydns, "-addr", "127.0.0.1:%d" % port, "-machines", ",".join(m.url for m in members),
                            "-nameservers", "127.0.0.1:1"], stdout=sky_log, stderr=subprocess.STDOUT, env=env)
    procs.append(sky)
    for _ in range(200):
        if "ready for queries" in open(os.path.join(args.workdir, "skydns.log")).read():
            break
        time.sleep(0.1)
    else:
        sys.exit("skydns did not start (see skydns.log)")
    log("skydns pid %d on 127.0.0.1:%d" % (sky.pid, port))

    D = args.duration
    t_load = now()
    perf = [dnsperf("udp", port, args.udp_qps, D), dnsperf("tcp", port, args.tcp_qps, D)]
    threads = [threading.Thread(target=f, args=a, daemon=True)
               for f, a in ((writer, ()), (checker, (port,)), (sampler, (sky.pid,)))]
    for t in threads:
        t.start()

    def at(frac):  # wait until frac of the run has passed
        while now() - t_load < frac * D and sky.poll() is None:
            time.sleep(0.2)

    # Faults: member loss (quorum kept), another member, then all of etcd away for --outage seconds.
    outage_at = max(0.55 * D, 0.0)
    plan = [(0.12, "kill", 2), (0.22, "start", 2), (0.32, "kill", 0), (0.42, "start", 0)]
    for frac, what, m in plan:
        at(frac)
        if what == "kill":
            members[m].kill()
            log("etcd %s killed (SIGKILL)" % members[m].name)
        else:
            members[m].start(cluster)
            log("etcd %s restarted" % members[m].name)
    at(outage_at / D)
    for m in members:
        m.kill(signal.SIGTERM)
    outages.append([now(), None])
    log("etcd fully stopped for %d s" % args.outage)
    time.sleep(args.outage)
    for m in members:
        m.start(cluster)
    outages[-1][1] = now()
    log("etcd restarted (all members)")
    for p in perf:
        p.wait()
    stop_all.set()
    for t in threads:
        t.join(5)
    log("load over")
    time.sleep(1.0)
    final_fds = len(os.listdir("/proc/%d/fd" % sky.pid)) if sky.poll() is None else -1
    alive = sky.poll() is None
    sky.send_signal(signal.SIGTERM)
    try:
        code = sky.wait(10)
    except subprocess.TimeoutExpired:
        sky.kill()
        code = "killed after SIGTERM timeout"
    for m in members:
        m.kill(signal.SIGTERM)
    wlog.close()
    wrong_log.close()

    # ---- report ----
    udp, tcp = parse_dnsperf("udp"), parse_dnsperf("tcp")
    rss = [s[1] for s in samples]
    warm = [s for s in samples if s[0] >= t_load + 0.2 * D]
    first_fds = samples[0][2] if samples else -1
    growth = (warm[-1][1] - warm[0][1]) if len(warm) >= 2 else 0
    # Slope over the last half (KiB per minute), less sensitive to one sample.
    half = [s for s in samples if s[0] >= t_load + 0.5 * D]
    slope = 0.0
    if len(half) >= 3:
        mt = sum(s[0] for s in half) / len(half)
        mr = sum(s[1] for s in half) / len(half)
        den = sum((s[0] - mt) ** 2 for s in half)
        slope = 60 * sum((s[0] - mt) * (s[1] - mr) for s in half) / den if den else 0.0
    failed_perf = udp["lost"] + tcp["lost"] + (udp["completed"] - udp["noerror"]) + (tcp["completed"] - tcp["noerror"])
    lines = [
        "soak: %d s of load, %d services, writer %d ok / %d failed writes (failed ones: etcd away)"
        % (D, N, writes["ok"], writes["failed"]),
        "dnsperf udp: sent %d, answered %d (NOERROR %d), lost %d" % (udp["sent"], udp["completed"], udp["noerror"], udp["lost"]),
        "dnsperf tcp: sent %d, answered %d (NOERROR %d), lost %d" % (tcp["sent"], tcp["completed"], tcp["noerror"], tcp["lost"]),
        "checker (own client, vs the write log, lag %.1f s): answered right %d, failed %d, wrong %d; "
        "%d of the right ones held a value etcd had replaced just before the full outage or within %.0f s "
        "after it (skydns cannot know sooner)"
        % (args.lag, results["answered"], results["failed"], results["wrong"], results["outage_rule"], args.reconnect),
        "TOTAL answered %d, failed %d, wrong %d"
        % (udp["noerror"] + tcp["noerror"] + results["answered"], failed_perf + results["failed"], results["wrong"]),
        "skydns RSS: start %d KiB, peak %d KiB, after warm-up %d KiB, end %d KiB, growth after warm-up %+d KiB, "
        "slope over the last half %+.0f KiB/min"
        % (rss[0] if rss else -1, max(rss) if rss else -1, warm[0][1] if warm else -1, rss[-1] if rss else -1,
           growth, slope),
        "skydns descriptors: %d at the start of the load, %d at the end; alive at the end: %s; exit on SIGTERM: %s"
        % (first_fds, final_fds, alive, code),
    ]
    with open(os.path.join(args.workdir, "samples.tsv"), "w") as f:
        f.write("t\trss_kib\tfds\n")
        for s in samples:
            f.write("%.1f\t%d\t%d\n" % s)
    with open(os.path.join(args.workdir, "report.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    bad = failed_perf + results["failed"] + results["wrong"] > 0 or not alive or code != 0 \
        or growth > args.max_growth_kib or final_fds > first_fds + 2
    print("soak: %s" % ("FAILED" if bad else "passed"))
    return 1 if bad else 0


try:
    rc = main()
finally:
    stop_all.set()
    for p in procs:
        if p.poll() is None:
            p.kill()
sys.exit(rc)
