"""The Jinja2 environment of the reports: `templates/reports/`, autoescaped, strict about undefined names."""

from __future__ import annotations

from functools import cache

import jinja2

from rekap.paths import resource_dir
from rekap.reports.fmt import FILTERS
from rekap.reports.formulir import LAYOUT


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates") / "reports")),
        autoescape=True,  # a pair named '<script>' prints as text, in every template
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the render instead of printing ''
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.globals["layout"] = LAYOUT  # the rows of the D.Hasil forms
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
