#!/usr/bin/python3
"""Keeps the docs honest about their tests.

docs/SECURITY.md and docs/RELIABILITY.md say, for every protection, which test proves it, and
docs/ARCHITECTURE.md has a table of the test suites. A renamed or removed test silently turns
such a claim into a false one. This checker reads the docs, collects every test they cite and
fails naming each citation that does not exist:

- ctest names (`tst_limits`, `python_kill9`, `music_property_suite`): registered in
  tests/CMakeLists.txt (aiband_add_test or add_test);
- Qt Test functions (`tst_config::defaultsAreLoopbackPort8000`, or `tst_limits`
  `hugeHeadersGet431`, or a bare `hugeHeadersGet431` in a test column): a slot of a test class in
  tests/**/*.cpp, of the named suite's sources when a suite is named; a data tag in parentheses
  (`tst_config::invalidValuesAreRefusedAndNamed(env token short)`) must be a row of that suite;
- Python tests (`python_access` `NetworkBindTest`, `test_preflight`): a unittest class or a
  test_* function in tests/**/*.py, in the named ctest's script when one is named.

Where a citation counts as one: every backtick span in a table column headed "proven by",
"proved by", "tested by", "test(s)" or "suite" (parenthesized remarks aside), and in prose every
`tst_*`/`python_*` span, the Qt Test function spans right after one, and any lowerCamel span
that reads like a test name (four or more words) but is neither a test nor a name in the code.

ARCHITECTURE.md's table must also list every test ctest runs, so a new suite gets its line.

Usage: check_test_references.py [--root DIR] [DOC...]   (default: the three docs above)
       check_test_references.py --self-test               (proves the checker fails on made-up names)
"""

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field

DEFAULT_DOCS = ["docs/SECURITY.md", "docs/RELIABILITY.md", "docs/ARCHITECTURE.md"]
# The document whose test table must list every registered test.
COMPLETE_TABLE_DOC = "docs/ARCHITECTURE.md"
TEST_COLUMN = re.compile(r"(proven by|proved by|tested by|tests?|suite)", re.IGNORECASE)
CODE_DIRS = ["core", "ui", "app", "bench", "scripts", "resources"]

QT_CALL = re.compile(r"^(?P<suite>tst_\w+)::(?P<function>\w+)(?:\((?P<tags>.*)\))?$")
LOWER_CAMEL = re.compile(r"^[a-z][a-z0-9]*(?:[A-Z0-9][a-z0-9]*)+$")
PY_CLASS = re.compile(r"^[A-Z]\w*Tests?$")
PY_FUNCTION = re.compile(r"^test_\w+$")
SUITE_LIKE = re.compile(r"^(tst|python)_\w+$")
BACKTICKS = re.compile(r"`([^`\n]+)`")


@dataclass
class TestIndex:
    """What exists: ctest names and, per source file, its test functions."""

    ctest_sources: dict = field(default_factory=dict)  # ctest name -> [source paths]
    slots: dict = field(default_factory=dict)  # cpp path -> set of slot names
    data_text: dict = field(default_factory=dict)  # cpp path -> text (for data tags)
    py_tests: dict = field(default_factory=dict)  # py path -> set of class and test_ names
    code_words: set = field(default_factory=set)  # identifiers in the code (not tests)

    def suite_slots(self, suite):
        return set().union(*(self.slots.get(p, set()) for p in self.ctest_sources.get(suite, [])))

    def all_slots(self):
        return set().union(*self.slots.values()) if self.slots else set()

    def suite_py(self, suite):
        return set().union(*(self.py_tests.get(p, set()) for p in self.ctest_sources.get(suite, [])))

    def all_py(self):
        return set().union(*self.py_tests.values()) if self.py_tests else set()

    def suites_with_slot(self, name):
        return sorted(s for s in self.ctest_sources if name in self.suite_slots(s))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def walk(root, top, suffixes):
    for folder, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if name.endswith(suffixes):
                yield os.path.join(folder, name)


def parse_cmake(root, index):
    """ctest names and their sources, from every CMakeLists.txt under tests/."""
    for path in walk(root, "tests", ("CMakeLists.txt",)):
        text = re.sub(r"#[^\n]*", "", read(path))
        base = os.path.dirname(path)
        for m in re.finditer(r"aiband_add_test\(\s*(\w+)\s+SOURCES([^)]*)\)", text):
            sources = [os.path.normpath(os.path.join(base, s)) for s in m.group(2).split()
                       if s.endswith(".cpp")]
            index.ctest_sources[m.group(1)] = sources
        for m in re.finditer(r"\badd_test\(\s*NAME\s+(\w+)(.*?)(?=\badd_test\(|\baiband_add_test\(|\Z)",
                             text, re.S):
            scripts = re.findall(r"\$\{CMAKE_CURRENT_SOURCE_DIR\}/(\S+?\.py)\b", m.group(2))
            index.ctest_sources[m.group(1)] = [os.path.normpath(os.path.join(base, s))
                                               for s in scripts[:1]]


