"""Synthetic election packages built on the real 2024 Pilkada structure (`rekap sample`).

Codes, candidate pairs and TPS counts per kecamatan are real (``rekap/reference/``); the numbers
on the forms are synthetic but satisfy every identity of domain.md §3 on every form. The modules,
in the order a package is made:

- ``layout``: the reference tables, the TPS in scope and the forms (TPS × contest) they hold;
- ``voters``: the voter section of each TPS (registered and voting, by sex and list);
- ``votes``: the ballots and the votes per pair of each form, and the identity self-check;
- ``write``: the package files (``write_sample``), deterministic for a seed;
- ``faults``: planted faults at recorded TPS (``rekap sample --faults N``).
"""
