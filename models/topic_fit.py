#!/usr/bin/env python3
"""Fits and cross-validates the topic weights of TopicExtractor (README "Keyphrase quality (topics)").

Input: the candidate dump of `linkscout bench keyphrases --candidates CANDS.jsonl` and the gold file of the dev set
(research use only: read from ../shared, never copied here). Needs numpy; the Porter stemmer and the metric are the
scorer's own (../shared/bench/eval_keyphrases.py, imported from there).

  python3 models/topic_fit.py CANDS.jsonl ../shared/data/keyphrase-dev/gold.jsonl [--check] [--cv] [--fit]

--check  recomputes every candidate's shipped weight from its raw features (proves the features here are the
         extractor's) and prints the largest difference;
--ceiling the share of gold phrases among the candidates (per subset), i.e. the recall no ranking can pass;
--cv     fits on a random half of the documents (seed 42) and scores the other half, both ways: held-out F1@5/@10
         per subset and the DUC estimate (news stories scored against their multi-word gold only);
--fit    fits on all documents and prints the coefficients as Java (TopicExtractor.weights());
--experiments  adds each feature of EXPERIMENTS (below) to the shipped ones in turn and prints its held-out figures
         with the per-document difference from the shipped features (mean ± standard error, F1@10 points);
--news-multiword LABEL  before --cv, a news candidate matching a one-word gold phrase gets the (soft) label LABEL
         instead of 1 (0: the news stories are labelled by their multi-word gold only, the DUC estimate's labels);
--seed N the random halves (default 42).
--prior P [P ...]  held-out halves with other one-word priors (the shipped procedure adds ONE_WORD_PRIOR = -0.5 to
         the fitted ONE_WORD coefficient; --cv and --fit include it);
--first-phrases  the lead baseline (FirstPhrases) over the same candidates, per subset and on the DUC estimate.

The numbers the README quotes for this script were printed by it; on the loaded shared machine one --cv takes about
20 s of CPU, most of it reading the dump.
"""
import argparse
import json
import math
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'bench'))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'shared', 'bench'))
import eval_keyphrases as ev  # noqa: E402

LENGTH_CENTRE = 5.5
# order and names of TopicExtractor.Feature; LENGTH_FREE have no per-length coefficient
FEATURES = ['TF', 'WHOLE', 'WHOLE_SHARE', 'SPREAD', 'RELATIVE_COUNT', 'FIRST', 'POSITION_SUM', 'FIRST_SENTENCE',
            'TITLE', 'WORD_IDF', 'WORD_IDF_MIN', 'WORD_IDF_MAX', 'HEAD_IDF', 'PHRASE_IDF', 'COUNT_PHRASE_IDF',
            'WORD_TFIDF_SUM', 'WORD_TFIDF_MEAN', 'ONE_WORD', 'WORDS', 'LOCATION', 'PERSON', 'ORGANIZATION',
            'ALL_CAPS']
LENGTH_FREE = {'ONE_WORD', 'WORDS'}
# TopicExtractor.ONE_WORD_PRIOR: added to the fitted ONE_WORD coefficient (README "A prior against one-word topics")
ONE_WORD_PRIOR = -0.5


def _words(c):
    return sum(1 for t in c['lw'] if t != '-')


def _first_sentence(c):
    return min(c['s']) if c['s'] else 0


def _doc_max(d, name):
    """The largest shipped feature value among the candidates of a text (computed once per text)."""
    cache = d.setdefault('_max', {})
    if name not in cache:
        max_count = max([c['n'] for c in d['c']] + [1])
        cache[name] = max([features(d, c, max_count, {})[name] for c in d['c']] + [1e-9])
    return cache[name]


