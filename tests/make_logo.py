#!/usr/bin/env python3
"""Writes a small emblem as a PNG (a red disk with a gold star) with zlib and
struct only, for the settings tests: make_logo.py OUT.png [SIZE]."""
import math
import struct
import sys
import zlib


def star_contains(x, y, cx, cy, r_out, r_in):
    """Whether (x, y) is inside a five-pointed star centred at (cx, cy)."""
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        r = r_out if k % 2 == 0 else r_in
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    inside = False
    j = len(pts) - 1
    for i, (xi, yi) in enumerate(pts):
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def emblem(size):
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])  # filter type: none
        for x in range(size):
            d = math.hypot(x - c, y - c)
            if d > size / 2 - 0.5:
                row += bytes((255, 255, 255, 0))
            elif star_contains(x, y, c, c, size * 0.36, size * 0.14):
                row += bytes((255, 204, 0, 255))
            elif d > size / 2 - size * 0.06:
                row += bytes((255, 204, 0, 255))
            else:
                row += bytes((200, 16, 46, 255))
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 96
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(emblem(size), 9))
    png += chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main()
