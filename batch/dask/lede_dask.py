#!/usr/bin/python3
"""Run `lede analyze --jsonl` over many JSONL shards on a Dask cluster.

Usage (Debian's /usr/bin/python3 with python3-distributed):

  /usr/bin/python3 batch/dask/lede_dask.py [--workers N | --scheduler ADDRESS] --output DIR
      [--threads-per-worker T] [--retries R] [--lede PATH] [-- LEDE_OPTION...] INPUT.jsonl[.gz]...

Each input shard is one task: on a worker, one `lede analyze --jsonl SHARD --threads T` process
(T = that worker's threads) whose output is gzip-compressed into DIR/<shard name>.jsonl.gz. The
output appears under its name only once the shard is complete (it is written to a temporary name
first), so a half-written file is never mistaken for a result. Lines lede cannot analyse become
error lines in the output, as with the CLI; a shard fails only when lede itself fails (exit status
2: an unreadable or corrupt input, a missing binary) or its worker dies, and a failed shard is
retried (--retries, and by Dask on another worker when its worker died). The exit status is 0 when
every shard is done, 1 when any failed for good (each one named on stderr), 2 for usage errors.

--workers N (default) starts a local cluster of N worker processes on 127.0.0.1, without a
dashboard; --scheduler ADDRESS uses a running one, whose workers must see the same paths (a shared
file system) and offer the resource `lede=1` (dask worker ADDRESS --nthreads $(nproc)
--resources lede=1), so that each runs one lede process at a time on all its threads.
"""

import argparse
import glob
import gzip
import os
import subprocess
import sys
import tempfile
import time
import uuid

import cloudpickle
from distributed import Client, LocalCluster, as_completed, get_worker

# Workers elsewhere cannot import this file: when it is imported as a module (the tests, the
# benchmark), ship analyze_shard by value rather than by module name, as __main__'s already is.
if __name__ != "__main__":
    cloudpickle.register_pickle_by_value(sys.modules[__name__])

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_LEDE = os.path.join(ROOT, "build", "native", "lede")
# A task asks for one unit of this worker resource: one lede process per worker at a time.
RESOURCE = "lede"
# An error object from `lede analyze --jsonl` ({"error":...,"id":...,"line":N}: its keys come
# sorted); a result starts with {"id":.
ERROR_LINE_PREFIX = b'{"error":'


class ShardFailed(Exception):
    """lede could not analyse a shard: it exited with status 2 or was killed."""


def output_name(shard):
    """out/<name>.jsonl.gz for shard <dir>/<name>.jsonl[.gz] (or any other name)."""
    name = os.path.basename(shard)
    for suffix in (".gz", ".jsonl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name + ".jsonl.gz"


def output_paths(shards, output_dir):
    """The output file of each shard; ValueError when two shards would write the same file."""
    paths, seen = [], {}
    for shard in shards:
        path = os.path.join(output_dir, output_name(shard))
        if path in seen:
            raise ValueError(f"shards {seen[path]} and {shard} would both write {path}: rename one")
        seen[path] = shard
        paths.append(path)
    return paths


def analyze_shard(shard, output, lede, lede_options):
    """Runs on a worker: lede over one shard, its output gzip-compressed into `output`.

    Returns what the progress report needs; raises ShardFailed when lede fails, so that Dask
    retries the task.
    """
    threads = get_worker().state.nthreads
    command = [lede, "analyze", "--jsonl", shard, "--threads", str(threads), *lede_options]
    # A name of its own per attempt: an attempt whose worker died cannot clobber the next one's.
    partial = f"{output}.partial-{uuid.uuid4().hex}"
    documents = error_lines = 0
    start = time.monotonic()
    try:
        with tempfile.TemporaryFile() as stderr, gzip.open(partial, "wb", compresslevel=6) as out:
            with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr) as lede_process:
                for line in lede_process.stdout:
                    out.write(line)
                    documents += 1
                    error_lines += line.startswith(ERROR_LINE_PREFIX)
            status = lede_process.returncode
            if status not in (0, 1):  # 1: some lines are error lines, the shard itself is done
                stderr.seek(0)
                message = stderr.read()[-2000:].decode("utf-8", "replace").strip()
                how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
                raise ShardFailed(f"lede {how}" + (f": {message}" if message else ""))
        os.replace(partial, output)
    except OSError as e:
        raise ShardFailed(str(e)) from None
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return {"shard": shard, "output": output, "documents": documents, "error_lines": error_lines,
            "seconds": time.monotonic() - start, "worker": get_worker().address}


def local_cluster(workers, threads_per_worker):
    """N worker processes on the loopback interface only, no dashboard, one lede each."""
    return LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker, processes=True,
                        host="127.0.0.1", dashboard_address=None, resources={RESOURCE: 1})


