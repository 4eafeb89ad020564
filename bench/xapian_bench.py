#!/usr/bin/env python3
"""Xapian 1.4 reference engine for `npm run bench` (Debian's python3-xapian).

  xapian_bench.py build PASSAGES.jsonl DBDIR [--no-spelling]
  xapian_bench.py query DBDIR QUERIES.json [--repeat N] [--warmup N]

PASSAGES.jsonl: one {"id", "text", "country", "year"} per line (written by the Node side).
QUERIES.json: the benchmark queries ({"kind", "n", "text", "filter"?}).
Prints one JSON object on stdout.

Index: English stemmer, positions (TermGenerator default), BM25 with default parameters (Enquire's
default weighting), boolean term XC:<ISO> per country, year in value slot 0 (sortable_serialise).
Spelling data is added so the typo kind can use Xapian's own correction (FLAG_SPELLING_CORRECTION).
Queries: QueryParser, English stemmer, STEM_SOME, default op OR (AND for the "and" kind), phrases
through the parser; filters as OP_FILTER with the boolean term or an OP_VALUE_RANGE over the year.
"""
import json
import os
import resource
import shutil
import sys
import time

import xapian

YEAR_SLOT = 0
COUNTRY_PREFIX = "XC:"


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def epoch_ms():
    return time.time_ns() / 1e6


def build(jsonl, dbdir, spelling):
    t0 = time.perf_counter()
    if os.path.exists(dbdir):
        shutil.rmtree(dbdir)
    db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    if spelling:
        tg.set_database(db)
        tg.set_flags(xapian.TermGenerator.FLAG_SPELLING)
    n = 0
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(p["text"])
            doc.set_data(p["id"])
            if p.get("country"):
                doc.add_boolean_term(COUNTRY_PREFIX + p["country"].upper())
            if p.get("year") is not None:
                doc.add_value(YEAR_SLOT, xapian.sortable_serialise(p["year"]))
            db.add_document(doc)
            n += 1
    db.commit()
    db.close()
    size = sum(os.path.getsize(os.path.join(dbdir, x)) for x in os.listdir(dbdir))
    return {
        "passages": n,
        "buildMs": round((time.perf_counter() - t0) * 1000, 1),
        "peakRssMb": peak_rss_mb(),
        "indexBytes": size,
        "spelling": spelling,
    }


class Searcher:
    def __init__(self, dbdir):
        self.db = xapian.Database(dbdir)
        self.enquire = xapian.Enquire(self.db)
        self.enquire.set_weighting_scheme(xapian.BM25Weight())
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(self.db)
        self.qp = qp
        self.flags = xapian.QueryParser.FLAG_DEFAULT

    def parse(self, text, op, flags):
        self.qp.set_default_op(op)
        return self.qp.parse_query(text, flags)

    def search(self, bq):
        kind = bq["kind"]
        text = bq["text"]
        op = xapian.Query.OP_AND if kind == "and" else xapian.Query.OP_OR
        if kind == "typo":
            self.parse(text, op, self.flags | xapian.QueryParser.FLAG_SPELLING_CORRECTION)
            corrected = self.qp.get_corrected_query_string()
            query = self.parse(corrected if corrected else text, op, self.flags)
        else:
            query = self.parse(text, op, self.flags)
        flt = bq.get("filter") or {}
        if flt.get("country"):
            query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query(COUNTRY_PREFIX + flt["country"].upper()))
        elif flt.get("from") is not None:
            rng = xapian.Query(
                xapian.Query.OP_VALUE_RANGE,
                YEAR_SLOT,
                xapian.sortable_serialise(flt["from"]),
                xapian.sortable_serialise(flt["to"]),
            )
            query = xapian.Query(xapian.Query.OP_FILTER, query, rng)
        self.enquire.set_query(query)
        mset = self.enquire.get_mset(0, 10)
        ids = [m.document.get_data().decode("utf-8") for m in mset]
        return mset.get_matches_estimated(), ids


def warmup_queries(queries, n):
    """The untimed warm-up: n queries taken in turn from each kind (as bench/lib/timing.ts)."""
    by_kind = {}
    for q in queries:
        by_kind.setdefault(q["kind"], []).append(q)
    out = []
    i = 0
    while len(out) < n and any(i < len(l) for l in by_kind.values()):
        for l in by_kind.values():
            if i < len(l) and len(out) < n:
                out.append(l[i])
        i += 1
    return out


def query(dbdir, queries_file, repeat, warmup):
    with open(queries_file, encoding="utf-8") as f:
        queries = json.load(f)
    t0 = time.perf_counter()
    s = Searcher(dbdir)
    open_ms = (time.perf_counter() - t0) * 1000
    load_peak = peak_rss_mb()
    first = queries[0]
    s.search(first)
    first_epoch = epoch_ms()
    reset_ok = reset_peak_rss()
    for bq in warmup_queries(queries, warmup):
        s.search(bq)
    samples = []
    for r in range(repeat):
        for bq in queries:
            t = time.perf_counter()
            total, ids = s.search(bq)
            ms = (time.perf_counter() - t) * 1000
            samples.append({"kind": bq["kind"], "n": bq["n"], "ms": round(ms, 3), "total": total, "top": ids[:3] if r == 0 else []})
    return {
        "openMs": round(open_ms, 2),
        "firstAnswerEpochMs": first_epoch,
        "peakRssLoadMb": load_peak,
        "peakRssQueryMb": peak_rss_mb(),
        "peakResetWorked": reset_ok,
        "samples": samples,
        "xapian": xapian.version_string(),
    }


def main(argv):
    if len(argv) >= 3 and argv[0] == "build":
        out = build(argv[1], argv[2], "--no-spelling" not in argv)
    elif len(argv) >= 3 and argv[0] == "query":
        repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
        warmup = int(argv[argv.index("--warmup") + 1]) if "--warmup" in argv else 20
        out = query(argv[1], argv[2], repeat, warmup)
    else:
        sys.stderr.write(__doc__)
        return 2
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
