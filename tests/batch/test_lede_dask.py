#!/usr/bin/python3
"""Tests of batch/dask/lede_dask.py on a real local Dask cluster (2 worker processes, 127.0.0.1).

Run with Debian's interpreter and python3-distributed: /usr/bin/python3 tests/batch/test_lede_dask.py
Needs build/native/lede. Ends with "N passed, N failed"; the whole run is bounded (WATCHDOG).
The equality test reads PolNeAR texts from $LEDE_DATA (default ../shared/data): it skips without
them, and fails instead when LEDE_REQUIRE_DATA is set (as in CI).
"""

import faulthandler
import glob
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "batch", "dask"))

import lede_dask  # noqa: E402
from distributed import Client  # noqa: E402

LEDE = os.path.join(ROOT, "build", "native", "lede")
SCRIPT = os.path.join(ROOT, "batch", "dask", "lede_dask.py")
DATA = os.environ.get("LEDE_DATA", os.path.join(ROOT, "..", "shared", "data"))
REQUIRE_DATA = os.environ.get("LEDE_REQUIRE_DATA", "0") not in ("", "0")
WATCHDOG_SECONDS = 600  # a hung cluster must not hang CI: dump the stacks and exit
SAMPLE = open(os.path.join(ROOT, "samples", "article.txt"), encoding="utf-8").read()


def sample_articles(count, prefix):
    """JSONL lines: the sample article with a numbered sentence in front (distinct documents)."""
    return [json.dumps({"id": f"{prefix}-{i}", "text": f"Report {i} from the desk.\n\n{SAMPLE}"}) + "\n"
            for i in range(count)]


def write_gzip(path, lines):
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(lines)
    return path


def read_gzip(path):
    with gzip.open(path, "rb") as f:
        return f.read()


