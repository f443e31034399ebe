"""rekap: the Pilkada recapitulation that cannot publish a wrong total."""

__version__ = "0.1.0"
