#!/usr/bin/env python3
"""Offline ranker experiments on cached feature vectors (numpy only; not bundled, not used at run time).

`linkscout train --split WIKI_DEV,BLOGS_DEV --dump FILE` writes every labelled candidate of every dev query with
its raw features once (35 since page_topics) (the expensive part: topics + candidate generation, ~20 min on a busy 2-core machine).
This script then fits models on that file in minutes, so feature and model ideas can be compared before anything
is changed in io.linkscout.rank:

  python3 models/ranker_experiments.py FILE VARIANT [--cv] [--starts 3] [--lambdamart] [--no-loco]
      [--wiki-weight W] [--pairs-only-weight] [--pair-weight pair|query] [--l2 X] [--negs N] [--passes N] [--fine]
      [--recall-weight X]
  python3 models/ranker_experiments.py FILE --stats FEATURE...   (one feature alone, no model: how often it is
      > 0 for relevant and other candidates, and its within-query AUC, per corpus)

--wiki-weight W: each Wikispeedia query weighs W (blogs 1) in the pairwise loss and in the coordinate-ascent
objective, as `train --corpus-weight wiki-dev=W` (--pairs-only-weight: in the pairwise loss only); --pair-weight
query: every query's pairs weigh the same in total; --l2, --negs: the pairwise fit's L2 strength and negatives per
positive; --passes, --fine (steps down to 0.005): the coordinate ascent; --recall-weight: weight of recall@100 in
its objective; --no-loco: skip the leave-one-corpus-out fits.

It is a replica of io.linkscout.rank.Trainer (same transforms, standardisation over the training candidates
clipped to +-5, pairwise logistic fit with L2 1e-3, 40 negatives per positive of which half the hardest by title
BM25, Adam 400 iterations, then coordinate ascent on mean nDCG@10 + mean recall@100 over each query's top 300,
steps 0.4..0.02, 3 passes) and of the evaluation (nDCG@10 and recall@100 of the top 100, ties by candidate order,
relevant total from the qrels), not a bit-for-bit copy: the negatives are drawn with numpy's RandomState(seed)
instead of java.util.Random, and by default the coordinate ascent has one start (the pairwise fit on all
queries; --starts 3 adds the fits on each corpus alone, as `train` does). --lambdamart fits LightGBM's LambdaMART
on the same standardised features instead (needs `pip install lightgbm`; a research comparison only). Figures therefore differ from
`train`'s by ~0.01; compare variants with each other, then confirm the winner with `train`.

Prints, per variant: in-corpus (trained on both corpora, scored on the same queries), leave-one-corpus-out
(trained on one corpus, scored on the other) and with --cv 5-fold cross-validation (fold = query position mod 5
within its corpus; the held-out folds of both corpora left out together), as nDCG@10/recall@100.

Variants (WITHOUT = similar_links, in_degree, authority, spam get no weight, as in the shipped model):
  base          the shipped feature set
  rel           base + every remaining raw feature divided by its largest value among the query's candidates
  rel-instead   those relative features in place of the raw ones
  qz            base + the raw features z-scored within the query's candidates (after log1p)
  no-site       base without the site family
  products      base + four products of relative BM25 with mention / site-fit features
"""
import sys
import time

import numpy as np

SEED = 42
WITHOUT = ["similar_links", "in_degree", "authority", "spam"]
IDENTITY = {"mention_early", "reverse_early", "mention_any", "reverse_any", "authority", "mention_broad",
            "free_mention", "spam", "bm25_title_rel", "bm25_terms_rel", "bm25_lead_rel", "site_fit",
            "page_links_own"}
RAW = ["title_terms", "mention_bm25", "partial_title", "last_word", "mention_count", "mention_density",
       "reverse_mention", "outlinks_title", "outlinks_terms", "cocitation", "out_degree", "length", "external_links",
       "site_links_similar", "site_out_domains", "links_own_site"]
