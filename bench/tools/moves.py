"""What moved since the previous run (issue 18): every figure a report shows is registered under
a label unique in that report; given the previous run's figures by the same labels, one that
moved by more than 20 % is marked where it is shown ("36,594 ▲ +39 %") and listed once under
"Moved by more than 20 % since the previous run", with that run's date and machine, and a warning
when the machine, the run's kind or the load differ, so that a move is not read as the code's.

    before = Figures()                 # render the previous results once to learn their figures
    render(previous, before)
    now = Figures(before.values)       # then the new ones, marked against them
    text = render(latest, now)
    lines = moved_section(now, previous, latest)

The run docs/BENCHMARKS.md shows is kept beside it as data (PUBLISHED, written by report.py
--publish and committed with the doc), so a run on a fresh clone or another machine is compared
with the figures the doc showed. Other reports (--quick, --compare-original) are not published:
their runners keep the run before as PREVIOUS beside their output (keep_as_previous),
NAME.previous.json for NAME.json (previous.json for latest.json).
"""

import json
import math
import os

import machine

PUBLISHED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "benchmarks-latest.json")
THRESHOLD_PCT = 20.0
BUSY_PCT = 10.0   # the share of the CPUs other work may take before a run counts as disturbed


def previous_path(path):
    """bench/results/previous.json beside latest.json; NAME.previous.json beside any other."""
    folder, name = os.path.split(path)
    stem = name[:-len(".json")] if name.endswith(".json") else name
    return os.path.join(folder, "previous.json" if stem == "latest" else f"{stem}.previous.json")


def keep_as_previous(path):
    """Before a runner writes `path`: the run there becomes the previous one (its new path, or
    None when there was none)."""
    if not os.path.exists(path):
        return None
    os.replace(path, previous_path(path))
    return previous_path(path)


def load(path):
    """A results file, or None when there is none (or it cannot be read)."""
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def change_pct(old, new):
    """How much `new` differs from `old`, in % of old; None when either is not a number, or both
    are 0; ±inf from 0."""
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new))
    if not numbers or (old == 0 and new == 0):
        return None
    if old == 0:
        return math.copysign(math.inf, new)
    return (new - old) / abs(old) * 100.0


def mark(pct):
    """"▲ +39 %" or "▼ −25 %" ("▲ from 0" when the figure was 0)."""
    arrow = "▲" if pct > 0 else "▼"
    if math.isinf(pct):
        return f"{arrow} from 0"
    return f"{arrow} {'+' if pct > 0 else '−'}{abs(pct):,.0f} %"


class Figures:
    """The figures of one report by label; with `previous` (label -> value), the moves."""

    def __init__(self, previous=None):
        self.previous = previous
        self.values = {}
        self.moves = []   # (label, old, new, pct, higher_is_better), each label once

    def __call__(self, label, value, text, higher_is_better=False, listed=True):
        """The cell's text, marked when `value` moved by more than THRESHOLD_PCT since the
        previous run. `listed` False: marked here but listed under the label of the table that
        shows it in detail (the budgets repeat figures of the detailed tables)."""
        self.values[label] = value
        old = (self.previous or {}).get(label)
        pct = change_pct(old, value)
        if pct is None or abs(pct) <= THRESHOLD_PCT:
            return text
        if listed and all(move[0] != label for move in self.moves):
            self.moves.append((label, old, value, pct, higher_is_better))
        return f"{text} {mark(pct)}"


def _number(value):
    """Four significant digits, thousands with separators: 0.3481, 14.54, 165, 36,594."""
    if isinstance(value, int) or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def _busy(results):
    m = results.get("machine") or {}
    before = m.get("busy_before_pct", results.get("other_work_before_pct"))
    after = m.get("busy_after_pct", results.get("other_work_after_pct"))
    return max(v for v in (before, after, 0) if v is not None)


def warnings(previous, latest):
    """Why a move between these two runs may not be the code's: another machine, a --quick run
    beside a full one, other work on the machine during either."""
    out = []
    differs = machine.differences(previous.get("machine") or {}, latest.get("machine") or {})
    if differs:
        out.append("**The machine differs from the previous run's** (" + "; ".join(differs) + "): a move "
                   "may be the machine's, not the code's.")
    if bool(previous.get("quick")) != bool(latest.get("quick")):
        out.append("**One of the two runs is --quick** (short runs): their figures are not comparable.")
    for name, results in (("the previous run", previous), ("this run", latest)):
        busy = _busy(results)
        if busy >= BUSY_PCT:
            out.append(f"**Other work used {busy:.0f} % of the CPUs around {name}**: its figures are disturbed.")
    return out


def moved_section(figures, previous, latest, heading="### Moved by more than 20 % since the previous run"):
    """The list of moves, or what there was to compare with, as markdown lines."""
    if previous is None:
        return [heading, "", "No previous run to compare with (the published run, "
                "`docs/benchmarks-latest.json`, or the run before kept as `NAME.previous.json` beside "
                "`NAME.json`).", ""]
    m = previous.get("machine") or {}
    lines = [heading, "", f"The previous run: {m.get('date', 'date unknown')}, {machine.summary(m)}.", ""]
    for note in warnings(previous, latest):
        lines += [note, ""]
    if not figures.moves:
        return lines + [f"No figure moved by more than {THRESHOLD_PCT:.0f} %.", ""]
    for label, old, new, pct, higher_is_better in figures.moves:
        better = (pct > 0) == higher_is_better
        lines.append(f"- {label}: {_number(old)} → {_number(new)} ({mark(pct)}, {'better' if better else 'worse'})")
    return lines + [""]
