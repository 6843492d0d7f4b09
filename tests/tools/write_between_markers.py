#!/usr/bin/python3
"""Writes a generated table into a document between its markers, with the date and the script
that measured it: the scripts that regenerate docs/MUSIC.md's tables share this.

Usage: write_between_markers.py DOC NAME TABLE_FILE SCRIPT
  replaces what lies between <!-- NAME:begin --> and <!-- NAME:end --> in DOC."""

import datetime
import sys


def main():
    doc, name, table_file, script = sys.argv[1:5]
    table = open(table_file).read()
    text = open(doc).read()
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    stamp = f"Measured {datetime.date.today().isoformat()} by `{script}`.\n\n"
    with open(doc, "w") as f:
        f.write(head + begin + "\n" + stamp + table + end + tail)


if __name__ == "__main__":
    main()