SITE = ["site_fit", "site_links_similar", "site_out_domains", "links_own_site", "page_links_own"]
STEPS = [0.4, 0.2, 0.1, 0.05, 0.02]
PASSES = 3
# --wiki-weight W: Wikispeedia queries weigh W (blogs 1) in the pairwise loss and the coordinate-ascent objective;
# --pair-weight query: each query's pairs weigh the same in total; --l2, --negs, --passes, --fine (more steps),
# --recall-weight (of recall@100 in the objective), --pairs-only-weight (corpus weight in the pairwise loss only)
OPT = dict(wiki_weight=1.0, l2=1e-3, negs=40, passes=PASSES, steps=STEPS, pair_weight="pair", recall_weight=1.0,
           ca_weight=True)
POOL = 300
LOG2 = 1 / np.log2(np.arange(2, 12))


class Dump:
    """The --dump TSV: qid, label, relevant total, url, [corpus,] raw features; queries are contiguous, in corpus order."""

    def __init__(self, path):
        qids, lab, tot, corp, rows = [], [], [], [], []
        with open(path) as f:
            head = f.readline().rstrip("\n").split("\t")
            first = 5 if head[4] == "corpus" else 4  # dumps since the tree ranker name each line's corpus
            self.keys = head[first:]
            for line in f:
                p = line.rstrip("\n").split("\t")
                qids.append(p[0])
                lab.append(int(p[1]))
                tot.append(int(p[2]))
                corp.append(0 if "wikipedia.org" in p[3] else 1)  # 0 = Wikispeedia, 1 = blogs
                rows.append([float(v) for v in p[first:]])
        self.X = np.array(rows)
        self.lab = np.array(lab)
        change = np.r_[True, np.array(qids[1:]) != np.array(qids[:-1])]
        self.starts = np.flatnonzero(change)
        self.ends = np.r_[self.starts[1:], len(qids)]
        self.g = np.cumsum(change) - 1  # query index of every row
        self.nq = len(self.starts)
        self.qcorp = np.array(corp)[self.starts]
        self.qtot = np.maximum(1, np.array(tot)[self.starts])
        self.qpos = np.zeros(self.nq, int)
        for c in (0, 1):
            idx = np.flatnonzero(self.qcorp == c)
            self.qpos[idx] = np.arange(len(idx))

    def col(self, k):
        return self.X[:, self.keys.index(k)]

    def query_max(self, x):
        return np.maximum.reduceat(x, self.starts)[self.g]

    def relative(self, k):
        x = self.col(k)
        m = self.query_max(x)
        return np.where(m > 0, x / np.where(m > 0, m, 1), 0)

    def query_z(self, k):
        x = self.col(k)
        if k not in IDENTITY:
            x = np.log1p(np.maximum(0, x))
        n = self.ends - self.starts
        mean = np.add.reduceat(x, self.starts) / n
        sd = np.sqrt(np.maximum(np.add.reduceat(x * x, self.starts) / n - mean * mean, 0))
        m, s = mean[self.g], sd[self.g]
        return np.where(s > 1e-9, (x - m) / np.where(s > 1e-9, s, 1), 0)


def variant(d, name):
    """Feature columns (already transformed) of a variant."""
    base = [k for k in d.keys if k not in WITHOUT]
    extra = {}
    feats = list(base)
    if name == "rel":
        extra = {k + "_rel": d.relative(k) for k in RAW}
    elif name == "rel-instead":
        extra = {k + "_rel": d.relative(k) for k in RAW}
        feats = [k for k in base if k not in RAW]
    elif name == "qz":
        extra = {k + "_qz": d.query_z(k) for k in RAW + ["bm25_title", "bm25_terms", "bm25_lead"]}
    elif name == "no-site":
        feats = [k for k in base if k not in SITE]
    elif name == "products":
        c = d.col
        extra = {"x_title_mention": c("bm25_title_rel") * c("mention_any"),
                 "x_terms_site": c("bm25_terms_rel") * c("site_fit"),
                 "x_free_terms": c("free_mention") * c("bm25_terms_rel"),
                 "x_title_terms": c("bm25_title_rel") * c("bm25_terms_rel")}
    elif name != "base":
        sys.exit("unknown variant " + name)
    feats += list(extra)
    cols = []
    for k in feats:
        x = extra[k] if k in extra else d.col(k)
        if k not in extra and k not in IDENTITY:
            x = np.log1p(np.maximum(0, x))
        cols.append(x)
    return feats, np.stack(cols, 1)