def parse_slots(text):
    """Names of the functions in every `private slots:` section (Qt Test runs those)."""
    names = set()
    in_slots = False
    for line in text.splitlines():
        if re.match(r"^\s*(public|private|protected)\s*(slots|Q_SLOTS)\s*:", line):
            in_slots = True
        elif re.match(r"^\s*(public|private|protected)\s*:", line) or line.startswith("};"):
            in_slots = False
        elif in_slots:
            m = re.match(r"^ {0,4}\t?void\s+(\w+)\s*\(\s*\)", line)
            if m:
                names.add(m.group(1))
    return names


def build_index(root):
    index = TestIndex()
    parse_cmake(root, index)
    for path in walk(root, "tests", (".cpp",)):
        text = read(path)
        index.slots[os.path.normpath(path)] = parse_slots(text)
        index.data_text[os.path.normpath(path)] = text
    for path in walk(root, "tests", (".py",)):
        text = read(path)
        names = set(re.findall(r"^class\s+(\w+)\s*\(", text, re.M))
        names |= set(re.findall(r"^\s*def\s+(test_\w+)\s*\(", text, re.M))
        index.py_tests[os.path.normpath(path)] = names
    tests = index.all_slots()
    for top in CODE_DIRS:
        for path in walk(root, top, (".cpp", ".h", ".py", ".sh", ".mjs")):
            index.code_words |= set(re.findall(r"[A-Za-z_]\w*", read(path)))
    index.code_words -= tests
    return index


@dataclass
class Problem:
    doc: str
    line: int
    reference: str
    why: str

    def __str__(self):
        return f"{self.doc}:{self.line}: `{self.reference}`: {self.why}"


