"""Sirekap-shaped JSON: KPU portal aggregates written from a release, read back, and reconciled."""
