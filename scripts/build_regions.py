"""Build bot/resources/regions.tsv, the administrative-region dictionary, from cpca's adcodes.

The dictionary is data, not code: regenerate it with
    pip download --no-deps cpca && unzip -o cpca-*.whl 'cpca/resources/*.csv'
    python scripts/build_regions.py cpca/resources/adcodes.csv > bot/resources/regions.tsv
cpca (MIT) ships the 2020-era national adcode table.  Province abbreviations (简称)
are the official ones.
"""

from __future__ import annotations

import csv
import re
import sys

PROVINCE_ABBREVIATIONS = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉",
    "23": "黑", "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣",
    "37": "鲁", "41": "豫", "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼",
    "50": "渝", "51": "川,蜀", "52": "黔,贵", "53": "滇,云", "54": "藏", "61": "陕,秦",
    "62": "甘,陇", "63": "青", "64": "宁", "65": "新", "71": "台", "81": "港", "82": "澳",
}


def ethnic_pattern(nations_csv: str) -> re.Pattern[str]:
    """Nationality names (壮族, 维吾尔…) that stand between a place name and 自治区/州/县."""
    names = [line.strip().split(",")[-1] for line in open(nations_csv, encoding="utf-8")]
    stems = sorted({n.removesuffix("族") for n in names if n.endswith("族")}, key=len, reverse=True)
    alt = "|".join(map(re.escape, stems))
    return re.compile(rf"(?:(?:{alt})族?)+(?=自治[区州县旗])")


ETHNIC = re.compile("$^")


def short_names(name: str, level: str) -> list[str]:
    names: list[str] = []
    stem = ETHNIC.sub("", name)
    if len(re.sub("自治[区州县旗]$", "", stem)) < 2:  # 内蒙古: the place name is itself ethnic
        stem = name
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "盟"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            base = stem[: -len(suffix)]
            names.append(base)
            if suffix == "自治州":
                names.append(base + "州")
            break
    if level == "county" and name.endswith(("县", "区", "旗")) and len(name) >= 4:
        names = []  # county stems are too often ordinary words (和平, 城关): full names only
    return [n for n in dict.fromkeys(names) if n != name and len(n) >= 2]


def main(path: str) -> None:
    global ETHNIC
    ETHNIC = ethnic_pattern(path.replace("adcodes.csv", "56_nations.csv"))
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    provinces = {r["adcode"][:2]: r["name"] for r in rows if r["adcode"][2:] == "0" * 10}
    out = ["code\tname\tlevel\tprovince\taliases"]
    for r in sorted(rows, key=lambda r: r["adcode"]):
        code, name = r["adcode"], r["name"]
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        if code[2:] == "0" * 10:
            level = "province"
        elif code[4:] == "0" * 8:
            level = "prefecture"
        else:
            level = "county"
        aliases = short_names(name, level)
        if level == "province":
            aliases += PROVINCE_ABBREVIATIONS.get(code[:2], "").split(",")
        out.append("\t".join([code, name, level, provinces[code[:2]], ",".join(a for a in aliases if a)]))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
