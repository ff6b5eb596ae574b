#!/usr/bin/env python3
"""Per-query diagnosis and link-based pseudo-relevance-feedback (PRF) features, prototyped on a `train --dump` file
(numpy only; not bundled, not used at run time). Builds on models/ranker_experiments.py (same fit and evaluation).

  python3 models/prf_experiments.py DUMP WIKI_SPLIT BLOGS_SPLIT diagnose
      per-query: held-out (5-fold CV) nDCG@10 of the joint `base` linear fit against a Wikispeedia-only fit, the
      queries that lose most, and what the relevant pages ranked 11-100 and below 100 look like
  python3 models/prf_experiments.py DUMP WIKI_SPLIT BLOGS_SPLIT prf [--k 10] [--first mix|terms] [--feats a,b]
      adds link-PRF features to `base` and prints in-corpus, leave-one-corpus-out and 5-fold CV figures:
        prf_coupling  idf-weighted share of the candidate's outlinks that the first pass's top k pages also link
                      to (bibliographic coupling with the pseudo-relevant pages; the candidate's own links not
                      counted when it is one of them), divided by sqrt(out-degree)
        prf_linked    how many of the top k pages link to the candidate
        prf_links     how many of the top k pages the candidate links to
      first pass (model-free, so a serve-time ranking could compute it before the model): `mix` = bm25_title_rel
      + bm25_terms_rel + mention_any, `terms` = bm25_terms_rel

The splits' pages.jsonl.gz give the outlinks (URLs normalised: scheme, www., trailing slash, index.html,
fragment dropped, host lower-cased — an approximation of the ingest's URL joining, enough for a prototype).
"""
import gzip
import json
import os
import re
import sys
import time
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ranker_experiments as rx  # noqa: E402


def norm(u):
    u = u.split("#", 1)[0]
    u = re.sub(r"^https?://", "", u.strip())
    host, _, path = u.partition("/")
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    path = re.sub(r"(^|/)index\.html?$", "", path).rstrip("/")
    return host + "/" + path


def load_links(split):
    out = {}
    with gzip.open(os.path.join(split, "pages.jsonl.gz"), "rt") as f:
        for line in f:
            d = json.loads(line)
            src = norm(d["url"])
            out[src] = {norm(l["url"]) for l in d.get("links", [])} - {src}
    return out


class Graph:
    def __init__(self, splits):
        self.out = {}
        for s in splits:
            self.out.update(load_links(s))
        indeg = defaultdict(int)
        for src, ts in self.out.items():
            for t in ts:
                indeg[t] += 1
        n = len(self.out)
        self.idf = {t: np.log(n / (1 + c)) for t, c in indeg.items()}


def prf_columns(d, g, k, first):
    c = d.col
    if first == "terms":
        fp = c("bm25_terms_rel")
    else:
        fp = c("bm25_title_rel") + c("bm25_terms_rel") + c("mention_any")
    urls = [norm(u) for u in d.urls]
    coup = np.zeros(len(urls))
    linked = np.zeros(len(urls))
    links = np.zeros(len(urls))
    for q in range(d.nq):
        s, e = d.starts[q], d.ends[q]
        idx = np.arange(s, e)
        top = idx[np.lexsort((idx, -fp[s:e]))[:k]]
        prof = defaultdict(float)
        topset = set()
        for t in top:
            topset.add(urls[t])
            for x in g.out.get(urls[t], ()):
                prof[x] += 1.0
        for i in idx:
            o = g.out.get(urls[i], set())
            own = i in top
            sc = 0.0
            for x in o:
                p = prof.get(x, 0.0) - (1.0 if own else 0.0)
                if p > 0:
                    sc += p * g.idf.get(x, 0.0)
            coup[i] = sc / k / np.sqrt(max(1, len(o)))
            links[i] = len(o & topset)
            linked[i] = sum(1 for t in top if t != i and urls[i] in g.out.get(urls[t], ()))
    return {"prf_coupling": coup, "prf_linked": linked, "prf_links": links}


def fits(d, T, names, cv=True, loco=True, starts=1):
    allq = np.arange(d.nq)
    out = {}
    Z = rx.standardise(T, np.ones(len(T), bool))
    w = rx.fit(d, Z, allq, starts)
    for c in (0, 1):
        out["in-corpus " + names[c]] = rx.score(d, Z, allq[d.qcorp == c], w)
    if loco:
        for c in (0, 1):
            train = allq[d.qcorp != c]
            Zl = rx.standardise(T, np.isin(d.g, train))
            out["leave-one-corpus-out " + names[c]] = rx.score(d, Zl, allq[d.qcorp == c], rx.fit(d, Zl, train, starts))
    perq = {}
    if cv:
        res = {0: ([], [], []), 1: ([], [], [])}
        for f in range(5):
            train, held = allq[d.qpos % 5 != f], allq[d.qpos % 5 == f]
            Zf = rx.standardise(T, np.isin(d.g, train))
            wf = rx.fit(d, Zf, train, starts)
            for c in (0, 1):
                hq = held[d.qcorp[held] == c]
                n, r = rx.score(d, Zf, hq, wf)
                res[c][0].extend(n)
                res[c][1].extend(r)
                res[c][2].extend(hq)
        for c in (0, 1):
            out["5-fold CV " + names[c]] = (np.array(res[c][0]), np.array(res[c][1]))
            perq[c] = dict(zip(res[c][2], res[c][0]))
    for k, (n, r) in out.items():
        print(f"  {k:34s} ndcg@10={n.mean():.4f} recall@100={r.mean():.4f}", flush=True)
    print("  weights (trained on both): " + ", ".join(f"{k} {x:+.3f}" for k, x in zip(names["feats"], w.weights)))
    return out, perq


