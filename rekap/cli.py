"""`rekap` command line: run a recap, generate a sample package.

Exit status (contract): 0 every contest final, 3 provisional, 2 unusable input, 1 internal failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rekap.domain import EXIT_FINAL, EXIT_INPUT, EXIT_INTERNAL
from rekap.prefect_env import configure_prefect_env


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rekap", description="Rekapitulasi hasil Pilkada berjenjang.")
    sub = parser.add_subparsers(required=True, metavar="PERINTAH")

    run = sub.add_parser("run", help="rekap satu paket pemilihan menjadi rilis baru")
    run.add_argument("--input", required=True, type=Path, help="folder paket (paslon.csv, tps.csv, ...)")
    run.add_argument("--out", required=True, type=Path, help="folder rilis (OUT/releases, OUT/latest)")
    run.add_argument("--input-format", choices=("csv", "sirekap"), default="csv",
                     help="csv: paket kontrak; sirekap: formulir JSON per TPS ala Sirekap (docs/sirekap.md)")
    run.add_argument("--threads", type=int, default=None, help="utas DuckDB (bawaan: semua inti)")
    run.add_argument("--memory-limit", default=None, help="batas memori DuckDB, mis. 4GB")
    run.add_argument("--tunggu", type=float, default=None, metavar="DETIK",
                     help="berapa lama menunggu run lain pada OUT yang sama (bawaan 300)")
    run.add_argument("--sekarang", default=None, metavar="WAKTU",
                     help="'sekarang' untuk tenggat pleno dan masa sengketa, ISO 8601 dengan zona "
                          "(bawaan: waktu terakhir di masukan)")
    run.add_argument("--tanpa-laporan", action="store_true", help="jangan buat laporan (HTML/PDF/XLSX)")
    run.add_argument("--tanpa-pdf", action="store_true", help="buat laporan HTML/XLSX saja, tanpa PDF")
    run.add_argument("--task-runner", choices=("lokal", "dask"), default="lokal",
                     help="lokal: PDF di proses pekerja mesin ini; dask: PDF disebar ke klaster Dask")
    run.add_argument("--dask-address", default=None, metavar="tcp://HOST:8786",
                     help="penjadwal Dask yang sudah berjalan (bawaan: klaster lokal, satu pekerja per inti)")
    run.set_defaults(handler=_cmd_run)

    sample = sub.add_parser("sample", help="buat paket contoh dari data rujukan Pilkada 2024")
    sample.add_argument("--scope", required=True, choices=("balikpapan", "kaltim", "nasional"))
    sample.add_argument("--seed", type=int, default=2024)
    sample.add_argument("--out", required=True, type=Path)
    sample.add_argument("--faults", type=int, default=0, metavar="N",
                        help="tanam N kesalahan di N TPS berbeda (daftar: kesalahan_tertanam.csv)")
    sample.set_defaults(handler=_cmd_sample)
    explain = sub.add_parser("explain", help="asal angka: formulir TPS yang menjumlahkan satu angka rilis")
    explain.add_argument("--out", required=True, type=Path, help="folder rilis (OUT)")
    explain.add_argument("--release", default=None, help="id rilis (bawaan: latest)")
    explain.add_argument("--tingkat", required=True, help="provinsi, kabkota, kecamatan, desa atau tps")
    explain.add_argument("--kode", required=True, help="kode wilayah (2/4/6/10/13 digit)")
    explain.add_argument("--kolom", required=True, help="suara:<nomor_urut> atau kolom administrasi, mis. suara_sah")
    explain.add_argument("--jenis", default=None, help="pkwkp atau pkwkk (bawaan: semua kontes wilayah ini)")
    explain.set_defaults(handler=_cmd_explain)
    reconcile = sub.add_parser("reconcile", help="rekonsiliasi rilis dengan sumber kedua (pohon Sirekap atau rilis lain)")
    reconcile.add_argument("--out", required=True, type=Path, help="folder rilis (OUT)")
    reconcile.add_argument("--release", default=None, help="id rilis (bawaan: latest)")
    reconcile.add_argument("--against", required=True, type=Path,
                           help="pohon JSON ala Sirekap, folder rilis rekap, atau folder OUT lain")
    reconcile.add_argument("--tanpa-prefect", action="store_true",
                           help="jalankan langsung, tanpa flow Prefect (tanpa artefak)")
    reconcile.set_defaults(handler=_cmd_reconcile)

    # scheduled runs and the flow UI (their modules import Prefect only when they run)
    from rekap.orchestration.commands import add_serve_parser, add_ui_parser

    add_serve_parser(sub)
    add_ui_parser(sub)
    from rekap.pleno.commands import add_pleno_parser

    add_pleno_parser(sub)

    portal = sub.add_parser("portal", help="portal laporan (hanya baca) atas rilis yang sudah terbit")
    portal.add_argument("--out", required=True, type=Path, help="folder rilis (OUT)")
    portal.add_argument("--host", default="127.0.0.1", help="alamat (bawaan: 127.0.0.1, hanya mesin ini)")
    portal.add_argument("--port", type=int, default=8000)
    portal.set_defaults(handler=_cmd_portal)
    return parser


def _cmd_explain(args: argparse.Namespace) -> int:
    return explain_command(args.out, args.release, args.tingkat, args.kode, args.kolom, args.jenis)


def explain_command(out: Path, release: str | None, tingkat: str, kode: str, kolom: str,
                    jenis: str | None = None) -> int:
    """`rekap explain`: print the explanation; 0 explained, 2 unknown release/unit/column, 1 when the
    counted TPS do not add up to the published figure (an internal error) or the release is unreadable."""
    from rekap.explain import ExplainError, explain, render_text
    from rekap.published.releases import ReleaseUnreadable

    try:
        explanation = explain(out, release, tingkat, kode, kolom, jenis)
    except ExplainError as err:
        print(f"rekap: {err}", file=sys.stderr)
        return EXIT_INPUT
    except ReleaseUnreadable as err:
        print(f"rekap: berkas data rilis tidak dapat dibaca: {err}", file=sys.stderr)
        return EXIT_INTERNAL
    print(render_text(explanation))
    if not explanation.cocok:
        for contest in explanation.kontes:
            for problem in contest.masalah:
                print(f"rekap: GALAT INTERNAL ({contest.jenis} {contest.kode_kontes}): {problem}", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_FINAL


def _cmd_reconcile(args: argparse.Namespace) -> int:
    from rekap.sirekap.rekonsiliasi import ReconcileError, resolve_release, resolve_source
    from rekap.sirekap.tree import TreeError

    started = time.monotonic()
    try:
        resolve_release(args.out, args.release)  # unusable arguments fail before Prefect starts
        resolve_source(args.against)
        if args.tanpa_prefect:
            from rekap.sirekap.rekonsiliasi import reconcile

            result = reconcile(args.out, args.release, args.against)
        else:
            configure_prefect_env()
            from flows.rekonsiliasi import reconcile_flow

            result = reconcile_flow(args.out, args.release, args.against)
    except (ReconcileError, TreeError) as err:
        print(f"rekap: rekonsiliasi tidak dapat dijalankan: {err}", file=sys.stderr)
        return EXIT_INPUT
    counts = ", ".join(f"{result.total(s):,} {s.replace('_', ' ')}" for s in ("sama", "beda", "tidak_sebanding"))
    print(f"rekonsiliasi rilis {result.release_id}: {counts} (unit); "
          f"{result.folder / 'rekonsiliasi.csv'} ({time.monotonic() - started:.1f} dtk)")
    return 0


def _cmd_portal(args: argparse.Namespace) -> int:
    from rekap.portal import serve

    if not (args.out / "releases").is_dir():
        print(f"rekap: belum ada rilis di {args.out}", file=sys.stderr)
        return EXIT_INPUT
    print(f"portal laporan: http://{args.host}:{args.port}/ (Ctrl+C untuk berhenti)")
    try:
        serve(args.out, host=args.host, port=args.port)
    except KeyboardInterrupt:
        pass
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    configure_prefect_env()
    from rekap.settings import RecapSettings  # after the environment is set: imports pydantic/prefect

    overrides = {k: v for k, v in (("threads", args.threads), ("memory_limit", args.memory_limit)) if v}
    overrides |= {"reports": not args.tanpa_laporan, "pdf": not args.tanpa_pdf}
    if args.input_format != "csv":
        overrides["input_format"] = args.input_format
    if args.tunggu is not None:
        overrides["lock_wait_seconds"] = args.tunggu
    if args.sekarang is not None:
        overrides["sekarang"] = args.sekarang
    if args.task_runner != "lokal" or args.dask_address:
        overrides |= {"task_runner": "dask", "dask_address": args.dask_address}
    from pydantic import ValidationError

    try:
        settings = RecapSettings(input_dir=args.input, out_dir=args.out, **overrides)
    except ValidationError as err:
        problems = "; ".join(f"--{'-'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        print(f"rekap: pilihan tidak sah: {problems}", file=sys.stderr)
        return EXIT_INPUT
    from flows.recap import recap_flow
    if settings.task_runner == "dask":
        from flows.dask import task_runner

        recap_flow = recap_flow.with_options(task_runner=task_runner(settings.threads, settings.dask_address))
    from rekap.errors import InputError, ReleaseError
    from rekap.lock import OutBusy

    started = time.monotonic()
    state = recap_flow(settings, return_state=True)
    if state.is_failed():
        cause = state.result(raise_on_failure=False)
        if isinstance(cause, InputError):
            print(f"rekap: masukan tidak dapat dipakai: {cause}", file=sys.stderr)
            print("rekap: tidak ada yang diterbitkan; rilis sebelumnya tetap.", file=sys.stderr)
            return EXIT_INPUT
        if isinstance(cause, (ReleaseError, OutBusy)):
            print(f"rekap: {cause}", file=sys.stderr)
            return EXIT_INTERNAL
        print(f"rekap: gagal: {state.message}", file=sys.stderr)
        if why := _unwritable(state.message or ""):
            print(f"rekap: {args.out} tidak dapat ditulis: {why}; tidak ada yang diterbitkan, "
                  "rilis sebelumnya tetap.", file=sys.stderr)
        return EXIT_INTERNAL
    outcome = state.result()
    s = outcome["summary"]
    verb = "diterbitkan" if outcome["new"] else "sudah ada (masukan sama), tidak ada yang baru"
    print(f"rilis {outcome['release_id']} {verb}: {outcome['path']}")
    print(f"status {s['status']}: {s['kontes_ditetapkan']}/{s['kontes']} kontes ditetapkan, "
          f"{s['formulir_lolos']:,}/{s['formulir_diharapkan']:,} formulir lolos, "
          f"{s['formulir_ditahan']:,} ditahan, {s['temuan_warn']:,} peringatan "
          f"({time.monotonic() - started:.1f} dtk)")
    return outcome["exit_code"]


# What the operating system says when OUT cannot take a write (from OSError or DuckDB's IO error),
# in the operator's words.
_WRITE_FAILURES = {
    "File too large": "berkas melampaui batas ukuran berkas proses (ulimit -f)",
    "No space left on device": "disk penuh",
    "Read-only file system": "sistem berkas hanya-baca",
    "Disk quota exceeded": "kuota disk habis",
}


def _unwritable(message: str) -> str | None:
    return next((why for text, why in _WRITE_FAILURES.items() if text in message), None)


def _cmd_sample(args: argparse.Namespace) -> int:
    from rekap.sample.write import write_sample

    started = time.monotonic()
    summary = write_sample(args.scope, args.out, seed=args.seed)
    counts = {k: v for k, v in summary.items() if isinstance(v, int) and k != "seed"}
    print(f"paket contoh {args.scope} (seed {args.seed}) ditulis ke {args.out}: "
          + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f" ({time.monotonic() - started:.1f} dtk)")
    if args.faults:
        from rekap.sample.faults import FAULTS_FILE, plant_faults

        faults = plant_faults(args.out, args.faults, seed=args.seed)
        print(f"{len(faults)} kesalahan tertanam di {len(faults)} TPS; daftarnya: {args.out / FAULTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