class DocChecker:
    def __init__(self, index, root):
        self.index = index
        self.root = root
        self.problems = []
        self.cited_ctests = set()

    def problem(self, doc, line, ref, why):
        self.problems.append(Problem(doc, line, ref, why))

    # --- one citation -------------------------------------------------------------------------

    def check_ctest(self, doc, line, name):
        if name in self.index.ctest_sources:
            self.cited_ctests.add(name)
            return True
        self.problem(doc, line, name, "no test of that name is registered in tests/CMakeLists.txt")
        return False

    def is_python(self, suite):
        sources = self.index.ctest_sources.get(suite) or [""]
        return sources[0].endswith(".py")

    def check_function(self, doc, line, name, suite, shown=None):
        """A Qt Test function or a Python test, in `suite` when one is named."""
        shown = shown or name
        python = self.is_python(suite)
        if PY_CLASS.match(name) or PY_FUNCTION.match(name) or python:
            known = self.index.suite_py(suite) if python else self.index.all_py()
            if name not in known:
                where = f"{suite}'s script" if python else "any tests/**/*.py"
                self.problem(doc, line, shown, f"no Python test class or function of that name in {where}")
                return False
            return True
        if suite and suite in self.index.ctest_sources:
            if name in self.index.suite_slots(suite):
                return True
            elsewhere = self.index.suites_with_slot(name)
            hint = f" (it is in {', '.join(elsewhere)})" if elsewhere else ""
            self.problem(doc, line, shown, f"{name} is not a test function of {suite}{hint}")
            return False
        if name not in self.index.all_slots():
            self.problem(doc, line, shown, "no Qt Test slot of that name in any tests/**/*.cpp")
            return False
        return True

    def check_tags(self, doc, line, shown, suite, tags):
        text = "".join(self.index.data_text.get(p, "") for p in self.index.ctest_sources.get(suite, []))
        for tag in tags.split(","):
            tag = tag.replace("…", "").replace("...", "").strip()
            if tag and f'"{tag}' not in text:
                self.problem(doc, line, shown, f'{suite} has no data row starting "{tag}"')

    def check_span(self, doc, line, span, suite, strict):
        """Checks one backtick span; returns the suite it names (for the spans after it)."""
        m = QT_CALL.match(span)
        if m:
            if self.check_ctest(doc, line, m.group("suite")):
                if self.check_function(doc, line, m.group("function"), m.group("suite"), span) \
                        and m.group("tags"):
                    self.check_tags(doc, line, span, m.group("suite"), m.group("tags"))
            return m.group("suite")
        if span in self.index.ctest_sources:
            self.cited_ctests.add(span)
            return span
        if SUITE_LIKE.match(span):
            self.check_ctest(doc, line, span)
            return span
        if strict and re.match(r"^[a-z]+(_[a-z0-9]+)+$", span) and span.split("_")[0] in \
                {"music", "translations", "openapi", "packaging", "screenshot", "docs"}:
            self.check_ctest(doc, line, span)  # looks like one of our other ctest names
            return span
        if PY_CLASS.match(span) or PY_FUNCTION.match(span) or \
                (self.is_python(suite) and re.match(r"^[A-Z][A-Za-z0-9]+$", span)):
            if strict or suite:
                self.check_function(doc, line, span, suite)
            return suite
        if LOWER_CAMEL.match(span):
            if self.is_python(suite):
                return suite  # a value the Python test uses (a host name), not a test
            if strict or suite:
                if span in self.index.code_words and span not in self.index.all_slots():
                    return suite if strict else None  # a name in the code, mentioned in passing
                self.check_function(doc, line, span, suite)
            elif span not in self.index.code_words and span not in self.index.all_slots() \
                    and len(re.findall(r"[A-Z0-9][a-z0-9]*", span)) >= 3:
                self.problem(doc, line, span, "reads like a test name, but no test or code has that name")
        return suite

    # --- documents ----------------------------------------------------------------------------

    def check_cell(self, doc, line, text, strict):
        """Spans in order; a suite span makes the function spans after it belong to it."""
        # Remarks in parentheses (outside backticks) describe a test, they do not cite one.
        if strict:
            text = strip_parenthesized(text)
        suite = None
        pos = 0
        for m in BACKTICKS.finditer(text):
            gap = text[pos:m.start()]
            pos = m.end()
            # Prose: a span belongs to the suite before it only when they stand together.
            if not strict and suite and not re.fullmatch(r"[\s:,;]*(and\s+)?", gap):
                suite = None
            span = m.group(1).strip()
            if "*" in span or "{" in span:
                continue
            suite = self.check_span(doc, line, span, suite, strict)

    def check_doc(self, rel):
        path = os.path.join(self.root, rel)
        lines = read(path).splitlines()
        test_columns = None
        fenced = False
        table_suites = set()
        for number, text in enumerate(lines, 1):
            if text.lstrip().startswith("```"):
                fenced = not fenced
                continue
            if fenced:
                continue
            if text.startswith("|"):
                cells = split_row(text)
                if test_columns is None:
                    test_columns = {i for i, c in enumerate(cells) if TEST_COLUMN.fullmatch(c.strip())}
                    continue
                if all(re.fullmatch(r":?-+:?", c.strip()) for c in cells):
                    continue
                for i, cell in enumerate(cells):
                    strict = i in test_columns
                    self.check_cell(rel, number, cell, strict)
                    if strict and rel == COMPLETE_TABLE_DOC:
                        table_suites |= {s.strip() for s in BACKTICKS.findall(cell)}
                continue
            test_columns = None
            self.check_cell(rel, number, text, strict=False)
        return table_suites

    def check_table_is_complete(self, listed):
        for name in sorted(set(self.index.ctest_sources) - listed):
            self.problem(COMPLETE_TABLE_DOC, 0, name,
                         "registered in tests/CMakeLists.txt but missing from the Tests table")


def split_row(row):
    """Table cells; a `\\|` inside a cell is not a separator."""
    cells = re.split(r"(?<!\\)\|", row.strip())
    return cells[1:-1] if len(cells) > 2 else cells


def strip_parenthesized(text):
    out, depth, in_code = [], 0, False
    for ch in text:
        if ch == "`" and depth == 0:
            in_code = not in_code
        if not in_code and ch == "(":
            depth += 1
            continue
        if not in_code and ch == ")" and depth:
            depth -= 1
            continue
        if depth == 0:
            out.append(ch)
    return "".join(out)


def check(root, docs):
    index = build_index(root)
    checker = DocChecker(index, root)
    for rel in docs:
        listed = checker.check_doc(rel)
        if rel == COMPLETE_TABLE_DOC:
            checker.check_table_is_complete(listed)
    return checker.problems


# --- self-test --------------------------------------------------------------------------------

