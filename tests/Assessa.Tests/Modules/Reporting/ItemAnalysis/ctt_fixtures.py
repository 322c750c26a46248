#!/usr/bin/env python3
"""Independent computation of the fixtures in ClassicalTestTheoryTests.cs (plain Python 3, no numpy).

Run: python3 ctt_fixtures.py. Definitions (docs/adr/0018-item-analysis-definitions.md): omitted = 0; population
variances (divide by n); p = mean / max; corrected r = Pearson(item, total - item); groups = top and bottom
g = floor(0.27 n + 0.5) persons ranked by total descending, ties by id ascending; D = p_upper - p_lower;
alpha = k/(k-1) (1 - sum var_i / var_total); SEM = sd_total sqrt(1 - alpha).
"""
import math

def pvar(xs):
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)

def pearson(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    va, vb = pvar(a), pvar(b)
    if va == 0 or vb == 0:
        return None
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b)) / len(a)
    return cov / math.sqrt(va * vb)

def analyse(name, ids, matrix, maxes):
    n, k = len(matrix), len(maxes)
    x = [[0 if v is None else v for v in row] for row in matrix]
    totals = [sum(row) for row in x]
    g = (27 * n + 50) // 100
    ranked = sorted(range(n), key=lambda p: (-totals[p], ids[p]))
    upper, lower = ranked[:g], ranked[n - g:]
    print(f"== {name}: n={n} k={k} g={g}")
    print("upper", [ids[p] for p in upper], "lower", [ids[p] for p in lower])
    var_sum = 0
    for i in range(k):
        col = [row[i] for row in x]
        var_sum += pvar(col)
        p = sum(col) / n / maxes[i]
        r = pearson(col, [t - c for t, c in zip(totals, col)])
        pu = sum(x[q][i] for q in upper) / g / maxes[i]
        pl = sum(x[q][i] for q in lower) / g / maxes[i]
        omitted = sum(1 for row in matrix if row[i] is None)
        print(f"item {i}: p={p!r} sd={math.sqrt(pvar(col))!r} r={r!r} pu={pu!r} pl={pl!r} D={pu - pl!r} omitted={omitted}")
    vt = pvar(totals)
    alpha = k / (k - 1) * (1 - var_sum / vt)
    print(f"mean={sum(totals) / n!r} var={vt!r} sd={math.sqrt(vt)!r} alpha={alpha!r} sem={math.sqrt(vt) * math.sqrt(1 - alpha)!r}")
    # KR-20 from p*q, to show alpha (population variances) equals it on 0/1 data
    if all(v in (0, m) for row in x for v, m in zip(row, maxes)):
        pq = sum((sum(row[i] for row in x) / n / maxes[i]) * (1 - sum(row[i] for row in x) / n / maxes[i]) for i in range(k))
        print(f"kr20={k / (k - 1) * (1 - pq / vt)!r}")

# Dichotomous: 10 persons x 5 items, max 1. None = omitted. Persons 06, 07, 08 and 10 tie at total 2 across the lower cut.
DICHOTOMOUS = [
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 0],
    [1, 1, 1, 0, 1],
    [1, 1, 0, 1, 0],
    [1, 0, 1, 1, 0],
    [1, 1, 0, 0, 0],
    [1, 0, 1, 0, 0],
    [1, 0, 0, 0, 1],
    [None, 1, 0, 0, 0],
    [1, 0, None, 0, 1],
]
analyse("dichotomous", [f"{p:02d}" for p in range(1, 11)], DICHOTOMOUS, [1] * 5)

# Options of the dichotomous items: a is keyed; a 0 chose b (odd person numbers) or c (even); omitted chose nothing.
def choice(p, v):
    return None if v is None else "a" if v == 1 else "b" if (p + 1) % 2 == 1 else "c"

def options(ids, matrix, i, upper, lower):
    n = len(matrix)
    for o in "abc":
        chose = [p for p in range(n) if choice(p, matrix[p][i]) == o]
        print(f"item {i} option {o}: count={len(chose)} proportion={len(chose) / n!r} "
              f"upper={sum(1 for p in upper if p in chose) / len(upper)!r} lower={sum(1 for p in lower if p in chose) / len(lower)!r}")

options(None, DICHOTOMOUS, 1, [0, 1, 2], [7, 9, 8])  # groups as printed above: upper 01 02 03, lower 08 10 09

# Polytomous: 12 persons x 4 items, maxima 2, 4, 2, 3 (partial credit 0.5 on item 0).
POLYTOMOUS = [
    [2, 4, 2, 3],
    [2, 3, 2, 2],
    [1.5, 4, 1, 3],
    [2, 2, 2, 1],
    [0.5, 3, 1, 2],
    [1, 2, 0, 3],
    [2, 1, 1, 1],
    [0, 2, 2, 0],
    [1, 0, 0, 2],
    [0.5, 1, None, 0],
    [0, None, 0, 1],
    [1, 1, 1, 0],
]
analyse("polytomous", [f"{p:02d}" for p in range(1, 13)], POLYTOMOUS, [2, 4, 2, 3])

# Flags: item 0 everyone right (too easy, no variance), item 1 everyone wrong (too hard, no variance),
# item 4 weakly discriminating (0 <= r < 0.20).
FLAGS = [
    [1, 0, 1, 0, 0],
    [1, 0, 1, 1, 1],
    [1, 0, 0, 0, 0],
    [1, 0, 1, 1, 1],
    [1, 0, 0, 0, 1],
    [1, 0, 0, 0, 0],
    [1, 0, 0, 0, 1],
    [1, 0, 1, 1, 0],
    [1, 0, 0, 1, 1],
    [1, 0, 1, 0, 1],
]
analyse("flags", [f"{p:02d}" for p in range(1, 11)], FLAGS, [1] * 5)
