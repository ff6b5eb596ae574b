#!/usr/bin/env python3
# Usage: python3 generate_host_graph.py HOSTS DOMAINS EDGES PREFIX  (writes PREFIX-vertices.txt.gz, PREFIX-edges.txt.gz)
# A synthetic host graph in Common Crawl's published layout: H hosts over D domains (suffixes com/org/co.uk/de/
# github.io/net), E edges with a skewed (Zipf-like) target; seed 18.
import gzip, random, sys
H, D, E = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(18)
suf = ["com", "org", "uk.co", "de", "io.github", "net"]
pre = ["www", "blog", "shop", "news", ""]
with gzip.open(sys.argv[4] + "-vertices.txt.gz", "wt", compresslevel=1) as v:
    for i in range(H):
        d = rnd.randrange(D); p = rnd.choice(pre)
        v.write(f"{i}\t{suf[d % 6]}.site{d}{'.' + p if p else ''}\n")
with gzip.open(sys.argv[4] + "-edges.txt.gz", "wt", compresslevel=1) as e:
    for _ in range(E):
        f = rnd.randrange(H)
        t = int(H * rnd.random() ** 3)
        e.write(f"{f}\t{t}\n")
