#!/usr/bin/python3
"""Fails when a translation is out of date with the sources or not finished.

Runs lupdate over the same sources as the `aiband_ui_lupdate` target (its project description,
written by Qt's GenerateLUpdateProject.cmake), but into temporary copies of the .ts files, so
the checked-in files are never touched. Then, for every .ts file:
  - strings in the sources that the file does not list yet (someone added a tr() string and did
    not run `cmake --build build --target update_translations`),
  - strings the file lists as current that are no longer in the sources,
  - current strings whose translation is unfinished or empty.
Obsolete and vanished entries (strings removed from the sources) are not checked.

Usage:
  check_translations.py --cmake CMAKE --lupdate LUPDATE --project-cmake FILE --generator FILE TS...
  check_translations.py --self-test    (proves each check can fail, on built-in examples)
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

RETIRED = {"obsolete", "vanished"}


def current_messages(ts_path):
    """{(context, source, disambiguation): translation element} for the strings still in use."""
    messages = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        context_name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in RETIRED:
                continue
            key = (context_name, message.findtext("source", ""), message.findtext("comment", ""))
            messages[key] = translation
    return messages


def is_finished(translation):
    if translation is None or translation.get("type") == "unfinished":
        return False
    forms = translation.findall("numerusform")
    if forms:
        return all((form.text or "").strip() for form in forms)
    return bool((translation.text or "").strip())


def describe(key):
    context, source, comment = key
    return f"{context}: \"{source}\"" + (f" ({comment})" if comment else "")


def problems(checked_in, updated):
    """What is wrong with the checked-in .ts file, given the lupdate'd copy."""
    found = []
    before = current_messages(checked_in)
    after = current_messages(updated)
    for key in sorted(after.keys() - before.keys()):
        found.append(f"new in the sources, missing from the file: {describe(key)}")
    for key in sorted(before.keys() - after.keys()):
        found.append(f"listed as current but no longer in the sources: {describe(key)}")
    for key, translation in sorted(after.items()):
        if key in before and not is_finished(translation):
            found.append(f"not translated (unfinished or empty): {describe(key)}")
    return found


def lupdate_into_copies(args, ts_files, workdir):
    """Runs lupdate on the project's sources into copies of `ts_files`; returns the copies."""
    project_json = workdir / "project.json"
    subprocess.run([args.cmake, f"-DIN_FILE={args.project_cmake}", f"-DOUT_FILE={project_json}",
                    "-P", args.generator], check=True)
    project = json.loads(project_json.read_text())
    copies = []
    for ts in ts_files:
        copy = workdir / ts.name
        shutil.copyfile(ts, copy)
        copies.append(copy)
    project["translations"] = [str(copy) for copy in copies]
    project_json.write_text(json.dumps(project))
    # Same options as the lupdate target (ui/CMakeLists.txt).
    result = subprocess.run([args.lupdate, "-locations", "relative", "-project", str(project_json)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"lupdate failed:\n{result.stdout}{result.stderr}")
    return copies


def check(args):
    ts_files = [Path(ts) for ts in args.ts_files]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        copies = lupdate_into_copies(args, ts_files, Path(tmp))
        for ts, copy in zip(ts_files, copies):
            found = problems(ts, copy)
            strings = len(current_messages(copy))
            if found:
                failed = True
                print(f"{ts.name}: {len(found)} problem(s) in {strings} strings")
                for problem in found:
                    print(f"  {problem}")
            else:
                print(f"{ts.name}: all {strings} strings translated and up to date")
    if failed:
        print("\nTo fix: cmake --build build --target update_translations, then translate the "
              "entries marked unfinished (translations/README.md).")
    return 1 if failed else 0


TS_TEMPLATE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>aiband::Example</name>
{messages}
</context>
</TS>
"""


def ts_text(*messages):
    body = []
    for source, translation, kind in messages:
        type_attribute = f' type="{kind}"' if kind else ""
        body.append(f"    <message>\n        <source>{source}</source>\n"
                    f"        <translation{type_attribute}>{translation}</translation>\n    </message>")
    return TS_TEMPLATE.format(messages="\n".join(body))


def self_test():
    """Each check on small examples: a good file passes, each kind of fault is reported."""
    cases = {
        # name: (checked-in file, file as lupdate leaves it, expected problem prefixes)
        "complete": ([("Quit", "Beenden", None)], [("Quit", "Beenden", None)], []),
        "retired strings are ignored": (
            [("Quit", "Beenden", None), ("Old", "", "vanished")],
            [("Quit", "Beenden", None), ("Old", "", "vanished")], []),
        "unfinished": ([("Quit", "", "unfinished")], [("Quit", "", "unfinished")], ["not translated"]),
        "empty": ([("Quit", "", None)], [("Quit", "", None)], ["not translated"]),
        "new string in the sources": (
            [("Quit", "Beenden", None)],
            [("Quit", "Beenden", None), ("Open", "", "unfinished")], ["new in the sources"]),
        "string gone from the sources": (
            [("Quit", "Beenden", None), ("Gone", "Weg", None)],
            [("Quit", "Beenden", None), ("Gone", "Weg", "vanished")], ["listed as current"]),
    }
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (checked_in, updated, expected) in cases.items():
            before, after = Path(tmp) / "before.ts", Path(tmp) / "after.ts"
            before.write_text(ts_text(*checked_in))
            after.write_text(ts_text(*updated))
            found = problems(before, after)
            ok = len(found) == len(expected) and all(
                problem.startswith(prefix) for problem, prefix in zip(found, expected))
            print(f"{'ok  ' if ok else 'FAIL'} {name}: {found}")
            failures += not ok
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--cmake")
    parser.add_argument("--lupdate")
    parser.add_argument("--project-cmake", help="the .lupdate/<target>_project.cmake file Qt writes")
    parser.add_argument("--generator", help="Qt's GenerateLUpdateProject.cmake")
    parser.add_argument("ts_files", nargs="*")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not (args.cmake and args.lupdate and args.project_cmake and args.generator and args.ts_files):
        parser.error("--cmake, --lupdate, --project-cmake, --generator and .ts files are needed")
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
