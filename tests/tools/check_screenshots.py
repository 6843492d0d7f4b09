#!/usr/bin/python3
"""Checks take_screenshots' output: every page and the Settings dialog as a real PNG, the tabs at
the window's size, none of them a blank picture. Usage: check_screenshots.py DIR WIDTHxHEIGHT"""

import struct
import sys
import zlib

TABS = ["status", "plugins", "files", "tryit", "logs"]


def read_png(path):
    """(width, height, number of distinct bytes in the first rows), from the file's own chunks."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path}: not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    pixels = zlib.decompress(idat)
    return width, height, len(set(pixels[: min(len(pixels), 200000)]))


def main(folder, size):
    width, height = (int(n) for n in size.split("x"))
    passed = failed = 0
    for name in TABS + ["settings"]:
        path = f"{folder}/{name}.png"
        try:
            w, h, distinct = read_png(path)
            problem = None
        except (OSError, AssertionError, zlib.error) as error:
            problem = str(error)
        else:
            if name in TABS and (w, h) != (width, height):
                problem = f"{path}: {w}x{h}, expected {width}x{height}"
            elif distinct < 8:
                problem = f"{path}: looks blank ({distinct} distinct byte values)"
        if problem:
            print(problem)
            failed += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
