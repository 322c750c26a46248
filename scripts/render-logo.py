#!/usr/bin/env python3
"""Renders the Assessa logo PNG (the Pinpoint plugin's logoBase64) from the same shapes as assessa-icon.svg.

No image library needed: 4x4 supersampled point tests, written as an 8-bit RGBA PNG with zlib.
Usage: python3 scripts/render-logo.py [size] > src/Assessa.Server/Modules/Integrations/Features/Pinpoint/Assets/assessa-logo.png
"""
import struct
import sys
import zlib

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 256
SCALE = SIZE / 64.0
BLUE, WHITE, GREEN = (0x1F, 0x5F, 0xAD), (0xFF, 0xFF, 0xFF), (0x7F, 0xD8, 0x8F)
LETTER = [(14, 50), (29, 13), (35, 13), (50, 50), (43, 50), (32, 21), (21, 50)]
CHECK = [(22, 37), (29, 44), (44, 29)]


def in_rounded_rect(x, y, x0=2, y0=2, w=60, h=60, r=14):
    cx = min(max(x, x0 + r), x0 + w - r)
    cy = min(max(y, y0 + r), y0 + h - r)
    return x0 <= x <= x0 + w and y0 <= y <= y0 + h and (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_polygon(x, y, points):
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def near_polyline(x, y, points, half_width=2.5):
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        if (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2 <= half_width ** 2:
            return True
    return False


def sample(x, y):
    if near_polyline(x, y, CHECK):
        return GREEN + (255,)
    if in_polygon(x, y, LETTER):
        return WHITE + (255,)
    if in_rounded_rect(x, y):
        return BLUE + (255,)
    return (0, 0, 0, 0)


def pixel(px, py, n=4):
    acc = [0, 0, 0, 0]
    for i in range(n):
        for j in range(n):
            r, g, b, a = sample((px + (i + 0.5) / n) / SCALE, (py + (j + 0.5) / n) / SCALE)
            acc[0] += r * a
            acc[1] += g * a
            acc[2] += b * a
            acc[3] += a
    alpha = acc[3] / (n * n)
    if acc[3] == 0:
        return bytes((0, 0, 0, 0))
    return bytes((round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(alpha)))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
sys.stdout.buffer.write(png)
