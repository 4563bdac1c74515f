#!/usr/bin/env python3
"""A real, local Elasticsearch for tests and CI: fetched through Maven, run as an unprivileged user.

    python3 .ci/es.py up [--nodes N]     fetch (cached in ~/.m2), unpack, start N nodes, wait for green
    python3 .ci/es.py down               stop every node (TERM, then KILL after a grace period)
    python3 .ci/es.py kill K             kill -9 node K (1-based): a real crash, for the fail-over test
    python3 .ci/es.py start K            start node K again (same data folder) and wait for it to join
    python3 .ci/es.py status             one line per node; exit 1 when none answers
    python3 .ci/es.py url                the URL of node 1 (http://127.0.0.1:9250)

The distribution is ``org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION`` (type
zip): core + transport only, x-pack core and security only (security is turned off) and no analysis-common (vanban
analyses Vietnamese in Python, see indexer/es_backend.py). 9.x needs Java 21+: ES_JAVA_HOME defaults
to the Temurin 25 JDK. Everything lives in ``var/es/`` (ignored by git): the unpacked distribution,
one config/data/logs folder per node. HTTP on 127.0.0.1:$ES_PORT+K-1 (9250…), transport on
127.0.0.1:$ES_PORT+100+K-1, so it never meets a developer's own cluster on 9200.

Elasticsearch refuses to run as root: when started by root the nodes run as the system user
``vanban-es`` (created on first use) and ``var/es`` is given to it.
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = os.environ.get("ES_VERSION", "9.1.0")          # docker-compose.yml runs the same version
BASE_PORT = int(os.environ.get("ES_PORT", "9250"))
HEAP = os.environ.get("ES_HEAP", "512m")
JAVA_HOME = os.environ.get("ES_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
HOME = Path(os.environ.get("ES_HOME_DIR", ROOT / "var" / "es")).resolve()
USER = os.environ.get("ES_USER", "vanban-es")
ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{VERSION}:zip"
STATE = HOME / "cluster.json"


def log(msg: str) -> None:
    print(f"es: {msg}", file=sys.stderr, flush=True)


def http(port: int, path: str, timeout: float = 5.0) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            return json.loads(r.read().decode())
    except Exception:
        return None


# -- distribution --------------------------------------------------------------------------------

def m2_zip() -> Path:
    return (Path.home() / ".m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch"
            / VERSION / f"elasticsearch-{VERSION}.zip")


def fetch() -> Path:
    """The unpacked distribution, fetched by Maven into ~/.m2 the first time."""
    dist = HOME / f"elasticsearch-{VERSION}"
    if (dist / "bin" / "elasticsearch").exists():
        return dist
    z = m2_zip()
    if not z.exists():
        log(f"mvn dependency:get {ARTIFACT}")
        r = subprocess.run(["mvn", "-q", "-B", "dependency:get", f"-Dartifact={ARTIFACT}", "-Dtransitive=false"])
        if r.returncode or not z.exists():
            sys.exit(f"es: cannot fetch {ARTIFACT} through Maven (exit {r.returncode}); is Maven Central reachable?")
    HOME.mkdir(parents=True, exist_ok=True)
    tmp = HOME / f".unpack-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(z) as zf:
        for info in zf.infolist():
            out = zf.extract(info, tmp)
            mode = info.external_attr >> 16
            if mode:
                os.chmod(out, mode & 0o7777)
    inner = next(tmp.iterdir())
    inner.rename(dist)
    tmp.rmdir()
    return dist


# -- user ----------------------------------------------------------------------------------------

def run_as() -> list[str]:
    """Command prefix that runs as the unprivileged user when we are root (ES refuses root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(USER)
    except KeyError:
        log(f"creating system user {USER}")
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
    return ["runuser", "-u", USER, "--"]


def give_to_user(path: Path) -> None:
    if os.geteuid() == 0:
        run_as()   # the user exists from here on
        subprocess.run(["chown", "-R", f"{USER}:", str(path)], check=True)


# -- nodes ---------------------------------------------------------------------------------------

def node_dir(k: int) -> Path:
    return HOME / f"node-{k}"


def http_port(k: int) -> int:
    return BASE_PORT + k - 1


def transport_port(k: int) -> int:
    return BASE_PORT + 100 + k - 1


def write_config(dist: Path, k: int, nodes: int) -> Path:
    d = node_dir(k)
    conf = d / "config"
    if not conf.exists():
        shutil.copytree(dist / "config", conf)
    (d / "data").mkdir(parents=True, exist_ok=True)
    (d / "logs").mkdir(parents=True, exist_ok=True)
    lines = [
        "cluster.name: vanban-test",
        f"node.name: node-{k}",
        f"path.data: {d / 'data'}",
        f"path.logs: {d / 'logs'}",
        "network.host: 127.0.0.1",
        f"http.port: {http_port(k)}",
        f"transport.port: {transport_port(k)}",
        # small test machines: a full disk must not turn indexes read-only
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "action.destructive_requires_name: false",
        # loopback-only test cluster: no TLS, no passwords (and no auto-configuration of either)
        "xpack.security.enabled: false",
    ]
    if nodes == 1:
        lines.append("discovery.type: single-node")
    else:
        hosts = ", ".join(f'"127.0.0.1:{transport_port(i)}"' for i in range(1, nodes + 1))
        masters = ", ".join(f'"node-{i}"' for i in range(1, nodes + 1))
        lines += [f"discovery.seed_hosts: [{hosts}]", f"cluster.initial_master_nodes: [{masters}]"]
    (conf / "elasticsearch.yml").write_text("\n".join(lines) + "\n")
    (conf / "jvm.options.d").mkdir(exist_ok=True)
    (conf / "jvm.options.d" / "heap.options").write_text(f"-Xms{HEAP}\n-Xmx{HEAP}\n")
    return d


def pid_of(k: int) -> int | None:
    p = node_dir(k) / "es.pid"
    try:
        pid = int(p.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return pid


def start_nodes(dist: Path, ks: list[int]) -> None:
    """Start these nodes, all at once (each ``elasticsearch -d`` returns once its node is up)."""
    ks = [k for k in ks if not pid_of(k) or log(f"node-{k} already running (pid {pid_of(k)})")]
    if not ks:
        return
    give_to_user(HOME)
    procs = {}
    for k in ks:
        d = node_dir(k)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ES_JAVA_HOME": JAVA_HOME,
               "ES_PATH_CONF": str(d / "config"), "ES_JAVA_OPTS": f"-Xms{HEAP} -Xmx{HEAP}", "HOME": str(d),
               "LANG": "C.UTF-8"}
        (d / "es.pid").unlink(missing_ok=True)
        out = open(d / "logs" / "stdout.log", "ab")
        cmd = run_as() + ["env", *[f"{a}={b}" for a, b in env.items()], str(dist / "bin" / "elasticsearch"), "-d",
                          "-p", str(d / "es.pid")]
        procs[k] = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    for k, p in procs.items():
        if p.wait():
            tail = (node_dir(k) / "logs" / "stdout.log").read_text(errors="replace")[-3000:]
            sys.exit(f"es: node-{k} did not start (exit {p.returncode}):\n{tail}")
        log(f"node-{k} started: pid {pid_of(k)}, http://127.0.0.1:{http_port(k)}")


def wait(nodes: int, status: str = "green", timeout: float = 240) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if not any(pid_of(k) for k in range(1, nodes + 1)):
            sys.exit(f"es: no node is running any more; logs in {HOME}/node-*/logs")
        for k in range(1, nodes + 1):
            h = http(http_port(k), f"/_cluster/health?wait_for_status={status}&wait_for_nodes={nodes}&timeout=5s", 10)
            if h and not h.get("timed_out") and h.get("number_of_nodes", 0) >= nodes:
                log(f"cluster {h['status']}: {h['number_of_nodes']} node(s), {time.time() - t0:.0f} s")
                return
        time.sleep(2)
    sys.exit(f"es: cluster not {status} with {nodes} node(s) after {timeout:.0f} s; logs in {HOME}/node-*/logs")


def saved_nodes() -> int:
    try:
        return int(json.loads(STATE.read_text())["nodes"])
    except (OSError, ValueError, KeyError):
        return 0


def up(nodes: int) -> None:
    running = saved_nodes()
    if running and running != nodes and any(pid_of(k) for k in range(1, running + 1)):
        log(f"a {running}-node cluster is running: stopping it first")
        down()
    if saved_nodes() != nodes:   # a different topology: fresh data (a node keeps its cluster's id)
        for k in range(1, 10):
            shutil.rmtree(node_dir(k), ignore_errors=True)
    dist = fetch()
    for k in range(1, nodes + 1):
        write_config(dist, k, nodes)
    HOME.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps({"nodes": nodes, "version": VERSION, "port": BASE_PORT}))
    start_nodes(dist, list(range(1, nodes + 1)))
    wait(nodes)
    print(f"http://127.0.0.1:{BASE_PORT}")


