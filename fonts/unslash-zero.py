#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Give Atkinson Hyperlegible Next an unslashed zero.

The face's zero is slashed and, as released (0.4.1, version 2.001), it has no
alternate without the slash. The slash is drawn as the gap between two
counters, so the zero's outline is the outer contour and two half counters.
This replaces the two half counters by one whole counter made of the
designer's own curves: each half counter keeps one quarter of the oval
intact (lower left in one, upper right in the other), and the zero is
symmetric about its vertical axis, so the two quarters cut by the slash are
the intact ones mirrored. Nothing else in the font changes; its version
string says what was done.

    /usr/bin/python3 fonts/unslash-zero.py fonts/AtkinsonHyperlegibleNext-Regular.ttf

needs fontTools (Debian: python3-fonttools) and rewrites the file in place.
"""

import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

NOTE = "; unslashed zero (leaflet)"


def contours(g):
    out, start = [], 0
    for end in g.endPtsOfContours:
        out.append([(tuple(g.coordinates[i]), g.flags[i] & 1) for i in range(start, end + 1)])
        start = end + 1
    return out


def bbox(c):
    xs = [p[0][0] for p in c]
    ys = [p[0][1] for p in c]
    return min(xs), min(ys), max(xs), max(ys)


def quarters(c, box):
    """The stretches of contour c that run from one on-curve extreme of the
    counter (box) to the next with only off-curve points between: the
    quarters the slash does not cut, in the contour's order."""
    n = len(c)
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    on_axis = [i for i, ((x, y), on) in enumerate(c) if on and (x in (x0, x1) or (x == cx and y in (y0, y1)))]
    found = {}
    for i in on_axis:
        path = [c[i]]
        j = (i + 1) % n
        while not c[j][1]:
            path.append(c[j])
            j = (j + 1) % n
        if j not in on_axis or j == i:
            continue
        path.append(c[j])
        mx = sum(p[0][0] for p in path) / len(path)
        my = sum(p[0][1] for p in path) / len(path)
        found[("L" if my < cy else "U") + ("L" if mx < cx else "R")] = path
    return found


def mirror(path, cx):
    return [((2 * cx - x, y), on) for (x, y), on in reversed(path)]


def unslash(font):
    glyf = font["glyf"]
    g = glyf["zero"]
    cs = contours(g)
    if len(cs) != 3:
        sys.exit("zero has %d contours, not 3 (outline and two half counters): already unslashed?" % len(cs))
    cs.sort(key=lambda c: (bbox(c)[2] - bbox(c)[0]) * (bbox(c)[3] - bbox(c)[1]), reverse=True)
    outer, halves = cs[0], cs[1:]
    x0 = min(bbox(c)[0] for c in halves)
    y0 = min(bbox(c)[1] for c in halves)
    x1 = max(bbox(c)[2] for c in halves)
    y1 = max(bbox(c)[3] for c in halves)
    if (x0 + x1) % 2:
        sys.exit("the counter's vertical axis is not on the font's grid")
    cx = (x0 + x1) // 2
    q = {}
    for c in halves:
        q.update(quarters(c, (x0, y0, x1, y1)))
    if set(q) != {"LL", "UR"}:
        sys.exit("expected the lower-left and upper-right quarters intact, found %s" % sorted(q))
    # counter-clockwise from the bottom, as counters run in TrueType
    lr = mirror(q["LL"], cx)  # bottom to right
    ul = mirror(q["UR"], cx)  # top to left
    counter = lr + q["UR"][1:] + ul[1:] + q["LL"][1:-1]
    points = outer + counter
    g.coordinates = GlyphCoordinates([p for p, _ in points])
    g.flags = bytearray(on for _, on in points)
    g.endPtsOfContours = [len(outer) - 1, len(points) - 1]
    g.numberOfContours = 2
    g.program.fromBytecode(b"")
    g.recalcBounds(glyf)
    for rec in font["name"].names:
        if rec.nameID == 5 and NOTE not in rec.toUnicode():
            rec.string = rec.toUnicode() + NOTE


def main():
    for path in sys.argv[1:]:
        font = TTFont(path, recalcTimestamp=False)
        unslash(font)
        font.save(path)
        print(path, "zero unslashed")


if __name__ == "__main__":
    main()
