"""JUnit XML: one test case per selected check; error-level findings fail (warnings too with --strict)."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from ftready.model import Analysis, JSONValue, Severity
from ftready.rules.codes import CODES, family, is_selected

# characters XML 1.0 does not allow at all (the analysis has them escaped already: this is the last guard)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _strings(v: JSONValue) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list) else []


def render(a: Analysis) -> str:
    s = a.settings
    select, ignore, strict = _strings(s.get("select")), _strings(s.get("ignore")), bool(s.get("strict"))
    by_code: dict[str, list] = {}
    for f in a.findings:
        by_code.setdefault(f.code, []).append(f)
    suite = ET.Element("testsuite", name="ftready", tests="0", failures="0")
    tests = failures = 0
    for spec in sorted(CODES, key=lambda r: r.code):
        if spec.fn is None or not is_selected(spec.code, select, ignore):
            continue
        tests += 1
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"ftready.{family(spec.code).replace(' ', '_')}",
            name=f"{spec.code} {spec.name}",
            file=a.dataset.path,
        )
        found = by_code.get(spec.code, [])
        failing = [f for f in found if f.severity is Severity.ERROR or (strict and f.severity is Severity.WARNING)]
        if failing:
            failures += 1
            fail = ET.SubElement(case, "failure", type=failing[0].severity.value, message=failing[0].message)
            fail.text = "\n".join(
                f"{f.severity.value}: {f.message}"
                + (f" (lines {', '.join(map(str, f.lines[:50]))})" if f.lines else "")
                for f in failing
            )
            if spec.code == "FT100":
                fail.text += "\n" + "\n".join(f"line {p.line}: {p.code} {p.message}" for p in a.problems[:500])
        elif found:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{f.severity.value}: {f.message}" for f in found)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    ET.indent(suite)
    xml = ET.tostring(suite, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _XML_ILLEGAL.sub("", xml) + "\n"