# candidate features measured this round (README "Keyphrase quality (topics)", "Measured and not kept"): name ->
# f(doc, candidate, shipped values) -> value
EXPERIMENTS = {
    # a phrase of two or more words that occurs in the first k sentences (DUC-like news gold: 2-3-word noun phrases
    # of the first paragraphs)
    'MULTI_FIRST1': lambda d, c, v: float(_words(c) > 1 and _first_sentence(c) < 1),
    'MULTI_FIRST3': lambda d, c, v: float(_words(c) > 1 and _first_sentence(c) < 3),
    'MULTI_FIRST5': lambda d, c, v: float(_words(c) > 1 and _first_sentence(c) < 5),
    'MULTI_SENT_DECAY': lambda d, c, v: float(_words(c) > 1) * math.exp(-_first_sentence(c) / 3.0),
    'IN_FIRST3': lambda d, c, v: float(_first_sentence(c) < 3),
    # sentence of the first occurrence / sentences; occurs in the last sentence (abstracts' conclusions)
    'SENT_FIRST': lambda d, c, v: _first_sentence(c) / max(1, d['sentences']),
    'LAST_SENTENCE': lambda d, c, v: float(d['sentences'] - 1 in c['s']),
    # relative to the text's best candidate
    'REL_WORD_TFIDF': lambda d, c, v: v['WORD_TFIDF_SUM'] / _doc_max(d, 'WORD_TFIDF_SUM'),
    'REL_POSITION_SUM': lambda d, c, v: v['POSITION_SUM'] / _doc_max(d, 'POSITION_SUM'),
    # non-linear shapes of shipped features
    'FIRST_SQUARED': lambda d, c, v: v['FIRST'] ** 2,
    'WORD_IDF_SQUARED': lambda d, c, v: v['WORD_IDF'] ** 2,
    'TWO_WORDS': lambda d, c, v: float(_words(c) == 2),
    'HYPHENATED': lambda d, c, v: float(any('-' in t for t in c['lw'])),
    # a keyphrase (not an entity) written with a capital letter somewhere (proper-noun phrases NER missed)
    'CAPITALISED': lambda d, c, v: float(c['k'] == 'keyphrase' and not c['ac']
                                         and any(w[:1].isupper() for w in c['p'].split())),
    # one-word candidates get their own frequency and position coefficients
    'ONE_WORD_x_TF': lambda d, c, v: v['ONE_WORD'] * v['TF'],
    'ONE_WORD_x_WHOLE': lambda d, c, v: v['ONE_WORD'] * v['WHOLE'],
    'ONE_WORD_x_SPREAD': lambda d, c, v: v['ONE_WORD'] * v['SPREAD'],
    'ONE_WORD_x_POSITION_SUM': lambda d, c, v: v['ONE_WORD'] * v['POSITION_SUM'],
    'ONE_WORD_x_FIRST': lambda d, c, v: v['ONE_WORD'] * v['FIRST'],
    'ONE_WORD_x_TITLE': lambda d, c, v: v['ONE_WORD'] * v['TITLE'],
}
GROUPS = {
    'one-word frequency/position': ['ONE_WORD_x_TF', 'ONE_WORD_x_WHOLE', 'ONE_WORD_x_SPREAD',
                                    'ONE_WORD_x_POSITION_SUM', 'ONE_WORD_x_FIRST', 'ONE_WORD_x_TITLE'],
}