def run_cli(lines, *options):
    """One `lede analyze --jsonl` run over `lines`: its stdout."""
    result = subprocess.run([LEDE, "analyze", "--jsonl", *options], input="".join(lines).encode(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def write_wrapper(folder, body):
    """A stand-in for the lede binary: a shell script that does `body` and then runs lede."""
    path = os.path.join(folder, "lede-wrapper")
    with open(path, "w") as f:
        f.write(f"#!/bin/sh\n{body}\nexec {LEDE} \"$@\"\n")
    os.chmod(path, 0o755)
    return path


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited, whatever kill(0) says.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


class LocalClusterTests(unittest.TestCase):
    """One cluster of 2 worker processes (1 thread each) shared by the tests: starting one takes
    seconds on a loaded 2-core machine."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = lede_dask.local_cluster(workers=2, threads_per_worker=1)
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="lede-dask-test-")
        self.reports = []

    def map(self, shards, **options):
        return lede_dask.map_shards(self.client, shards, os.path.join(self.folder, "out"),
                                    report=self.reports.append, **options)

    def test_sharded_gzip_gives_exactly_one_cli_run(self):
        folders = [os.path.join(DATA, "polnear", split, "text") for split in ("dev", "train")]
        if not all(os.path.isdir(f) for f in folders):
            if REQUIRE_DATA:
                self.fail(f"LEDE_REQUIRE_DATA is set but {folders} do not exist")
            self.skipTest(f"no PolNeAR texts at {folders} (set LEDE_DATA)")
        # The 84 dev articles and the first train ones: 400 news articles.
        paths = [os.path.join(f, n) for f in folders for n in sorted(os.listdir(f)) if n.endswith(".txt")]
        lines = []
        for path in paths[:400]:
            with open(path, encoding="utf-8") as f:
                lines.append(json.dumps({"id": os.path.basename(path), "text": f.read()}) + "\n")
        self.assertEqual(len(lines), 400)
        shards = [write_gzip(os.path.join(self.folder, f"polnear-{k}.jsonl.gz"), lines[k::4])
                  for k in range(4)]
        results, failures = self.map(shards, lede_options=["--offsets", "utf16"])
        self.assertEqual(failures, [])
        self.assertEqual(sorted(r["shard"] for r in results), sorted(os.path.abspath(s) for s in shards))
        self.assertEqual(len({r["worker"] for r in results}), 2, "both workers took shards")
        self.assertEqual(len(self.reports), 4, "one progress report a shard")
        # Read back and put in input order (shard k holds lines k, k+4, ...): one CLI run's bytes.
        outputs = [read_gzip(os.path.join(self.folder, "out", f"polnear-{k}.jsonl.gz")).splitlines(True)
                   for k in range(4)]
        interleaved = [outputs[i % 4][i // 4] for i in range(len(lines))]
        self.assertEqual(b"".join(interleaved), run_cli(lines, "--offsets", "utf16"))
        self.assertEqual(sum(r["documents"] for r in results), len(lines))

    def test_malformed_lines_are_error_lines_not_a_failed_shard(self):
        lines = sample_articles(6, "good")
        lines[2] = '{"id": "no-text"}\n'
        lines[4] = "not json at all\n"
        shard = write_gzip(os.path.join(self.folder, "mixed.jsonl.gz"), lines)
        results, failures = self.map([shard])
        self.assertEqual(failures, [])
        self.assertEqual(results[0]["documents"], 6)
        self.assertEqual(results[0]["error_lines"], 2)
        got = read_gzip(os.path.join(self.folder, "out", "mixed.jsonl.gz"))
        self.assertEqual(got, run_cli(lines))
        errors = [json.loads(line) for line in got.splitlines() if b'"error"' in line]
        self.assertEqual([(e["id"], e["line"]) for e in errors], [("no-text", 3), (None, 5)])

    def test_a_killed_workers_shard_is_retried(self):
        lines = sample_articles(40, "retry")
        shards = [write_gzip(os.path.join(self.folder, f"retry-{k}.jsonl.gz"), lines[k::2]) for k in range(2)]
        # The first lede started for retry-1 kills its parent, the worker process running the
        # task, with SIGKILL (as the kernel's OOM killer would) and records which process it was.
        killed = os.path.join(self.folder, "killed-worker.pid")
        lede = write_wrapper(self.folder, f"""case "$3" in
  */retry-1.jsonl.gz) if [ ! -e {killed} ]; then echo $PPID > {killed}; kill -KILL $PPID; exit 2; fi;;
esac""")
        results, failures = self.map(shards, lede=lede, retries=0)
        self.assertTrue(os.path.exists(killed), "no worker was killed")
        with open(killed) as f:
            self.assertFalse(pid_alive(int(f.read())), "the worker process survived")
        self.assertEqual(failures, [], "retries=0: Dask itself reschedules a dead worker's task")
        self.assertEqual(sorted(os.path.basename(r["output"]) for r in results),
                         ["retry-0.jsonl.gz", "retry-1.jsonl.gz"])
        for k in range(2):
            got = read_gzip(os.path.join(self.folder, "out", f"retry-{k}.jsonl.gz"))
            self.assertEqual(got, run_cli(lines[k::2]), f"shard retry-{k}")
        self.assertEqual(glob.glob(os.path.join(self.folder, "out", "*partial*")), [],
                         "no partial output is left behind")
        self.client.wait_for_workers(2, timeout=120)  # the nanny restarts it for the next tests

    def test_the_script_on_a_running_scheduler(self):
        lines = sample_articles(8, "remote")
        shard = os.path.join(self.folder, "remote.jsonl")
        with open(shard, "w", encoding="utf-8") as f:
            f.writelines(lines)
        out = os.path.join(self.folder, "script-out")
        run = subprocess.run([sys.executable, SCRIPT, "--scheduler", self.cluster.scheduler_address,
                              "--output", out, shard, "--", "--tokens"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, "")
        self.assertIn("lede_dask: 1/1 shards, ", run.stderr)
        self.assertIn("lede_dask: 1 of 1 shards done, 8 documents (0 error lines)", run.stderr)
        self.assertEqual(read_gzip(os.path.join(out, "remote.jsonl.gz")), run_cli(lines, "--tokens"))


class ScriptTests(unittest.TestCase):
    """The command line as users run it, each run with a local cluster of its own."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="lede-dask-script-")

    def run_script(self, *args):
        return subprocess.run([sys.executable, SCRIPT, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=300)

    def test_a_shard_that_keeps_failing_is_retried_then_named(self):
        good = write_gzip(os.path.join(self.folder, "good.jsonl.gz"), sample_articles(3, "good"))
        whole = gzip.compress("".join(sample_articles(30, "cut")).encode())
        cut = os.path.join(self.folder, "cut.jsonl.gz")
        with open(cut, "wb") as f:
            f.write(whole[: len(whole) // 2])
        attempts = os.path.join(self.folder, "attempts")
        lede = write_wrapper(self.folder, f'echo "$3" >> {attempts}')
        out = os.path.join(self.folder, "out")
        run = self.run_script("--workers", "2", "--threads-per-worker", "1", "--retries", "2",
                              "--lede", lede, "--output", out, good, cut)
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn(f"lede_dask: shard failed for good: {cut}: lede exited with status 2: "
                      f"lede: '{cut}': gzip stream is truncated", run.stderr)
        self.assertIn("lede_dask: 1 of 2 shards done, 3 documents", run.stderr)
        with open(attempts) as f:
            tries = f.read().split()
        self.assertEqual(tries.count(cut), 3, "tried once and retried twice")
        self.assertEqual(tries.count(good), 1)
        self.assertEqual(sorted(os.listdir(out)), ["good.jsonl.gz"], "no output for the failed shard")

    def test_usage_errors(self):
        a = write_gzip(os.path.join(self.folder, "a.jsonl.gz"), sample_articles(1, "a"))
        os.mkdir(os.path.join(self.folder, "other"))
        b = write_gzip(os.path.join(self.folder, "other", "a.jsonl"), sample_articles(1, "b"))
        cases = [
            (["--output", self.folder, a, b], "would both write"),
            (["--output", self.folder, os.path.join(self.folder, "missing.jsonl")], "is not a file"),
            (["--workers", "0", "--output", self.folder, a], "--workers takes a whole number"),
            (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1", "--output", self.folder, a],
             "not allowed with argument"),
            (["--lede", "/nonexistent/lede", "--output", self.folder, a], "is not an executable lede"),
            ([a], "the following arguments are required: --output"),
        ]
        for args, message in cases:
            run = self.run_script(*args)
            self.assertEqual(run.returncode, 2, f"{args}: {run.stderr}")
            self.assertIn(message, run.stderr)


def main():
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    if not os.access(LEDE, os.X_OK):
        print(f"{LEDE} missing: run scripts/build native", file=sys.stderr)
        return 1
    start = time.monotonic()
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"batch tests: {passed} passed, {failed} failed, {skipped} skipped "
          f"in {time.monotonic() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