SELF_TEST_FILES = {
    "tests/CMakeLists.txt": """
aiband_add_test(tst_real SOURCES unit/tst_real.cpp support/Helper.h)
aiband_add_test(tst_other SOURCES unit/tst_other.cpp)
add_test(NAME python_real
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/python/test_real.py $<TARGET_FILE:app>)
add_test(NAME music_property_suite COMMAND /bin/true)
""",
    "tests/unit/tst_real.cpp": """
class TestReal : public QObject {
    Q_OBJECT
private slots:
    void realFunctionIsThere() {}
    void dataDriven_data()
    {
        QTest::newRow("env token short") << 1;
    }
    void dataDriven() {}
private:
    void helperIsNotATestAtAll() {}
};
""",
    "tests/unit/tst_other.cpp": """
class TestOther : public QObject {
    Q_OBJECT
private slots:
    void otherFunctionLivesHere() {}
};
""",
    "tests/python/test_real.py": """
class RealThingTest(unittest.TestCase):
    def test_real_python_case(self):
        pass
""",
    "core/Code.cpp": "void Orchestrator::storageProblemChanged() { checkRequestForThisThing(); }\n",
    "docs/ARCHITECTURE.md": """
| suite | what it proves |
|---|---|
| `tst_real` | x |
| `tst_other` | x |
| `python_real` | x |
| `music_property_suite` | x |
""",
}

GOOD_DOC = """
Tests named `tst_*::function` are Qt Test suites.

| protection | enforced in | proven by |
|---|---|---|
| a | `checkRequestForThisThing()` | `tst_real::realFunctionIsThere`, `tst_real::dataDriven(env token short)` |
| b | x | `tst_real` `realFunctionIsThere` (not `helperIsNotATestAtAll`); `python_real` `RealThingTest`, `test_real_python_case` |
| c | x | `otherFunctionLivesHere`; `music_property_suite` |

In prose, `tst_other` `otherFunctionLivesHere` and `storageProblemChanged` and
(`realFunctionIsThere`) are fine.
"""

BAD_DOC = """
| protection | enforced in | proven by |
|---|---|---|
| a | x | `tst_made_up_suite`, `tst_real::madeUpFunctionName` |
| b | x | `tst_real` `otherFunctionLivesHere`; `madeUpBareFunctionName` |
| c | x | `python_real` `MadeUpThingTest`, `test_made_up_python_case`, `RealThingTests`; `python_made_up` |
| d | x | `tst_real::dataDriven(env made up tag)`; `music_property_suit`; `tst_real::helperIsNotATestAtAll` |

In prose, `tst_other` `madeUpProseFunctionName` and `python_prose_made_up`, and a lone
`madeUpLoneTestNameInProse`.
"""

BAD_EXPECTED = [
    "tst_made_up_suite", "tst_real::madeUpFunctionName", "otherFunctionLivesHere",
    "madeUpBareFunctionName", "MadeUpThingTest", "RealThingTests", "test_made_up_python_case", "python_made_up",
    "tst_real::dataDriven(env made up tag)", "music_property_suit", "tst_real::helperIsNotATestAtAll",
    "madeUpProseFunctionName", "python_prose_made_up", "madeUpLoneTestNameInProse",
    "tst_other",  # missing from the ARCHITECTURE table
]


def self_test():
    failures = []
    with tempfile.TemporaryDirectory() as root:
        for rel, text in SELF_TEST_FILES.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        for name, text in [("docs/GOOD.md", GOOD_DOC), ("docs/BAD.md", BAD_DOC)]:
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(text)

        good = check(root, ["docs/GOOD.md", "docs/ARCHITECTURE.md"])
        if good:
            failures.append("correct references were reported:\n  " + "\n  ".join(map(str, good)))

        arch = os.path.join(root, "docs/ARCHITECTURE.md")
        with open(arch, "w", encoding="utf-8") as f:
            f.write(SELF_TEST_FILES["docs/ARCHITECTURE.md"].replace("| `tst_other` | x |\n", ""))
        bad = check(root, ["docs/BAD.md", "docs/ARCHITECTURE.md"])
        reported = [p.reference for p in bad]
        for ref in BAD_EXPECTED:
            if ref not in reported:
                failures.append(f"made-up reference `{ref}` was not reported")
        for ref in reported:
            if ref not in BAD_EXPECTED:
                failures.append(f"`{ref}` was reported but is not made up")
        if not failures:
            print(f"self-test: {len(bad)} made-up references reported, none of the real ones:")
            for p in bad:
                print(f"  {p}")
    for f in failures:
        print(f"self-test FAILED: {f}")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..")))
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("docs", nargs="*", default=DEFAULT_DOCS)
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    problems = check(args.root, args.docs)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} test reference(s) in the docs do not exist: rename them to the real "
              "test, or remove the claim")
        return 1
    print(f"every test cited in {', '.join(args.docs)} exists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
