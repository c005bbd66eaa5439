"""Reconstructs euro amounts for Bijlage 1 that round to every figure the source prints.

Source: docs/sources.md, Interventieplan 2018.

The source prints each line, each balance, each subtotal and the total rounded to EUR 1,000 independently, so the
rounded lines do not add up to the printed subtotals (2017: lines give 182.976, the total says 182.977). This script
searches integer euro amounts, within 499 of each printed line, whose line balances, domain subtotals, subtotal
balances and totals all round to the printed figures, and writes the demo seed CSV. Run: python3 tools/reconstruct_bijlage1.py
"""
import random

# domain, line, sort, then per year (budget, actual, balance) as printed, in EUR 1,000.
LINES = [
 ("Beschermd wonen","Beschermd wonen (BW)",1,[(61920,61770,150),(59723,59810,-87),(66317,60539,5777)]),
 ("Beschermd wonen","Eigen bijdrage",2,[(-3283,-3182,-101),(-2883,-2925,42),(-3283,-3019,-264)]),
 ("Beschermd wonen","Reservemutaties",3,[(0,49,-49),(1021,976,45),(0,5513,-5513)]),
 ("Wmo","Dagbesteding",1,[(4649,3934,715),(3574,3243,332),(4119,3778,341)]),
 ("Wmo","Eigen bijdrage",2,[(-2928,-2057,-871),(-3016,-2928,-88),(-2688,-1823,-865)]),
 ("Wmo","Huishoudelijke hulp (HH)",3,[(11886,9782,2104),(7720,7392,328),(8084,7354,730)]),
 ("Wmo","Individuele begeleiding (IB)",4,[(9263,8791,472),(10393,11479,-1087),(9985,13439,-3454)]),
 ("Wmo","Individuele voorzieningen",5,[(8044,6884,1161),(7404,7328,76),(7189,7191,-2)]),
 ("Wmo","Opvang",6,[(15063,14917,147),(13816,13597,219),(13669,13321,347)]),
 ("Wmo","Reservemutaties",7,[(290,1018,-728),(0,38,-38),(-137,313,-450)]),
 ("Wmo","Overig Wmo",8,[(4020,3442,579),(3725,3639,86),(5097,4965,132)]),
 ("Jeugd","Jeugd-GGZ",1,[(6066,8328,-2262),(8022,7936,86),(6430,7802,-1372)]),
 ("Jeugd","Jeugd en opvoeding (J&O)",2,[(15233,11031,4201),(10615,10615,0),(12275,11481,794)]),
 ("Jeugd","Licht verstandelijke beperking (LVB)",3,[(2903,7237,-4334),(8785,8785,0),(9509,11727,-2218)]),
 ("Jeugd","PGB Jeugd",4,[(5080,4288,792),(2512,2487,25),(2750,2268,482)]),
 ("Jeugd","AMHK (Veilig Thuis)",5,[(1521,1491,30),(1541,1541,0),(1572,1620,-48)]),
 ("Jeugd","Jeugd lokaal",6,[(5296,3359,1937),(3328,3314,14),(3565,3650,-84)]),
 ("Participatie","Participatie",1,[(5855,5201,654),(4923,4803,120),(6444,6594,-149)]),
 ("Participatie","Sociale werkvoorziening (SW)",2,[(18157,18063,94),(16392,16025,367),(16733,16635,98)]),
 ("Bijstand","Bijstand",1,[(9016,9190,-173),(6877,6242,635),(7377,7123,254)]),
 ("Armoede","Armoede",1,[(8492,8578,-86),(7693,7538,155),(7969,7702,267)]),
]
SUBTOTALS = {
 "Beschermd wonen":[(58637,58637,0),(57861,57861,0),(63034,63033,0)],
 "Wmo":[(50289,46711,3578),(43615,43787,-172),(45318,48538,-3220)],
 "Jeugd":[(36099,35735,364),(34803,34678,125),(36102,38548,-2446)],
 "Participatie":[(24012,23265,748),(21315,20828,487),(23177,23229,-52)],
 "Bijstand":[(9016,9190,-173),(6877,6242,635),(7377,7123,254)],
 "Armoede":[(8492,8578,-86),(7693,7538,155),(7969,7702,267)],
}
TOTALS = [(186546,182115,4430),(172164,170935,1230),(182977,188173,-5196)]
YEARS = [2015, 2016, 2017]
M = 499  # a printed figure p (x 1,000) stands for euros in [1000p - 499, 1000p + 499]

def miss(value, printed):
    lo, hi = printed * 1000 - M, printed * 1000 + M
    return max(0, lo - value, value - hi)

def violation(y, b, a):
    v = 0
    for i, (_, _, _, years) in enumerate(LINES):
        pb, pa, ps = years[y]
        v += miss(b[i], pb) + miss(a[i], pa) + miss(b[i] - a[i], ps)
    for d, years in SUBTOTALS.items():
        idx = [i for i, l in enumerate(LINES) if l[0] == d]
        sb, sa = sum(b[i] for i in idx), sum(a[i] for i in idx)
        pb, pa, ps = years[y]
        v += miss(sb, pb) + miss(sa, pa) + miss(sb - sa, ps)
    pb, pa, ps = TOTALS[y]
    v += miss(sum(b), pb) + miss(sum(a), pa) + miss(sum(b) - sum(a), ps)
    return v

def solve(y):
    """Hill-climb on integer euros: a move is kept when it lowers the violation, or keeps it and brings the
    amounts closer to the printed figures; so the result is a solution with small deviations."""
    rnd = random.Random(2018 + y)
    centers = [[l[3][y][k] * 1000 for l in LINES] for k in (0, 1)]
    x = [list(c) for c in centers]
    deviation = lambda: sum(abs(x[k][i] - centers[k][i]) for k in (0, 1) for i in range(len(LINES)))
    v, dev = violation(y, *x), deviation()
    for _ in range(300_000):
        k, i = rnd.randrange(2), rnd.randrange(len(LINES))
        old = x[k][i]
        x[k][i] = max(centers[k][i] - M, min(centers[k][i] + M, old + rnd.choice([-1, 1]) * rnd.randint(1, 120)))
        nv, ndev = violation(y, *x), deviation()
        if nv < v or (nv == v and ndev <= dev):
            v, dev = nv, ndev
        else:
            x[k][i] = old
    assert v == 0, f"no solution for {YEARS[y]}"
    return x[0], x[1]

solutions = [solve(y) for y in range(3)]
out = ["# Bijlage 1 van het Interventieplan Sociaal domein Zwolle (15 mei 2018): begroot en werkelijk 2015-2017, in euro.",
       "# De bron drukt elke regel, elk saldo, elk subtotaal en het totaal afgerond op EUR 1.000 af; deze bedragen zijn zo",
       "# gereconstrueerd dat al die afgedrukte getallen eruit volgen (tools/reconstruct_bijlage1.py). Bron: docs/sources.md (Interventieplan 2018).",
       "domein;regel;volgorde;begroot 2015;werkelijk 2015;begroot 2016;werkelijk 2016;begroot 2017;werkelijk 2017"]
for i, (d, name, sort, _) in enumerate(LINES):
    cells = [str(v) for y in range(3) for v in (solutions[y][0][i], solutions[y][1][i])]
    out.append(";".join([d, name, str(sort)] + cells))
open("src/Infrastructure/DemoData/begroting-2015-2017.csv", "w", encoding="utf-8").write("\n".join(out) + "\n")
print("written; max deviation from printed line (EUR):",
      max(abs(solutions[y][k][i] - LINES[i][3][y][k] * 1000) for y in range(3) for k in range(2) for i in range(len(LINES))))
