"""Per-query diagnosis (cheap: no refit) on the dump with the shipped linear model's weights (models/ranker-linear.json; in-sample) and a
screen of link-PRF features: a line search of s + beta * z(feature), beta chosen on 4 folds, applied to the 5th."""
import json, sys, time, os
if len(sys.argv) != 4:
    sys.exit("usage: python3 models/prf_screen.py DUMP WIKI_SPLIT BLOGS_SPLIT  (run from the project root)")
DUMP, SPLITS = sys.argv[1], sys.argv[2:4]
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ranker_experiments as rx
import prf_experiments as px
t0 = time.time()
d = px.load_dump(DUMP)
m = json.load(open("models/ranker-linear.json"))
S = np.zeros(len(d.lab))
for t in m["features"]:
    if t["weight"] == 0: continue
    x = d.col(t["name"]).astype(float)
    if t["transform"] == "log1p": x = np.log1p(np.maximum(0, x))
    S += t["weight"] * np.clip((x - t["mean"]) / t["std"], -5, 5)
print(f"loaded {time.time()-t0:.0f}s", flush=True)
rank = np.empty(len(S), int)
for q in range(d.nq):
    s, e = d.starts[q], d.ends[q]
    o = np.lexsort((np.arange(e - s), -S[s:e]))
    rank[s + o] = np.arange(e - s)
names = {0: "wikispeedia", 1: "blogs"}
def perq(S):
    n = np.zeros(d.nq); r = np.zeros(d.nq)
    for q in range(d.nq):
        s, e = d.starts[q], d.ends[q]
        rel = d.lab[s:e][np.lexsort((np.arange(e - s), -S[s:e]))[:100]]
        n[q] = (rel[:10] * rx.LOG2[:len(rel[:10])]).sum() / rx.LOG2[:min(10, d.qtot[q])].sum()
        r[q] = rel.sum() / d.qtot[q]
    return n, r
n0, r0 = perq(S)
for c in (0, 1):
    qs = d.qcorp == c
    print(f"{names[c]}: shipped linear model, in-sample nDCG@10 {n0[qs].mean():.4f} recall@100 {r0[qs].mean():.4f}")
cache = DUMP + ".prf10.npz"
if os.path.exists(cache):
    cols = dict(np.load(cache))
else:
    g = px.Graph(SPLITS)
    cols = px.prf_columns(d, g, 10, "mix")
    np.savez(cache, **cols)
print(f"prf columns {time.time()-t0:.0f}s", flush=True)
lab = d.lab == 1
W = d.qcorp[d.g] == 0
feats = ["mention_any", "free_mention", "bm25_terms_rel", "bm25_title_rel", "reverse_any", "cocitation", "out_degree", "length"]
print("Wikispeedia relevant candidates by the model's rank: mean raw value (top 10 / 11-100 / below 100) and non-relevant in 11-100")
for k in feats + list(cols):
    x = cols[k] if k in cols else d.col(k)
    a = [x[W & lab & (rank < 10)].mean(), x[W & lab & (rank >= 10) & (rank < 100)].mean(), x[W & lab & (rank >= 100)].mean(),
         x[W & ~lab & (rank >= 10) & (rank < 100)].mean()]
    print(f"  {k:16s} " + " / ".join(f"{v:.3f}" for v in a))
print(f"  counts: {(W&lab&(rank<10)).sum()} / {(W&lab&(rank>=10)&(rank<100)).sum()} / {(W&lab&(rank>=100)).sum()} / {(W&~lab&(rank>=10)&(rank<100)).sum()}")
wq = np.flatnonzero(d.qcorp == 0)
o = wq[np.argsort(n0[wq])][:12]
print("lowest Wikispeedia queries (in-sample nDCG@10, recall@100, relevant, candidates):")
for q in o:
    print(f"  {d.qids[d.starts[q]][30:]:40s} {n0[q]:.3f} {r0[q]:.3f} {d.qtot[q]:4d} {d.ends[q]-d.starts[q]:5d}")
print(f"nDCG@10 by relevant total (Wikispeedia): " + ", ".join(
    f"{lo}-{hi}: {n0[wq][(d.qtot[wq]>=lo)&(d.qtot[wq]<=hi)].mean():.3f} (n={((d.qtot[wq]>=lo)&(d.qtot[wq]<=hi)).sum()})"
    for lo, hi in ((1, 5), (6, 15), (16, 40), (41, 100), (101, 10000))))
# screen: s + beta * z(log1p(prf)), beta by 5-fold CV per corpus set (chosen on all training queries of both corpora)
grid = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8]
for k in list(cols) + ["prf_linked+prf_links"]:
    x = np.log1p(cols["prf_linked"]) + np.log1p(cols["prf_links"]) if "+" in k else np.log1p(cols[k])
    z = (x - x.mean()) / (x.std() + 1e-9)
    res = {b: perq(S + b * z) for b in grid}
    out = {0: np.zeros(d.nq), 1: np.zeros(d.nq)}
    chosen = []
    held_n = np.zeros(d.nq); held_r = np.zeros(d.nq)
    for f in range(5):
        tr = d.qpos % 5 != f
        b = max(grid, key=lambda b: res[b][0][tr].mean() + res[b][1][tr].mean())
        chosen.append(b)
        held_n[~tr] = res[b][0][~tr]; held_r[~tr] = res[b][1][~tr]
    line = f"  + beta*z({k}): betas {chosen}; held-out " + "; ".join(
        f"{names[c]} {held_n[d.qcorp==c].mean():.4f} / {held_r[d.qcorp==c].mean():.4f}" for c in (0, 1))
    line += "; in-sample by beta: " + ", ".join(f"{b}: {res[b][0][d.qcorp==0].mean():.4f}/{res[b][0][d.qcorp==1].mean():.4f}" for b in grid)
    print(line, flush=True)
print(f"{time.time()-t0:.0f}s")
