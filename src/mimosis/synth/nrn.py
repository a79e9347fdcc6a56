"""Belgian national register numbers (rijksregisternummer / numéro de registre national).

Format ``YYMMDDSSSCC``: birth date, a sequence number SSS (odd for men, even for women, 001-997
and 002-998), and a check number CC = 97 - (YYMMDDSSS mod 97); for births from 1 January 2000
the check is computed on 2YYMMDDSSS (the digit 2 put in front). Source: Rijksregister,
"Structuur van het rijksregisternummer" (IT 000), and the Royal Decree of 8 January 2006 on the
structure of the number. Persons whose birth date is unknown (day or month 00) do not occur in
the synthetic data.

Numbers are kept as int64 (the 11 digits read as one integer) and formatted with leading zeros
only when a table is built. Uniqueness is enforced by :class:`NrnRegistry`: each caller draws
random sequence numbers from its own random stream, and only a draw that collides with a number
already handed out is drawn again, so that a block's numbers depend on other blocks only
through (rare) collisions.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.errors import UserError

_SLOTS = 499  # sequence numbers per sex and birth date: 001..997 odd, 002..998 even
_Y2K = np.datetime64("2000-01-01", "D")
_MAX_ROUNDS = 64


class NrnError(UserError):
    """National register numbers could not be allocated (too many births on one day)."""


def _ymd(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (1-12) and day (1-31) of datetime64[D] values, vectorised."""
    years = dates.astype("datetime64[Y]")
    months = dates.astype("datetime64[M]")
    year = years.astype(np.int64) + 1970
    month = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    day = (dates - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def compose(birth_dates: np.ndarray, sequence: np.ndarray) -> np.ndarray:
    """The 11-digit numbers (as int64) for birth dates and sequence numbers 1-998."""
    year, month, day = _ymd(birth_dates.astype("datetime64[D]"))
    base = ((year % 100) * 10_000 + month * 100 + day) * 1000 + sequence.astype(np.int64)
    modern = birth_dates >= _Y2K
    check = 97 - np.where(modern, base + 2_000_000_000, base) % 97
    numbers: np.ndarray = base * 100 + check
    return numbers


def is_valid(numbers: np.ndarray) -> np.ndarray:
    """Which 11-digit numbers (int64) have a valid check number under either century rule."""
    base, check = np.divmod(numbers.astype(np.int64), 100)
    before_2000 = 97 - base % 97 == check
    from_2000 = 97 - (base + 2_000_000_000) % 97 == check
    valid: np.ndarray = before_2000 | from_2000
    return valid


def to_strings(numbers: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Format int64 numbers as 11-character strings with leading zeros; ``valid`` False gives
    an empty (null) value."""
    mask = None if valid is None else ~np.asarray(valid, dtype=bool)
    arr = pa.array(numbers.astype(np.int64), type=pa.int64(), mask=mask)
    return pc.utf8_lpad(pc.cast(arr, pa.string()), width=11, padding="0")


def sex_of(numbers: np.ndarray) -> np.ndarray:
    """1 (male, odd sequence) or 2 (female, even sequence)."""
    sequence = (numbers.astype(np.int64) // 100) % 1000
    return np.where(sequence % 2 == 1, 1, 2).astype(np.int8)


class NrnRegistry:
    """Hands out unique national register numbers; remembers every number given out."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int64)  # sorted: days since 1970 * 1000 + sequence

    def __len__(self) -> int:
        return int(self._keys.size)

    def allocate(
        self, rng: np.random.Generator, birth_dates: np.ndarray, male: np.ndarray
    ) -> np.ndarray:
        """Unique numbers for persons with these birth dates and sexes (int64 array)."""
        dates = birth_dates.astype("datetime64[D]")
        n = dates.size
        day = dates.astype(np.int64)
        parity = np.where(np.asarray(male, dtype=bool), 1, 2)
        slot = np.empty(n, dtype=np.int64)
        accepted = np.empty(0, dtype=np.int64)  # sorted keys accepted in this call
        todo = np.arange(n)
        for _ in range(_MAX_ROUNDS):
            if todo.size == 0:
                break
            slot[todo] = rng.integers(0, _SLOTS, size=todo.size)
            keys = day[todo] * 1000 + 2 * slot[todo] + parity[todo]
            bad = _contains(self._keys, keys) | _contains(accepted, keys)
            order = np.argsort(keys, kind="stable")  # within the round, the first one keeps it
            repeated = np.zeros(keys.size, dtype=bool)
            repeated[order[1:]] = keys[order][1:] == keys[order][:-1]
            bad |= repeated
            accepted = np.sort(np.concatenate([accepted, keys[~bad]]))
            todo = todo[bad]
        if todo.size:
            msg = f"could not give {todo.size} persons a free national register number"
            raise NrnError(msg)
        self._keys = np.sort(np.concatenate([self._keys, accepted]))
        return compose(dates, 2 * slot + parity)


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which ``keys`` occur in the sorted array ``sorted_keys``."""
    if sorted_keys.size == 0 or keys.size == 0:
        return np.zeros(keys.size, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), sorted_keys.size - 1)
    return np.asarray(sorted_keys[pos] == keys)
