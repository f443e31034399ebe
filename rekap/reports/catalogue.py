"""The one list of the documents a release publishes under laporan/: where each goes, its template,
what it is given, how people call it and in which formats it comes.

Read by the renderers (`html`, `pdf` through `html`'s jobs, `xlsx`) and by the portal, which links
a unit's or a contest's documents from these entries. A new document is one entry here, plus its
template under templates/reports/ and its query under sql/reports/.

    laporan/<jenis>-<kode_kontes>/<tingkat>-<kode_wilayah>.html|.pdf   per: "formulir" (a D.Hasil form)
    laporan/<jenis>-<kode_kontes>/<name>.html|.pdf                     per: "kontes"
    laporan/<jenis>-<kode_kontes>.xlsx                                 the workbook (no template)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rekap.domain import LEVEL
from rekap.reports.data import TINGKAT_FORMULIR, Formulir, Kontes
from rekap.reports.formulir import konteks
from rekap.reports.kontes import konteks_penetapan, konteks_pengecualian

Builder = Callable[[Kontes, "Formulir | None"], Any]


@dataclass(frozen=True)
class Document:
    name: str  # 'kecamatan' (a form level), 'penetapan', 'rekapitulasi'
    per: str  # 'formulir': one per unit of the level `name`; 'kontes': one per contest
    label: str  # the portal's link text
    formats: tuple[str, ...]  # file suffixes without the dot, in the order the portal lists them
    template: str | None  # under templates/reports/; None: not rendered from a template (`xlsx`)
    context: Builder | None  # (contest, form or None) → what the template is given
    weight: Builder | None  # (contest, form or None) → a cost estimate, heaviest PDFs go first

    def path(self, jenis: str, kode_kontes: str, kode: str | None = None) -> str:
        """Where it goes in the release, without suffix."""
        folder = f"laporan/{jenis}-{kode_kontes}"
        if self.per == "formulir":
            return f"{folder}/{self.name}-{kode}"
        if self.template is None:
            return folder
        return f"{folder}/{self.name}"


def _form(tingkat: str, template: str) -> Document:
    return Document(
        tingkat, "formulir", f"Laporan rekapitulasi {LEVEL[tingkat].label} (D.Hasil)", ("html", "pdf"), template,
        lambda kontes, form: konteks(kontes, form),
        lambda kontes, form: (len(form.kolom) + 1) * (40 + len(kontes.paslon)),
    )


# The D.Hasil form of each form level (rekap.domain.FORM_LEVELS), bottom-up.
FORMS: dict[str, Document] = {
    "kecamatan": _form("kecamatan", "d_hasil_kecamatan.html.j2"),
    "kabkota": _form("kabkota", "d_hasil_kabko.html.j2"),
    "provinsi": _form("provinsi", "d_hasil_prov.html.j2"),
}
assert tuple(FORMS) == tuple(TINGKAT_FORMULIR)

# The documents of a whole contest, in the order the portal lists them.
WORKBOOK = Document("rekapitulasi", "kontes", "Rekapitulasi kontes, satu lembar per tingkat", ("xlsx",),
                    None, None, None)
CONTEST_DOCUMENTS: tuple[Document, ...] = (
    WORKBOOK,
    Document("penetapan", "kontes", "Penetapan hasil", ("html", "pdf"), "penetapan.html.j2",
             lambda kontes, form: konteks_penetapan(kontes),
             lambda kontes, form: 40 + 5 * len(kontes.paslon)),
    Document("pengecualian", "kontes", "Daftar TPS dan wilayah yang ditahan", ("html", "pdf"),
             "pengecualian.html.j2", lambda kontes, form: konteks_pengecualian(kontes),
             lambda kontes, form: 40 + 4 * len(kontes.temuan) + len(kontes.progres)),
)

CATALOGUE: tuple[Document, ...] = (*FORMS.values(), *CONTEST_DOCUMENTS)