def standardise(T, rows):
    m, s = T[rows].mean(0), T[rows].std(0)
    s[s < 1e-6] = 1
    return np.clip((T - m) / s, -5, 5)


def pairwise(d, Z, qs, negs=None, iters=400, l2=None):
    negs = OPT["negs"] if negs is None else negs
    l2 = OPT["l2"] if l2 is None else l2
    rnd = np.random.RandomState(SEED)
    bt = d.col("bm25_title")
    a, b, pw = [], [], []
    for q in qs:
        s, e = d.starts[q], d.ends[q]
        lab = d.lab[s:e]
        pos, neg = np.flatnonzero(lab == 1), np.flatnonzero(lab == 0)
        if len(pos) == 0 or len(neg) == 0:
            continue
        hard = neg[np.lexsort((neg, -bt[s:e][neg]))][:negs // 2]
        n0 = len(a)
        for p in pos:
            a.extend([s + p] * len(hard))
            b.extend(s + hard)
            r = neg[rnd.randint(0, len(neg), negs - negs // 2)]
            a.extend([s + p] * len(r))
            b.extend(s + r)
        cw = OPT["wiki_weight"] if d.qcorp[q] == 0 else 1.0
        if OPT["pair_weight"] == "query":  # every query's pairs weigh as much in total (times its corpus weight)
            pw.extend([cw / (len(a) - n0)] * (len(a) - n0))
        else:
            pw.extend([cw] * (len(a) - n0))
    D = Z[a] - Z[b]
    pw = np.array(pw)
    pw = pw / pw.sum()
    w, m, v = np.zeros(Z.shape[1]), np.zeros(Z.shape[1]), np.zeros(Z.shape[1])
    for it in range(1, iters + 1):
        sg = -1 / (1 + np.exp(np.clip(D @ w, -50, 50)))
        g = D.T @ (sg * pw) + 2 * l2 * w
        m = .9 * m + .1 * g
        v = .999 * v + .001 * g * g
        w -= 0.05 * (m / (1 - .9 ** it)) / (np.sqrt(v / (1 - .999 ** it)) + 1e-8)
    return np.round(w, 4)


def metrics(S, L, M, tot):
    o = np.argsort(-np.where(M, S, -np.inf), axis=1, kind="stable")[:, :100]
    rel = np.take_along_axis(L, o, 1)
    dcg = (rel[:, :10] * LOG2[:rel[:, :10].shape[1]]).sum(1)
    idcg = np.array([LOG2[:min(10, t)].sum() for t in tot])
    return dcg / idcg, rel.sum(1) / tot


def coordinate_ascent(d, Z, qs, w):
    F = Z.shape[1]
    X = np.zeros((len(qs), POOL, F))
    L = np.zeros((len(qs), POOL), bool)
    M = np.zeros((len(qs), POOL), bool)
    for i, q in enumerate(qs):
        idx = np.arange(d.starts[q], d.ends[q])
        idx = np.sort(idx[np.lexsort((idx, -(Z[idx] @ w)))[:POOL]])
        X[i, :len(idx)], L[i, :len(idx)], M[i, :len(idx)] = Z[idx], d.lab[idx] == 1, True
    tot = d.qtot[qs]
    qw = np.where(d.qcorp[qs] == 0, OPT["wiki_weight"] if OPT["ca_weight"] else 1.0, 1.0)
    qw = qw / qw.sum()
    w = w.copy()
    S = X @ w

    def obj(S):
        n, r = metrics(S, L, M, tot)
        return (n * qw).sum() + OPT["recall_weight"] * (r * qw).sum()

    best = obj(S)
    for _ in range(OPT["passes"]):
        improved = False
        for j in range(F):
            step = 0
            for st in OPT["steps"]:
                for s in (st, -st):
                    v = obj(S + s * X[:, :, j])
                    if v > best + 1e-9:
                        best, step = v, s
            if step:
                improved = True
                w[j] += step
                S = S + step * X[:, :, j]
        if not improved:
            break
    return np.round(w, 4), best


def fit_lambdamart(d, Z, qs):
    """LambdaMART (LightGBM lambdarank, 300 trees of 15 leaves, one thread, deterministic, seed 42)."""
    import lightgbm
    params = dict(objective="lambdarank", learning_rate=0.05, num_leaves=15, min_data_in_leaf=50,
                  feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, seed=SEED, deterministic=True,
                  force_row_wise=True, num_threads=1, verbose=-1, lambdarank_truncation_level=100)
    rows = np.isin(d.g, qs)
    model = lightgbm.train(params, lightgbm.Dataset(Z[rows], d.lab[rows], group=(d.ends - d.starts)[qs]), 300)
    return lambda X: model.predict(X, num_threads=1)


def fit(d, Z, qs, starts, lambdamart=False):
    if lambdamart:
        return fit_lambdamart(d, Z, qs)
    w, best = coordinate_ascent(d, Z, qs, pairwise(d, Z, qs))
    if starts > 1:
        for c in (1, 0):
            sub = qs[d.qcorp[qs] == c]
            if len(sub):
                w2, o2 = coordinate_ascent(d, Z, qs, pairwise(d, Z, sub))
                if o2 > best + 1e-9:
                    w, best = w2, o2
    model = lambda X: X @ w
    model.weights = w
    return model


def score(d, Z, qs, model):
    S = model(Z)
    n, r = [], []
    for q in qs:
        s, e = d.starts[q], d.ends[q]
        rel = d.lab[s:e][np.argsort(-S[s:e], kind="stable")[:100]]
        n.append((rel[:10] * LOG2[:len(rel[:10])]).sum() / LOG2[:min(10, d.qtot[q])].sum())
        r.append(rel.sum() / d.qtot[q])
    return np.array(n), np.array(r)


def misses(d, S, qs, name):
    """Where the relevant pages of a corpus are under a model: not candidates, candidates below 100, top 100."""
    below, top, absent = [], [], 0
    for q in qs:
        s, e = d.starts[q], d.ends[q]
        rank = np.empty(e - s, int)
        rank[np.argsort(-S[s:e], kind="stable")] = np.arange(e - s)
        rel = d.lab[s:e] == 1
        absent += d.qtot[q] - rel.sum()
        below += list(s + np.flatnonzero(rel & (rank >= 100)))
        top += list(s + np.flatnonzero(rel & (rank < 100)))
    over = qs[d.qtot[qs] > 100]
    print(f"  {name}: relevant {d.qtot[qs].sum()}: no candidate {absent}, candidates below 100 {len(below)}, "
          f"top 100 {len(top)}; {len(over)} queries with more than 100 ({d.qtot[over].sum()} relevant)")
    for k in ("mention_any", "bm25_terms_rel", "reverse_any") if below and top else ():
        print(f"    {k}: mean {d.col(k)[below].mean():.2f} below 100, {d.col(k)[top].mean():.2f} in the top 100")


def feature_stats(d, key):
    """How one raw feature separates each query's relevant candidates from the others (no model): per corpus, the
    share of relevant / other candidates where it is > 0 and its mean within-query AUC (ties count half), over the
    queries with both kinds of candidate."""
    x = d.col(key)
    names = {0: "wikispeedia", 1: "blogs"}
    for c in (0, 1):
        aucs, pos_nz, neg_nz = [], [], []
        for q in np.flatnonzero(d.qcorp == c):
            s, e = d.starts[q], d.ends[q]
            rel = d.lab[s:e] == 1
            if rel.all() or not rel.any():
                continue
            p, n = x[s:e][rel], x[s:e][~rel]
            aucs.append((p[:, None] > n[None, :]).mean() + 0.5 * (p[:, None] == n[None, :]).mean())
            pos_nz.append((p > 0).mean())
            neg_nz.append((n > 0).mean())
        print(f"  {names[c]}: {key} > 0 for {np.mean(pos_nz):.3f} of relevant and {np.mean(neg_nz):.3f} of other "
              f"candidates (mean over {len(aucs)} queries); within-query AUC {np.mean(aucs):.3f}")


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    if args[1] == "--stats":
        d = Dump(args[0])
        for key in args[2:]:
            feature_stats(d, key)
        return
    cv = "--cv" in args
    for k, conv in (("wiki_weight", float), ("l2", float), ("negs", int), ("passes", int), ("pair_weight", str),
                    ("recall_weight", float)):
        flag = "--" + k.replace("_", "-")
        if flag in args:
            OPT[k] = conv(args[args.index(flag) + 1])
    if "--fine" in args:
        OPT["steps"] = [0.4, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005]
    if "--pairs-only-weight" in args:
        OPT["ca_weight"] = False
    print("options", OPT)
    starts = int(args[args.index("--starts") + 1]) if "--starts" in args else 1
    lm = "--lambdamart" in args
    t0 = time.time()
    d = Dump(args[0])
    feats, T = variant(d, args[1])
    allq = np.arange(d.nq)
    names = {0: "wikispeedia", 1: "blogs"}
    out = {}
    print(f"seed {SEED}; variant {args[1]}; {len(feats)} features; {starts} coordinate-ascent start(s)", flush=True)
    for c in (0, 1):
        qs = allq[d.qcorp == c]
        found = np.add.reduceat(d.lab, d.starts)[qs]
        print(f"  {names[c]}: {len(qs)} queries, {np.mean(d.ends[qs] - d.starts[qs]):.0f} candidates a query, "
              f"relevant pages among the candidates {np.mean(found / d.qtot[qs]):.4f} (the recall ceiling)")
    Z = standardise(T, np.ones(len(T), bool))
    w = fit(d, Z, allq, starts, lm)
    for c in (0, 1):
        out["in-corpus " + names[c]] = score(d, Z, allq[d.qcorp == c], w)
    for c in (0, 1):
        misses(d, w(Z), allq[d.qcorp == c], names[c])
    for c in (0, 1) if "--no-loco" not in args else ():
        train = allq[d.qcorp != c]
        Zl = standardise(T, np.isin(d.g, train))
        out["leave-one-corpus-out " + names[c]] = score(d, Zl, allq[d.qcorp == c], fit(d, Zl, train, starts, lm))
    if cv:
        res = {0: ([], []), 1: ([], [])}
        for f in range(5):
            train, held = allq[d.qpos % 5 != f], allq[d.qpos % 5 == f]
            Zf = standardise(T, np.isin(d.g, train))
            wf = fit(d, Zf, train, starts, lm)
            for c in (0, 1):
                n, r = score(d, Zf, held[d.qcorp[held] == c], wf)
                res[c][0].extend(n)
                res[c][1].extend(r)
        for c in (0, 1):
            out["5-fold CV " + names[c]] = (np.array(res[c][0]), np.array(res[c][1]))
    for k, (n, r) in out.items():
        print(f"  {k:34s} ndcg@10={n.mean():.4f} recall@100={r.mean():.4f}")
    if not lm:
        print("  weights (trained on both): " + ", ".join(f"{k} {x:+.3f}" for k, x in zip(feats, w.weights)))
    print(f"  {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