def stop_pid(pid: int, grace: float = 30) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    t0 = time.time()
    while time.time() - t0 < grace:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def down() -> None:
    n = max(saved_nodes(), 1)
    for k in range(1, max(n, 3) + 1):
        pid = pid_of(k)
        if pid:
            stop_pid(pid)
            log(f"node-{k} stopped (pid {pid})")
        (node_dir(k) / "es.pid").unlink(missing_ok=True)


def kill(k: int) -> None:
    pid = pid_of(k)
    if not pid:
        sys.exit(f"es: node-{k} is not running")
    os.kill(pid, signal.SIGKILL)
    while pid_of(k):
        time.sleep(0.2)
    log(f"node-{k} killed (kill -9 {pid})")


def start(k: int) -> None:
    n = saved_nodes()
    if not n or k > n:
        sys.exit(f"es: no {k}-th node in the cluster (run 'up' first)")
    start_nodes(fetch(), [k])
    wait(n)


def status() -> int:
    n = saved_nodes()
    alive = 0
    for k in range(1, n + 1):
        h = http(http_port(k), "/_cluster/health")
        alive += bool(h)
        print(f"node-{k} pid={pid_of(k)} http://127.0.0.1:{http_port(k)} "
              f"{h['status'] + ' ' + str(h['number_of_nodes']) + ' node(s)' if h else 'down'}")
    return 0 if alive else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("up")
    u.add_argument("--nodes", type=int, default=int(os.environ.get("NODES", "1") or 1))
    sub.add_parser("down")
    for name in ("kill", "start"):
        sub.add_parser(name).add_argument("node", type=int)
    sub.add_parser("status")
    sub.add_parser("url")
    sub.add_parser("fetch")
    a = ap.parse_args()
    if a.cmd == "up":
        up(a.nodes)
    elif a.cmd == "down":
        down()
    elif a.cmd == "kill":
        kill(a.node)
    elif a.cmd == "start":
        start(a.node)
    elif a.cmd == "status":
        return status()
    elif a.cmd == "url":
        print(f"http://127.0.0.1:{BASE_PORT}")
    elif a.cmd == "fetch":
        print(fetch())
    return 0


if __name__ == "__main__":
    sys.exit(main())