def map_shards(client, shards, output_dir, lede=DEFAULT_LEDE, lede_options=(), retries=2,
               report=None):
    """Analyses every shard on the cluster; returns (results, failures) in completion order.

    results: analyze_shard's dicts; failures: (shard, reason) for shards that failed for good.
    report(message) is called as each shard finishes.
    """
    report = report or (lambda message: print(message, file=sys.stderr, flush=True))
    outputs = output_paths(shards, output_dir)
    os.makedirs(output_dir, exist_ok=True)
    futures = {}
    for shard, output in zip(shards, outputs):
        future = client.submit(analyze_shard, os.path.abspath(shard), os.path.abspath(output), lede,
                               list(lede_options), retries=retries, resources={RESOURCE: 1},
                               key=f"lede-{uuid.uuid4().hex}", pure=False)
        futures[future] = shard
    results, failures = [], []
    documents = 0
    start = time.monotonic()
    for future in as_completed(futures):
        shard = futures[future]
        done = len(results) + len(failures) + 1
        if future.status == "finished":
            result = future.result()
            results.append(result)
            documents += result["documents"]
            elapsed = time.monotonic() - start
            report(f"lede_dask: {done}/{len(shards)} shards, {shard}: {result['documents']} documents "
                   f"({result['error_lines']} error lines) in {result['seconds']:.1f} s; "
                   f"{documents} documents so far, {documents / max(elapsed, 1e-3):.0f} documents/s")
        else:
            reason = str(future.exception()) or type(future.exception()).__name__
            failures.append((shard, reason))
            report(f"lede_dask: {done}/{len(shards)} shards, {shard} FAILED: {reason}")
    # What attempts on workers that died left (they could not clean up after themselves).
    for output in outputs:
        for partial in glob.glob(glob.escape(os.path.abspath(output)) + ".partial-*"):
            os.remove(partial)
    return results, failures


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="lede_dask.py",
        description="Map JSONL shards (plain or gzip) through `lede analyze --jsonl` on a Dask "
                    "cluster; one .jsonl.gz result file per shard.",
        epilog="Options after -- go to lede (e.g. -- --offsets utf16 --tokens).")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="start a local cluster of N worker processes on 127.0.0.1 (default 2)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="use a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--threads-per-worker", type=int, metavar="T",
                        help="local cluster: threads of each worker, and of its lede process "
                             "(default: the cores divided among the workers)")
    parser.add_argument("--output", required=True, metavar="DIR", help="folder for the results")
    parser.add_argument("--retries", type=int, default=2, metavar="R",
                        help="times a failed shard is tried again (default 2)")
    parser.add_argument("--lede", default=DEFAULT_LEDE, metavar="PATH",
                        help="the lede binary, at this path on every worker (default: %(default)s)")
    parser.add_argument("inputs", nargs="+", metavar="INPUT.jsonl[.gz]")
    lede_options = []
    if "--" in argv:
        cut = argv.index("--")
        argv, lede_options = argv[:cut], argv[cut + 1:]
    args = parser.parse_args(argv)
    args.lede_options = lede_options
    if args.workers is not None and args.workers < 1:
        parser.error("--workers takes a whole number from 1")
    if args.threads_per_worker is not None and (args.threads_per_worker < 1 or args.scheduler):
        parser.error("--threads-per-worker takes a whole number from 1, with a local cluster only")
    if args.retries < 0:
        parser.error("--retries takes a whole number from 0")
    for path in args.inputs:
        if not os.path.isfile(path):
            parser.error(f"input shard {path} is not a file")
    try:
        output_paths(args.inputs, args.output)
    except ValueError as e:
        parser.error(str(e))
    return args


def check_workers(client):
    """A running cluster's workers must offer the `lede` resource, or no task would ever start."""
    client.wait_for_workers(1, timeout=60)
    workers = client.scheduler_info()["workers"].values()
    if not any(RESOURCE in w.get("resources", {}) for w in workers):
        raise SystemExit(f"lede_dask: no worker offers the resource {RESOURCE}=1: start workers with "
                         f"`dask worker ADDRESS --nthreads $(nproc) --resources {RESOURCE}=1`")


def main(argv):
    args = parse_args(argv)
    if not os.access(args.lede, os.X_OK) and not args.scheduler:
        print(f"lede_dask: {args.lede} is not an executable lede binary (build it: "
              "bash scripts/build native; or give --lede PATH)", file=sys.stderr)
        return 2
    start = time.monotonic()
    if args.scheduler:
        client = Client(args.scheduler)
        check_workers(client)
        cluster = None
    else:
        workers = args.workers or 2
        threads = args.threads_per_worker or max(1, (os.cpu_count() or 1) // workers)
        cluster = local_cluster(workers, threads)
        client = Client(cluster)
    try:
        results, failures = map_shards(client, args.inputs, args.output, args.lede,
                                       args.lede_options, args.retries)
    finally:
        client.close()
        if cluster:
            cluster.close()
    documents = sum(r["documents"] for r in results)
    errors = sum(r["error_lines"] for r in results)
    seconds = time.monotonic() - start
    print(f"lede_dask: {len(results)} of {len(args.inputs)} shards done, {documents} documents "
          f"({errors} error lines) in {seconds:.1f} s", file=sys.stderr)
    for shard, reason in failures:
        print(f"lede_dask: shard failed for good: {shard}: {reason}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