def cv_wiki_only(d, T):
    """5-fold CV of a model fitted on Wikispeedia queries only, scored on held-out Wikispeedia queries."""
    allq = np.arange(d.nq)
    wq = allq[d.qcorp == 0]
    perq = {}
    for f in range(5):
        train, held = wq[d.qpos[wq] % 5 != f], wq[d.qpos[wq] % 5 == f]
        Zf = rx.standardise(T, np.isin(d.g, train))
        wf = rx.fit(d, Zf, train, 1)
        n, _ = rx.score(d, Zf, held, wf)
        perq.update(zip(held, n))
    return perq


def diagnose(d, T, feats, names):
    _, joint = fits(d, T, dict(names, feats=feats), cv=True, loco=False)
    alone = cv_wiki_only(d, T)
    qs = sorted(joint[0])
    j = np.array([joint[0][q] for q in qs])
    a = np.array([alone[q] for q in qs])
    print(f"Wikispeedia 5-fold CV nDCG@10: joint {j.mean():.4f}, Wikispeedia-only fit {a.mean():.4f}; "
          f"queries worse under joint: {(j < a - 1e-9).sum()}, better: {(j > a + 1e-9).sum()}")
    order = np.argsort(j - a)
    print("largest losses (query, joint, wiki-only, relevant total, candidates):")
    for i in order[:15]:
        q = qs[i]
        print(f"  {d.qids[d.starts[q]]:50s} {j[i]:.3f} {a[i]:.3f} {d.qtot[q]:4d} {d.ends[q] - d.starts[q]:5d}")
    # worst queries overall
    order = np.argsort(j)
    print("lowest joint nDCG@10 (query, joint, wiki-only, relevant total):")
    for i in order[:15]:
        q = qs[i]
        print(f"  {d.qids[d.starts[q]]:50s} {j[i]:.3f} {a[i]:.3f} {d.qtot[q]:4d}")
    print(f"nDCG@10 by relevant total (joint CV): " + ", ".join(
        f"{lo}-{hi}: {j[(d.qtot[qs] >= lo) & (d.qtot[qs] <= hi)].mean():.3f} (n={((d.qtot[qs] >= lo) & (d.qtot[qs] <= hi)).sum()})"
        for lo, hi in ((1, 5), (6, 15), (16, 40), (41, 100), (101, 10000))))


def load_dump(path):
    """The dump (ranker_experiments.Dump) with each row's query id and URL (qids, urls) added."""
    d = rx.Dump(path)
    d.qids, d.urls = [], []
    with open(path) as f:
        f.readline()
        for line in f:
            p = line.split("\t", 4)
            d.qids.append(p[0])
            d.urls.append(p[3])
    return d


def main():
    a = sys.argv[1:]
    if len(a) < 4:
        sys.exit(__doc__)
    dump, wiki, blogs, what = a[:4]
    t0 = time.time()
    d = load_dump(dump)
    names = {0: "wikispeedia", 1: "blogs"}
    feats, T = rx.variant(d, "base")
    print(f"seed {rx.SEED}; {d.nq} queries; loaded in {time.time() - t0:.0f} s", flush=True)
    if what == "diagnose":
        diagnose(d, T, feats, names)
        return
    if what == "prf":
        k = int(a[a.index("--k") + 1]) if "--k" in a else 10
        first = a[a.index("--first") + 1] if "--first" in a else "mix"
        g = Graph([wiki, blogs])
        cols = prf_columns(d, g, k, first)
        keep = a[a.index("--feats") + 1].split(",") if "--feats" in a else list(cols)
        for kf in keep:
            x = cols[kf]
            for cc in (0, 1):
                m = d.qcorp[d.g] == cc
                print(f"  {kf} {names[cc]}: >0 for {(x[m & (d.lab == 1)] > 0).mean():.3f} of relevant, "
                      f"{(x[m & (d.lab == 0)] > 0).mean():.3f} of other candidates")
        T2 = np.concatenate([T] + [np.log1p(cols[kf])[:, None] for kf in keep], 1)
        print(f"prf: k={k}, first pass {first}, features {keep} ({time.time() - t0:.0f} s)", flush=True)
        fits(d, T2, dict(names, feats=feats + keep), cv="--no-cv" not in a, loco="--no-loco" not in a)
        print(f"  {time.time() - t0:.0f} s")
        return
    sys.exit("unknown " + what)


if __name__ == "__main__":
    main()
