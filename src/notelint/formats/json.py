"""``--format json``: one stable object, documented in the README."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from notelint import __version__
from notelint.findings import Finding, Report
from notelint.formats.summary import summarize


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "line": f.line,
        "column": f.column,
        "end_line": f.location.end_line,
        "end_column": f.location.end_column,
        "message": f.message,
        "suggestion": f.suggestion,
        "quote": f.quote,
        "related": [asdict(r) for r in f.related],
        "folded": [finding_to_dict(folded) for folded in f.folded],
    }


def render(report: Report, *, color: bool = False) -> str:
    s = summarize(report)
    document = {
        "version": __version__,
        "files": [
            {
                "path": r.path,
                "score": r.score,
                "score_parts": [asdict(p) for p in r.score_parts],
                "findings": [finding_to_dict(f) for f in r.findings],
            }
            for r in report.results
        ],
        "errors": [{"path": e.path, "message": e.args[0]} for e in report.errors],
        "summary": {
            "files": s.files,
            "files_with_findings": s.files_with_findings,
            "findings": s.findings,
            "by_severity": s.by_severity,
            "by_code": s.by_code,
            "average_score": s.average_score,
            "errors": s.errors,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
