"""指标库 benchmark: ``python benchmarks/bench_library.py [--drafts 2000] [--items 100]``.

Writes 2,000 generated drafts of 100 items each (200,000 indicators, nearly all
different: numbers and names vary) into a temporary folder, indexes them as the window
does for a folder chosen in 设置, and then searches as a clerk types: every prefix of
typical queries, with and without a 二级指标 filter. Prints the indexing time and, per
query length (1, 2, 3+ characters), the median and the maximum time per keystroke.

Target: every keystroke under 50 ms (issue 12), on the 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

# The drafts made for tests and benchmarks (tests/samples.py) are not shipped.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from samples import EFFECT, OUTPUT, Department, Funds, xicheng_draft

from declapp.form.model import OPS, Draft, Item
from declapp.form.templates import load_template
from declapp.library import IndicatorLibrary
from declapp.storage.fileformat import dumps

TARGET_MS = 50.0
PLACES = ("展览路", "月坛", "金融街", "德胜", "什刹海", "西长安街", "新街口", "广安门内",
          "牛街", "白纸坊", "椿树", "陶然亭", "大栅栏", "天桥", "广安门外")
SUBJECTS = ("背街小巷", "老旧小区", "垃圾分类", "养老驿站", "社区服务站", "疏解整治", "绿化养护",
            "违法建设", "停车管理", "接诉即办", "安全生产", "消防隐患", "就业培训", "低保救助",
            "党建活动", "志愿服务", "文化活动", "平安建设", "物业管理", "环境整治", "河长制",
            "大气污染", "应急演练", "人口普查", "退役军人", "残疾人服务", "便民网点", "社区议事")
ACTIONS = ("完成", "开展", "推进", "组织", "落实", "覆盖", "培训", "走访", "检查", "整改")
METRICS = ("完成率", "群众满意度", "覆盖率", "及时率", "合格率", "办结率", "参与率", "知晓率")
UNITS = ("%", "项", "次", "人次", "户", "个", "场", "万元", "处", "条")
FILLERS = ("按照年度工作计划", "结合辖区实际情况", "持续提升精细化管理水平", "确保各项工作落实到位",
           "进一步完善工作机制", "做好服务保障工作", "加强部门协调配合", "强化监督检查")


def _item(rng: random.Random, place: str) -> Item:
    subject = rng.choice(SUBJECTS)
    if rng.random() < 0.4:
        metric = rng.choice(METRICS)
        op = rng.choice(OPS[:5])
        value = str(rng.randrange(60, 101)) if metric.endswith("率") or "度" in metric else \
            str(rng.randrange(1, 5000))
        return Item(name=f"{subject}{metric}", op=op, value=value,
                    unit="%" if "率" in metric or "度" in metric else rng.choice(UNITS),
                    content=f"{place}街道{rng.choice(FILLERS)}，{rng.choice(ACTIONS)}{subject}工作",
                    explanation=rng.choice(("", "以年底统计为准", "抽样调查")))
    parts = [f"{rng.choice(ACTIONS)}{place}地区{subject}{rng.randrange(1, 400)}{rng.choice(UNITS)}"]
    parts += rng.sample(FILLERS, rng.randrange(1, 4))
    value = rng.choice(("", "", "按期完成", f"≥{rng.randrange(80, 100)}%"))
    return Item("，".join(parts) + "。", value)


def make_draft(n: int, items: int, rng: random.Random) -> Draft:
    tree = load_template("xicheng-2021").tree()
    place = PLACES[n % len(PLACES)]
    groups = [tree.new_group(OUTPUT, f"{rng.choice(SUBJECTS)}工作") for _ in range(4)]
    groups.append(tree.new_group(EFFECT))
    slots = [c for g in groups for c in g.categories]
    for i in range(items):
        slots[i % len(slots)].items.append(_item(rng, place))
    return xicheng_draft(template="xicheng-2021", year=2010 + n % 15,
                 department=Department(name=f"北京市西城区人民政府{place}街道办事处"),
                 funds=Funds(total=Decimal("100"), basic=Decimal("40"), project=Decimal("60")),
                 goals="做好各项工作。", indicators=groups, notes="无")


# Typed one character at a time: each prefix is a keystroke.
QUERIES = ("群众满意度", "老旧小区", "垃圾分类完成率", "养老驿站", "接诉即办", "社区", "率",
           "曌曌曌")  # the last matches nothing: the slowest case for a scan
CATEGORIES = (None, "产出数量指标", "服务对象满意度指标")  # no filter, a large and a small one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--items", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(12)
    work = Path(tempfile.mkdtemp(prefix="declapp-bench-library-"))
    try:
        drafts_dir, data_dir = work / "drafts", work / "data"
        drafts_dir.mkdir()
        started = time.perf_counter()
        for n in range(args.drafts):
            text = dumps(make_draft(n, args.items, rng), meta={})
            (drafts_dir / f"draft-{n:04d}.json").write_text(text, encoding="utf-8")
        print(f"generated {args.drafts} drafts x {args.items} items in "
              f"{time.perf_counter() - started:.1f} s (not part of the figures)")

        library = IndicatorLibrary(data_dir)
        report = library.add_folder(drafts_dir)
        count = library.con.execute("SELECT count(*) FROM indicators").fetchone()[0]
        print(f"indexing: {report.read} files, {report.items} items -> {count} distinct "
              f"indicators in {report.seconds:.1f} s "
              f"(database {(data_dir / 'indicator-library.sqlite3').stat().st_size / 1e6:.0f} MB)")
        again = library.refresh()
        print(f"refresh with nothing changed: {again.unchanged} files checked in "
              f"{again.seconds * 1000:.0f} ms")
        library.close()

        library = IndicatorLibrary(data_dir)  # as the window opens it
        started = time.perf_counter()
        library.warm()
        print(f"preparing 1-2 character search (once per change of the index): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")
        times: dict[str, list[float]] = {"1": [], "2": [], "3+": []}
        for category in CATEGORIES:
            for query in QUERIES:
                for end in range(1, len(query) + 1):
                    typed = query[:end]
                    started = time.perf_counter()
                    hits = library.search(typed, category=category)
                    elapsed = (time.perf_counter() - started) * 1000
                    times[str(end) if end < 3 else "3+"].append(elapsed)
                    if category is None and end == len(query) and query == "群众满意度":
                        assert hits, "a common query must find something"
        worst = 0.0
        print(f"{'query length':>14} {'keystrokes':>10} {'median ms':>10} {'max ms':>8}")
        for length, values in times.items():
            worst = max(worst, max(values))
            print(f"{length:>14} {len(values):>10} {statistics.median(values):>10.1f} "
                  f"{max(values):>8.1f}")
        verdict = "meets" if worst < TARGET_MS else "MISSES"
        print(f"slowest keystroke {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")
        library.close()
        return 0 if worst < TARGET_MS else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