def idf(n, df):
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def features(doc, c, max_count, extra):
    """The raw feature values of one candidate, as TopicExtractor.Scorer.values computes them."""
    n_bg = doc['bgDocs']
    ln_n = math.log(n_bg)
    tf = 1 + math.log(c['n'])
    sents = set(c['s'])
    v = {
        'TF': tf,
        'WHOLE': math.log(1 + c['wh']),
        'WHOLE_SHARE': c['wh'] / max(1, c['n']),
        'SPREAD': len(sents) / max(1, doc['sentences']),
        'RELATIVE_COUNT': c['n'] / max(1, max_count),
        'FIRST': c['f'] / max(1, doc['tokens']),
        'POSITION_SUM': c['ps'],
        'FIRST_SENTENCE': 1.0 if 0 in sents else 0.0,
        'TITLE': 1.0 if c['t'] else 0.0,
    }
    idfs = [idf(n_bg, d) / ln_n for d in c['df']]
    k = len(idfs)
    v['WORD_IDF'] = sum(idfs) / k if k else 1.0
    v['WORD_IDF_MIN'] = min(idfs) if k else 1.0
    v['WORD_IDF_MAX'] = max(idfs) if k else 1.0
    v['HEAD_IDF'] = idfs[-1] if k else 1.0
    p = idf(n_bg, c['pdf']) / ln_n
    v['PHRASE_IDF'] = p
    v['COUNT_PHRASE_IDF'] = tf * p
    tfidf = sum(math.log(1 + wc) * i for wc, i in zip(c['wc'], idfs))
    v['WORD_TFIDF_SUM'] = tfidf
    v['WORD_TFIDF_MEAN'] = tfidf / k if k else 0.0
    words = sum(1 for t in c['lw'] if t != '-')
    v['ONE_WORD'] = 1.0 if words == 1 else 0.0
    v['WORDS'] = float(min(5, words))
    v['LOCATION'] = 1.0 if c['k'] == 'LOCATION' else 0.0
    v['PERSON'] = 1.0 if c['k'] == 'PERSON' else 0.0
    v['ORGANIZATION'] = 1.0 if c['k'] == 'ORGANIZATION' else 0.0
    v['ALL_CAPS'] = 1.0 if c['ac'] else 0.0
    for name, fn in extra.items():
        v[name] = fn(doc, c, v)
    return v


def key(phrase):
    """The scorer's normal form of a phrase (lower-cased, tokenised, Porter-stemmed)."""
    return ev.normalize(phrase)


def load(cands_path, gold_path, extra):
    gold = ev.load_gold(gold_path)
    docs = []
    with open(cands_path, encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            cs = d['c']
            max_count = max([c['n'] for c in cs] + [1])
            d['X'] = [features(d, c, max_count, extra) for c in cs]
            d['L'] = math.log(max(1, d['tokens'])) - LENGTH_CENTRE
            d['gold'] = gold.get(d['id'], [])
            gset = set().union(*d['gold']) if d['gold'] else set()
            d['y'] = np.array([1.0 if key(c['p']) in gset else 0.0 for c in cs])
            d['keys'] = [key(c['p']) for c in cs]
            d['stems'] = [key(' '.join(c['lw'])).split() for c in cs]
            docs.append(d)
    return docs


def design(docs, names):
    """Rows: candidates; columns: each feature, then its product with L (except LENGTH_FREE)."""
    cols = names + [n + '*L' for n in names if n not in LENGTH_FREE]
    rows = []
    for d in docs:
        for v in d['X']:
            rows.append([v[n] for n in names] + [v[n] * d['L'] for n in names if n not in LENGTH_FREE])
    return np.array(rows), cols


def fit(docs, names, penalty=1.0):
    X, cols = design(docs, names)
    y = np.concatenate([d['y'] for d in docs])
    # each subset weighs the same in total
    sub = [d['id'].split('-')[0] for d in docs for _ in d['X']]
    subsets = sorted(set(sub))
    total = {s: sum(1 for x in sub if x == s) for s in subsets}
    w = np.array([len(sub) / (len(subsets) * total[s]) for s in sub])
    mu = X.mean(axis=0)
    sd = X.std(axis=0)
    sd[sd == 0] = 1
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd])
    beta = np.zeros(Z.shape[1])
    reg = penalty * np.eye(Z.shape[1])
    reg[0, 0] = 0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(Z @ beta)))
        g = Z.T @ (w * (y - p)) - reg @ beta
        H = (Z * (w * p * (1 - p))[:, None]).T @ Z + reg
        step = np.linalg.solve(H, g)
        beta += step
        if np.abs(step).max() < 1e-9:
            break
    coef = beta[1:] / sd
    return dict(zip(cols, coef))


