"""Build the Belgian geography code lists of the catalogue from the shipped Statbel REFNIS extract.

Reads (under ``src/mimosis/catalogue/data/sources/``):

* ``refnis_2015_2024.csv``: the rows of Statbel's REFNIS code list (TU_COM_REFNIS) that are
  valid on or after 2015-01-01, copied verbatim from a public redistribution of the file
  (see ``SOURCE_URL``). That extract predates the mergers of 2025-01-01.
* ``municipality_mergers_2025.csv``: the municipal mergers of 2025-01-01 (old NIS code ->
  new NIS code and name).

Writes (under ``src/mimosis/catalogue/data/codelists/``): ``region.yaml``, ``province.yaml``,
``district.yaml``, ``municipality.yaml`` and ``language_area.yaml``.

Run from the repository root: ``python scripts/build_geography_codelists.py``.
Standard library and PyYAML only.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "mimosis" / "catalogue" / "data"
SOURCES = DATA / "sources"
OUT = DATA / "codelists"

CONSULTED = "2026-11-28"
SOURCE_REPO = "gehuybre/embuild-analyses"
SOURCE_COMMIT = "1e6bf143d5597e4912c74f5ce54174936d2f2f92"
SOURCE_URL = (
    f"https://github.com/{SOURCE_REPO}/blob/{SOURCE_COMMIT}"
    "/packages/embuild-shared/src/data/nis/refnis.csv"
)
MERGERS_URL = (
    f"https://github.com/{SOURCE_REPO}/blob/{SOURCE_COMMIT}"
    "/packages/embuild-shared/src/data/nis/fusies-2025.csv"
)
STATBEL_URL = "https://statbel.fgov.be/nl/over-statbel/methodologie/classificaties/geografie"

MERGER_2019 = "2019-01-01"
END_2018 = "2018-12-31"
MERGER_2025 = "2025-01-01"
END_2024 = "2024-12-31"

# The nine municipalities of the German language area (Constitution art. 4; the territory of
# the German-speaking Community), all in arrondissement Verviers (63000), province of Liège.
GERMAN_SPEAKING = {
    "63001": "Amel",
    "63012": "Büllingen",
    "63013": "Bütgenbach",
    "63023": "Eupen",
    "63040": "Kelmis",
    "63048": "Lontzen",
    "63061": "Raeren",
    "63067": "Sankt Vith",
    "63087": "Burg-Reuland",
}

# English exonyms in established use; every other place keeps its official local name.
EN_EXONYMS = {
    "11002": "Antwerp",
    "31005": "Bruges",
    "35013": "Ostend",
    "44021": "Ghent",
    "21004": "City of Brussels",
}
EN_DISTRICT = {
    "11000": "Antwerp",
    "21000": "Brussels-Capital",
    "31000": "Bruges",
    "35000": "Ostend",
    "44000": "Ghent",
}
EN_PROVINCE = {
    "10000": "Province of Antwerp",
    "20001": "Province of Flemish Brabant",
    "20002": "Province of Walloon Brabant",
    "30000": "Province of West Flanders",
    "40000": "Province of East Flanders",
    "50000": "Province of Hainaut",
    "60000": "Province of Liège",
    "70000": "Province of Limburg",
    "80000": "Province of Luxembourg",
    "90000": "Province of Namur",
}
REGIONS = {
    # code: (en, nl, fr); REFNIS writes the regions 2000/3000/4000 in CD_REFNIS and 02000/03000/
    # 04000 where it refers to them (CD_SUP_REFNIS); Statbel's tables use the five-digit form.
    "02000": ("Flemish Region", "Vlaams Gewest", "Région flamande"),
    "03000": ("Walloon Region", "Waals Gewest", "Région wallonne"),
    "04000": (
        "Brussels-Capital Region",
        "Brussels Hoofdstedelijk Gewest",
        "Région de Bruxelles-Capitale",
    ),
}
BRUSSELS_PSEUDO_PROVINCE = "04000"

QUALIFIER = re.compile(r"\s*\([^)]*\)$")


def clean(name: str) -> str:
    """Drop the qualifier REFNIS adds to homonyms ('Hove (Antwerpen)' -> 'Hove')."""
    return QUALIFIER.sub("", name).strip()


def iso(date: str) -> str:
    """'31/12/2018' -> '2018-12-31'."""
    day, month, year = date.split("/")
    return f"{year}-{month}-{day}"


def region_of(nis: str) -> str:
    if nis.startswith("21"):
        return "04000"
    if nis[0] in "5689" or nis.startswith("25"):
        return "03000"
    return "02000"


def municipality_en(nis: str, nl: str, fr: str, de: str) -> str:
    if nis in EN_EXONYMS:
        return EN_EXONYMS[nis]
    if nis in GERMAN_SPEAKING:
        return de
    region = region_of(nis)
    if region == "04000":
        return fr if fr == nl else f"{fr} / {nl}"
    return nl if region == "02000" else fr


def district_en(code: str, nl: str, fr: str) -> str:
    if code in EN_DISTRICT:
        place = EN_DISTRICT[code]
    else:
        place = (nl if region_of(code) == "02000" else fr).removeprefix("Arrondissement ")
        place = re.sub(r"^(de |d')", "", place)
    return f"Arrondissement of {place}"


def read_refnis() -> list[dict[str, str]]:
    with (SOURCES / "refnis_2015_2024.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_mergers() -> list[dict[str, str]]:
    with (SOURCES / "municipality_mergers_2025.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def code(
    value: str,
    en: str,
    nl: str,
    fr: str,
    *,
    parent: str | None = None,
    valid_from: str | None = None,
    valid_to: str | None = None,
) -> dict[str, str]:
    out = {"code": value, "en": en, "nl": nl, "fr": fr}
    if parent is not None:
        out["parent"] = parent
    if valid_from is not None:
        out["valid_from"] = valid_from
    if valid_to is not None:
        out["valid_to"] = valid_to
    return out


def validity(row: dict[str, str]) -> tuple[str | None, str | None]:
    """Dates only for what changed on or after 2015-01-01 (the model's base year)."""
    start, end = iso(row["DT_VLDT_START"]), iso(row["DT_VLDT_END"])
    return (start if start > "2015-01-01" else None, None if end.startswith("9999") else end)


def source(note: str) -> dict[str, str]:
    return {
        "title": "Statbel, REFNIS code list of the administrative units (TU_COM_REFNIS),"
        f" redistributed in {SOURCE_REPO}",
        "url": SOURCE_URL,
        "date": CONSULTED,
        "note": note,
    }


REFNIS_NOTE = (
    f"Statbel publishes REFNIS at {STATBEL_URL}. The rows valid on or after 2015-01-01 are"
    " shipped verbatim in catalogue/data/sources/refnis_2015_2024.csv (repository"
    f" {SOURCE_REPO}, path packages/embuild-shared/src/data/nis/refnis.csv, commit"
    f" {SOURCE_COMMIT}). Generated by scripts/build_geography_codelists.py."
)


def build_region() -> dict[str, object]:
    return {
        "id": "region",
        "labels": {"en": "Region", "nl": "Gewest", "fr": "Région"},
        "status": "official",
        "source": source(REFNIS_NOTE),
        "note": "The three regions with their NIS codes in Statbel's five-digit form"
        " (REFNIS writes 2000/3000/4000 at level 1 and 02000/03000/04000 where it refers to"
        " them). The Kingdom (01000) is not a region and is left out. The Walloon Region"
        " covers the French and the German language areas (see code list language_area).",
        "codes": [code(c, *labels) for c, labels in REGIONS.items()],
    }


def build_province(rows: list[dict[str, str]]) -> dict[str, object]:
    codes = [
        code(
            r["CD_REFNIS"],
            EN_PROVINCE[r["CD_REFNIS"]],
            r["TX_REFNIS_NL"],
            r["TX_REFNIS_FR"],
            parent=r["CD_SUP_REFNIS"],
        )
        for r in rows
        if r["LVL_REFNIS"] == "2"
    ]
    codes.append(
        code(
            BRUSSELS_PSEUDO_PROVINCE,
            "Brussels-Capital Region (no province)",
            "Brussels Hoofdstedelijk Gewest (geen provincie)",
            "Région de Bruxelles-Capitale (pas de province)",
            parent="04000",
        )
    )
    return {
        "id": "province",
        "labels": {"en": "Province", "nl": "Provincie", "fr": "Province"},
        "status": "official",
        "source": source(REFNIS_NOTE),
        "parent_list": "region",
        "note": "The ten provinces (NIS codes from REFNIS; parent = region). The Brussels-Capital"
        " Region belongs to no province: REFNIS gives arrondissement 21000 the region 04000 as"
        " its direct parent. So that every arrondissement has a parent in this list, the list"
        " carries one pseudo-province with the code 04000, the code REFNIS gives as the"
        " parent of 21000; the pseudo-province's own parent is the region 04000."
        " It is not a province: count"
        " provinces without it (10). The former province of Brabant (20000) ended on"
        " 1994-12-31 and is left out. The 2025 mergers moved Zwijndrecht from the province of"
        " Antwerp to East Flanders (it joined Beveren-Kruibeke-Zwijndrecht, arrondissement"
        " Sint-Niklaas); province codes are unchanged.",
        "codes": codes,
    }


def build_district(rows: list[dict[str, str]]) -> dict[str, object]:
    codes = []
    for r in rows:
        if r["LVL_REFNIS"] != "3":
            continue
        valid_from, valid_to = validity(r)
        codes.append(
            code(
                r["CD_REFNIS"],
                district_en(r["CD_REFNIS"], r["TX_REFNIS_NL"], r["TX_REFNIS_FR"]),
                r["TX_REFNIS_NL"],
                r["TX_REFNIS_FR"],
                parent=r["CD_SUP_REFNIS"],
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
    return {
        "id": "district",
        "labels": {
            "en": "Administrative arrondissement",
            "nl": "Administratief arrondissement",
            "fr": "Arrondissement administratif",
        },
        "status": "official",
        "source": source(REFNIS_NOTE),
        "parent_list": "province",
        "note": "The 43 administrative arrondissements (43 on any date since 2015). Parent ="
        " province; Brussels-Capital (21000) has the pseudo-province 04000 (= the region), as in"
        " REFNIS. Reform of 2019-01-01 in Hainaut: arrondissement Mouscron (54000) was abolished"
        " and its two municipalities (Mouscron, Comines-Warneton) joined arrondissement Tournai,"
        " which kept code 57000 and was renamed Tournai-Mouscron (so 57000 appears twice, before"
        " and after the rename); the new arrondissement La Louvière (58000) was formed from La"
        " Louvière (Soignies), Binche, Estinnes and Morlanwelz (Thuin); Manage and Seneffe moved"
        " from Charleroi to Soignies and Enghien, Lessines and Silly from Soignies to Ath. Every"
        " municipality that changed arrondissement got a new NIS code (see municipality). The"
        " 2025-01-01 mergers created no and abolished no arrondissement, but moved territory"
        " between them: Zwijndrecht (11000) and Moerbeke (44000) into Sint-Niklaas (46000),"
        " Kortessem (73000) into Hasselt (71000).",
        "codes": codes,
    }


def build_municipality(
    rows: list[dict[str, str]], mergers: list[dict[str, str]]
) -> dict[str, object]:
    merged_2025 = {m["old_nis_code"]: m["new_nis_code"] for m in mergers}
    kept_codes = {m["new_nis_code"] for m in mergers if m["old_nis_code"] == m["new_nis_code"]}
    codes = []
    for r in rows:
        if r["LVL_REFNIS"] != "4":
            continue
        nis = r["CD_REFNIS"]
        nl, fr, de = clean(r["TX_REFNIS_NL"]), clean(r["TX_REFNIS_FR"]), clean(r["TX_REFNIS_DE"])
        valid_from, valid_to = validity(r)
        if nis in merged_2025 and nis not in kept_codes:
            if valid_to is not None:
                sys.exit(f"{nis} ends twice")
            valid_to = END_2024
        codes.append(
            code(
                nis,
                municipality_en(nis, nl, fr, de),
                nl,
                fr,
                parent=r["CD_SUP_REFNIS"],
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
    seen = set()
    for m in mergers:
        new = m["new_nis_code"]
        if new in seen or new in kept_codes:
            continue
        seen.add(new)
        codes.append(
            code(
                new,
                municipality_en(new, m["new_name_nl"], m["new_name_fr"], m["new_name_de"]),
                m["new_name_nl"],
                m["new_name_fr"],
                parent=new[:2] + "000",
                valid_from=MERGER_2025,
            )
        )
    codes.sort(key=lambda c: (c["code"], c.get("valid_from", "")))
    german = ", ".join(f"{n} {name}" for n, name in sorted(GERMAN_SPEAKING.items()))
    return {
        "id": "municipality",
        "labels": {"en": "Municipality", "nl": "Gemeente", "fr": "Commune"},
        "status": "official",
        "source": {
            "title": "Statbel, REFNIS code list of the administrative units (TU_COM_REFNIS),"
            f" redistributed in {SOURCE_REPO}; mergers of 2025-01-01 from the same repository",
            "url": SOURCE_URL,
            "date": CONSULTED,
            "note": REFNIS_NOTE + " The REFNIS extract predates 2025; the mergers of"
            f" 2025-01-01 come from {MERGERS_URL} (shipped as"
            " catalogue/data/sources/municipality_mergers_2025.csv) and were cross-checked"
            " against an independent public mapping of the same mergers (identical codes).",
        },
        "parent_list": "district",
        "note": "Every municipality since 2015-01-01 with its NIS code; parent = arrondissement."
        " Counts: 589 valid on 2015-01-01 (308 Flemish, 262 Walloon, 19 Brussels), 581 from"
        " 2019-01-01, 565 from 2025-01-01. Codes without dates are valid throughout 2015-2025;"
        " valid_to is the last day before a merger or recoding, valid_from the first day of a"
        " new code. 2019-01-01: mergers Puurs + Sint-Amands -> Puurs-Sint-Amands 12041;"
        " Aalter + Knesselare -> Aalter 44084; Deinze + Nevele -> Deinze 44083; Lovendegem +"
        " Waarschoot + Zomergem -> Lievegem 44085; Kruishoutem + Zingem -> Kruisem 45068;"
        " Opglabbeek + Meeuwen-Gruitrode -> Oudsbergen 72042; Neerpelt + Overpelt -> Pelt 72043"
        " (boundary adjustments between sections are not represented); and, without merger, 11"
        " Hainaut municipalities got a new code because they changed arrondissement (Mouscron"
        " 54007->57096, Comines-Warneton 54010->57097, La Louvière 55022->58001, Binche"
        " 56011->58002, Estinnes 56085->58003, Morlanwelz 56087->58004, Seneffe 52063->55085,"
        " Manage 52043->55086, Enghien 55010->51067, Silly 55039->51068, Lessines"
        " 55023->51069). 2025-01-01: 30 municipalities merged into 14 (13 Flemish, 1 Walloon);"
        " Antwerpen absorbed Borsbeek and kept code 11002, so Antwerpen has a single undated"
        " entry whose territory grew on 2025-01-01 while Borsbeek 11007 ends on 2024-12-31."
        " Beveren-Kruibeke-Zwijndrecht is the provisional name of 46030. Names: nl and fr are"
        " REFNIS's Dutch and French names (identical where no translation exists, e.g. for"
        " the 2025 mergers other than Antwerpen and Bastogne); REFNIS's disambiguating"
        " qualifiers ('Hove (Antwerpen)', 'Tielt (Tielt)') are dropped. en is the English"
        " exonym where one is established (Antwerp, Bruges, Ghent, Ostend, City of Brussels),"
        " otherwise the official name of the language area: Dutch in Flanders, French in"
        " Wallonia, 'French / Dutch' in Brussels, and the German name for the nine"
        " German-speaking municipalities, whose French and Dutch names are in fr and nl."
        f" German language area (code list language_area, code de): {german}. All other"
        " municipalities of the Walloon Region are French language area (fr), the Flemish"
        " Region is Dutch (nl) and the 19 Brussels municipalities (21xxx) bilingual (nl_fr).",
        "codes": codes,
    }


def build_language_area() -> dict[str, object]:
    german = ", ".join(f"{name} ({n})" for n, name in sorted(GERMAN_SPEAKING.items()))
    return {
        "id": "language_area",
        "labels": {"en": "Language area", "nl": "Taalgebied", "fr": "Région linguistique"},
        "status": "official",
        "source": {
            "title": "Constitution of Belgium, article 4 (the four language areas)",
            "url": "https://www.senate.be/doc/const_nl.html",
            "date": CONSULTED,
            "note": "The four language areas are constitutional; they have no official code, so"
            " the codes here are mimosis's own. Municipality membership follows from the"
            " language laws of 1962-1963 (the language border).",
        },
        "note": "Which language area a municipality (code list municipality) lies in: the Flemish"
        " Region (02000) is the Dutch language area; the 19 municipalities of the"
        " Brussels-Capital Region (04000, codes 21001-21019) form the bilingual area;"
        " the Walloon Region"
        " (03000) is the French language area except nine municipalities of arrondissement"
        f" Verviers, which form the German language area: {german}. Their NIS codes did not"
        " change between 2015 and 2025. Municipalities with language facilities stay in their"
        " area.",
        "codes": [
            code(
                "nl",
                "Dutch language area",
                "Nederlands taalgebied",
                "région de langue néerlandaise",
            ),
            code("fr", "French language area", "Frans taalgebied", "région de langue française"),
            code("de", "German language area", "Duits taalgebied", "région de langue allemande"),
            code(
                "nl_fr",
                "Bilingual area of Brussels-Capital",
                "tweetalig gebied Brussel-Hoofdstad",
                "région bilingue de Bruxelles-Capitale",
            ),
        ],
    }


def write(name: str, content: dict[str, object]) -> None:
    header = "# Generated by scripts/build_geography_codelists.py from catalogue/data/sources/.\n"
    text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)
    (OUT / f"{name}.yaml").write_text(header + text, encoding="utf-8")


def main() -> None:
    rows = read_refnis()
    mergers = read_mergers()
    write("region", build_region())
    write("province", build_province(rows))
    write("district", build_district(rows))
    write("municipality", build_municipality(rows, mergers))
    write("language_area", build_language_area())


if __name__ == "__main__":
    main()