def weight(d, coef, names):
    out = []
    for v in d['X']:
        s = 0.0
        for n in names:
            s += coef[n] * v[n]
            if n not in LENGTH_FREE:
                s += coef[n + '*L'] * v[n] * d['L']
        out.append(s)
    return out


def select(d, weights, k=10):
    """TopicExtractor.select: best by weight (ties: phrase), a sub-phrase of a chosen longer topic takes no slot."""
    order = sorted(range(len(weights)), key=lambda i: (-round(weights[i], 4), d['c'][i]['p'], d['c'][i]['k']))
    chosen, out = [], []
    for i in order:
        if len(out) >= k:
            break
        st = d['stems'][i]
        inside = any(len(lo) > len(st) and any(lo[j:j + len(st)] == st for j in range(len(lo) - len(st) + 1))
                     for lo in chosen)
        if not inside:
            out.append(i)
            chosen.append(st)
    return [d['c'][i]['p'] for i in out]


def first_phrases(d, k=10):
    """FirstPhrases (pke's lead baseline) over the extractor's candidates: those that occur as a whole chunk, by first
    token offset (ties: longer first, then the phrase), one per scorer key."""
    cs = sorted((c for c in d['c'] if c['wh'] > 0), key=lambda c: (c['f'], -len(c['lw']), c['p']))
    out, seen = [], set()
    for c in cs:
        kp = key(c['p'])
        if kp and kp not in seen:
            seen.add(kp)
            out.append(c['p'])
            if len(out) == k:
                break
    return out


def f1(pred, gold, k):
    """The scorer's F1@k (its ev.prf) of one document's ranked phrases against its gold (sets of variants)."""
    seen, keys = set(), []
    for p in pred:
        kp = key(p)
        if kp and kp not in seen:
            seen.add(kp)
            keys.append(kp)
    return ev.prf(keys, gold, k)[2]


def scores(docs, preds):
    """Per subset: mean F1@5, F1@10; plus the DUC estimate (news stories against their multi-word gold)."""
    out = {}
    for d in docs:
        s = d['id'].split('-')[0]
        out.setdefault(s, []).append((f1(preds[d['id']], d['gold'], 5), f1(preds[d['id']], d['gold'], 10)))
        if s == 'kpcrowd':
            multi = [g for g in d['gold'] if any(' ' in v for v in g)]
            if multi:
                out.setdefault('duc-est', []).append((f1(preds[d['id']], multi, 5), f1(preds[d['id']], multi, 10)))
    return {s: (100 * np.mean([a for a, _ in v]), 100 * np.mean([b for _, b in v]), v) for s, v in out.items()}


def cv(docs, names, seed=42, penalty=1.0, prior=None):
    """Held-out halves; the fitted ONE_WORD coefficient gets PRIOR (default ONE_WORD_PRIOR) added, as shipped."""
    prior = ONE_WORD_PRIOR if prior is None else prior
    rng = np.random.RandomState(seed)
    idx = rng.permutation(len(docs))
    half = [set(idx[: len(docs) // 2]), set(idx[len(docs) // 2:])]
    preds = {}
    for h in range(2):
        train = [d for i, d in enumerate(docs) if i not in half[h]]
        test = [d for i, d in enumerate(docs) if i in half[h]]
        coef = fit(train, names, penalty)
        coef['ONE_WORD'] += prior
        for d in test:
            preds[d['id']] = select(d, weight(d, coef, names))
    return scores(docs, preds)


def report(label, sc, base=None):
    parts = []
    for s in ('inspec', 'kpcrowd', 'duc-est'):
        a, b, v = sc[s]
        txt = f'{s} {a:5.2f}/{b:5.2f}'
        if base is not None:
            diff = 100 * (np.array([x[1] for x in v]) - np.array([x[1] for x in base[s][2]]))
            txt += f' ({diff.mean():+.2f}±{diff.std(ddof=1) / math.sqrt(len(diff)):.2f})'
        parts.append(txt)
    print(f'{label:28s} ' + '  '.join(parts), flush=True)


def shipped():
    """The coefficients in TopicExtractor.weights(), read from the Java source."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'main', 'java', 'io', 'linkscout',
                       'nlp', 'TopicExtractor.java')
    text = open(src).read()
    prior = float(re.search(r'ONE_WORD_PRIOR = ([-0-9.]+);', text).group(1))
    coef = {}
    for m in re.finditer(r'w\.put\(Feature\.(\w+), new Weight\(([-0-9.]+)( \+ ONE_WORD_PRIOR)?, ([-0-9.]+)\)\)', text):
        coef[m.group(1)] = float(m.group(2)) + (prior if m.group(3) else 0.0)
        coef[m.group(1) + '*L'] = float(m.group(4))
    return coef


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('cands')
    ap.add_argument('gold')
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--ceiling', action='store_true')
    ap.add_argument('--cv', action='store_true')
    ap.add_argument('--fit', action='store_true')
    ap.add_argument('--experiments', action='store_true')
    ap.add_argument('--news-multiword', type=float, metavar='LABEL')
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--prior', type=float, nargs='+', metavar='P',
                    help='held-out halves with each one-word prior P instead of ONE_WORD_PRIOR')
    ap.add_argument('--first-phrases', action='store_true',
                    help='the lead baseline over the same candidates: whole chunks by first position')
    a = ap.parse_args()
    docs = load(a.cands, a.gold, EXPERIMENTS if a.experiments else {})
    base = None
    if a.check:
        coef = shipped()
        diff = max(abs(round(w, 4) - c['w']) for d in docs for w, c in zip(weight(d, coef, FEATURES), d['c']))
        print(f'largest difference from the shipped weights: {diff:.4f}')
    if a.ceiling:
        for s in ('inspec', 'kpcrowd'):
            ds = [d for d in docs if d['id'].startswith(s)]
            g = sum(len(d['gold']) for d in ds)
            c = sum(sum(1 for gs in d['gold'] if gs & set(d['keys'])) for d in ds)
            print(f'{s}: gold {g}, among candidates {c} ({100 * c / g:.1f}%)')
    if a.cv or a.experiments:
        base = cv(docs, FEATURES, a.seed)
        report(f'shipped features, seed {a.seed}', base)
    if a.experiments:
        for name in EXPERIMENTS:
            report('+' + name, cv(docs, FEATURES + [name], a.seed), base)
        for label, names in GROUPS.items():
            report('+' + label, cv(docs, FEATURES + names, a.seed), base)
    if a.news_multiword is not None:
        for d in docs:
            if d['id'].startswith('kpcrowd'):
                multi = set().union(*[{v for v in g if ' ' in v} for g in d['gold']]) if d['gold'] else set()
                d['y'] = np.array([1.0 if k in multi else a.news_multiword * y for k, y in zip(d['keys'], d['y'])])
        report(f'news one-word gold label {a.news_multiword}', cv(docs, FEATURES, a.seed), base)
    if a.prior:
        for p in a.prior:
            report(f'one-word prior {p:+.2f}, seed {a.seed}', cv(docs, FEATURES, a.seed, prior=p), base)
    if a.first_phrases:
        preds = {d['id']: first_phrases(d) for d in docs}
        report('FirstPhrases (lead baseline)', scores(docs, preds))
    if a.fit:
        coef = fit(docs, FEATURES)
        for n in FEATURES:
            prior = ' + ONE_WORD_PRIOR' if n == 'ONE_WORD' else ''
            print(f'        w.put(Feature.{n}, new Weight({coef[n]:.4f}{prior}, {coef.get(n + "*L", 0.0):.4f}));')


if __name__ == '__main__':
    main()
