#!/usr/bin/env python3
"""Deterministic synthetic 民生实事 progress report of N projects.

--shape cells (the default) writes the cell-per-line format of
examples/000_*.txt (an HTML table flattened to text: one cell per line,
blank lines between cells, a department cell left out when it repeats the
row above, as a merged cell would be). --shape pipe writes the pipe table of
examples/002_*.txt (项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位
| 具体分管领导 |, rows opening with (N), short rows where the department
and leader cells are merged with the row above, a co-leading office's entry
as a continuation row without a number). --shape pipe-seq writes a pipe
table with a 序号 column (序号 | 项目名称 | 责任单位 | 年度目标 | 进展情况 |
完成率 |), one row per project, co-leading offices joined with 、. Content and progress texts are assembled from phrase pieces that
follow the seeds: a verb, a facility or service, a quantity and its unit,
optional place and purpose clauses; statuses are mixed and progress texts
carry rates such as 完成率达104% or (完成年度任务70%). About one project in
six is co-led by a second office and has a second entry.

The same N and seed give the same bytes (random.Random with an int seed).

    python3 bench/gen_report.py N [--seed S] [--shape cells|pipe|pipe-seq] [-o FILE]

The projects (contents, offices, statuses, progress texts) are the same for
every shape with the same N and seed; only the layout differs.
"""
import argparse
import random
import sys

TOWNS = ["罗阳镇", "雅阳镇", "司前畲族镇", "泗溪镇", "筱村镇", "仕阳镇",
         "三魁镇", "百丈镇", "彭溪镇", "南浦溪镇", "西旸镇", "柳峰乡"]

# Department -> items: (verbs, thing, unit, lo, hi). The content reads
# verb + thing + quantity + unit; the progress text reuses thing and unit.
ITEMS = {
    "县教育局": [
        (["新建", "改扩建"], "公办幼儿园", "所", 1, 6),
        (["提升改造"], "中小学食堂", "所", 2, 12),
        (["新增"], "义务教育学位", "个", 300, 2400),
        (["开展"], "中小学生近视筛查", "人次", 8000, 30000),
        (["建成"], "标准化学校心理辅导室", "间", 5, 20),
    ],
    "县卫生健康局": [
        (["新建"], "ICU床位", "张", 5, 30),
        (["新改扩建"], "规范化村卫生室(社区卫生服务站)", "个", 3, 15),
        (["为老年人免费接种"], "流感疫苗", "例", 5000, 9000),
        (["新增"], "普惠托位", "个", 100, 600),
        (["开展"], "高危人群大肠癌筛查", "人", 3000, 12000),
    ],
    "县民政局": [
        (["新增"], "认知障碍照护专区床位", "张", 20, 80),
        (["建成"], "老年食堂(助餐点)", "个", 5, 30),
        (["改造提升"], "村社居家养老服务照料中心", "个", 6, 20),
        (["新增"], "持证养老护理员", "人", 15, 60),
    ],
    "县人力社保局": [
        (["开展"], "职业技能培训", "人次", 2000, 6000),
        (["新增"], "技能人才", "人", 500, 2000),
        (["建成"], "零工市场", "个", 1, 3),
        (["新增"], "城镇就业", "人", 1500, 3000),
    ],
    "县医疗保障局": [
        (["新增"], "长期护理保险参保", "万人", 1, 4),
        (["开通"], "跨省门诊慢特病直接结算医院", "家", 2, 6),
        (["建成"], "医保服务站点", "个", 10, 40),
    ],
    "县住建局": [
        (["新建"], "城市公园", "个", 1, 3),
        (["改造"], "城镇老旧小区", "个", 2, 9),
        (["新改建"], "农村生活污水处理设施", "个", 10, 40),
        (["加装"], "既有住宅电梯", "台", 10, 50),
    ],
    "县交通运输局": [
        (["新改建"], "农村公路", "公里", 10, 60),
        (["完成养护"], "农村公路", "公里", 50, 150),
        (["开通"], "城乡客货邮融合线路", "条", 1, 4),
        (["提升"], "公交化运营渡口", "座", 1, 3),
        (["新增"], "城乡公交候车亭", "个", 20, 80),
    ],
    "县农业农村局": [
        (["建设"], "高标准农田", "亩", 2000, 12000),
        (["创建"], "美丽乡村精品村", "个", 3, 10),
        (["培育"], "农村实用人才", "人", 200, 800),
    ],
    "县水利局": [
        (["提升"], "农村饮用水达标人口", "万人", 1, 5),
        (["治理"], "中小河流", "公里", 5, 30),
        (["除险加固"], "山塘水库", "座", 3, 12),
    ],
    "县文广旅体局": [
        (["新增"], "城市书房", "家", 1, 4),
        (["新增"], "乡村博物馆", "家", 2, 6),
        (["建成"], "15分钟品质文化生活圈", "个", 20, 50),
        (["新建"], "省级基层体育场地设施", "个", 4, 12),
    ],
    "县市场监管局": [
        (["建成"], "养老机构阳光厨房", "家", 2, 8),
        (["创建"], "城乡放心农贸市场", "家", 1, 3),
        (["新增"], "民生药事服务站", "家", 1, 4),
    ],
    "县综合行政执法局": [
        (["建成"], "省级高标准垃圾分类示范小区", "个", 3, 10),
        (["新建改造"], "城市公厕", "座", 5, 20),
    ],
    "县自然资源和规划局": [
        (["建设"], "地质灾害监测预警实验点", "处", 5, 15),
        (["完成"], "地质灾害隐患点综合治理", "处", 3, 10),
    ],
    "县残联": [
        (["完成"], "重要公共服务场所无障碍改造", "个", 5, 15),
        (["康复救助"], "孤独症儿童", "人", 20, 50),
        (["新增"], "残疾人稳定就业", "人", 20, 40),
    ],
    "县妇联": [
        (["新建"], "儿童友好空间", "个", 3, 12),
        (["开展"], "适龄妇女两癌免费检查", "人", 3000, 9000),
    ],
    "县公安局": [
        (["建成"], "AI证照一窗通拍网点", "个", 5, 12),
        (["新增"], "公共停车泊位", "个", 300, 1200),
    ],
    "县生态环境分局": [
        (["建成"], "城镇生活污水零直排区", "个", 2, 6),
        (["完成"], "农村饮用水源地规范化整治", "处", 10, 30),
    ],
    "县商务局": [
        (["建成"], "电商直播式共富工坊", "家", 3, 8),
        (["改造提升"], "农贸市场", "家", 1, 4),
    ],
    "县经信局": [
        (["新增"], "5G基站", "个", 80, 300),
        (["建成"], "山区共富工坊", "家", 5, 20),
    ],
    "县科技局": [
        (["实施"], "农业、工业、社会发展领域科研项目", "项", 10, 30),
        (["开展"], "科技特派员技术指导服务", "次", 10, 40),
    ],
    "县委宣传部": [
        (["新建"], "五星级文化礼堂", "家", 3, 8),
        (["建成"], "新时代文明实践站", "个", 10, 40),
    ],
    "县供电公司": [
        (["改造"], "农村配电线路", "公里", 20, 80),
        (["新建"], "公共充电桩", "个", 30, 120),
    ],
    "罗阳镇": [
        (["建成"], "等高线环形健身绿道", "公里", 2, 5),
        (["完成"], "老旧街区立面改造", "处", 3, 8),
    ],
    "雅阳镇": [
        (["新建"], "村级居家养老服务站", "个", 2, 6),
        (["提升"], "集镇道路", "公里", 1, 4),
    ],
    "司前畲族镇": [
        (["建成"], "畲族文化展示馆", "个", 1, 2),
        (["改造"], "农村危旧房", "户", 10, 40),
    ],
}
DEPARTMENTS = list(ITEMS)

# Offices that share a project: the second leads the second entry.
PARTNERS = {
    "县卫生健康局": "县医疗保障局", "县教育局": "县财政局",
    "县民政局": "县卫生健康局", "县住建局": "县综合行政执法局",
    "县农业农村局": "县水利局", "县交通运输局": "县邮政管理局",
    "县人力社保局": "县总工会", "县文广旅体局": "县委宣传部",
}

PURPOSES = [
    "进一步改善群众生产生活条件", "切实解决群众急难愁盼问题",
    "提升基本公共服务均等化水平", "满足群众多样化需求",
    "推动城乡融合发展", "补齐民生领域短板", "增强群众获得感、幸福感",
]
CLOSINGS = ["并完成民生实事系统销号", "并完成民生实事系统录入",
            "待省级部门审核", "已通过县级验收"]
DELAYS = ["受用地审批影响", "受连续降雨天气影响", "受资金拨付进度影响",
          "因设计方案调整", "受招投标进度影响"]
STAGES = ["项目前期手续正在办理", "主体工程正在施工", "已完成施工招标",
          "正在开展场地平整", "设备正在采购安装"]
STATUSES = [  # (phrase, weight)
    ("提前完成年度任务。", 40), ("已完成。", 15), ("基本完成。", 15),
    ("部分完成。", 18), ("未完成。", 12),
]


def qty(r, lo, hi):
    return r.randint(lo, hi)


def target(r, item, place):
    verbs, thing, unit, lo, hi = item
    n = qty(r, lo, hi)
    text = f"{r.choice(verbs)}{thing}{n}{unit}"
    if place:
        text = f"在{r.choice(TOWNS)}等{r.randint(2, 9)}个乡镇{text}"
    return text, n


def breakdown(r, unit, n):
    """(其中罗阳镇3个、雅阳镇2个): a split of the quantity over towns."""
    if n < 4 or unit in ("万人", "人次"):
        return None
    k = r.randint(1, n // 2)
    a, b = r.sample(TOWNS, 2)
    return f"(其中{a}{k}{unit}、{b}{n - k}{unit})"


def clauses(r, item, n):
    """Optional clauses after a target, shuffled; the caller takes a few."""
    out = r.sample(PURPOSES, 2)
    out.append(f"惠及群众{r.randint(12, 95) * 100}余人")
    out.append(r.choice(["年底前全部投入使用", "力争10月底前完工",
                         "纳入县级民生实事考核", "资金由县财政统筹安排"]))
    r.shuffle(out)
    b = breakdown(r, item[2], n)
    return ([b] if b else []) + out


def content_of(r, dept, multi):
    """Content lines and the quantities, 20 to 120 characters in all."""
    goal = int(r.triangular(20, 120, 30))
    items = r.sample(ITEMS[dept], 2 if multi else 1)
    parts, ns = [], []
    for it in items:
        t, n = target(r, it, r.random() < 0.2)
        parts.append(t)
        ns.append(n)
    tail = ""
    for c in clauses(r, items[-1], ns[-1]):
        size = sum(len(p) + 2 for p in parts) + len(tail)
        if size >= goal:
            break
        piece = c if c.startswith("(") else "," + c
        if size + len(piece) > 120:
            break
        tail += piece
    parts[-1] += tail
    if multi:
        lines = [f"{i + 1}){p};" for i, p in enumerate(parts)]
        lines[-1] = lines[-1][:-1] + "。"
    else:
        lines = [parts[0] + "。"]
    if sum(len(x) for x in lines) < 20:
        lines[-1] = lines[-1][:-1] + f",惠及群众{r.randint(12, 95) * 100}余人。"
    return lines, items, ns


def pct(x):
    return f"{x:.2f}".rstrip("0").rstrip(".")


def detail_of(r, status, item, n):
    _, thing, unit, _, _ = item
    when = r.choice(["截至10月底,", "截至9月底,", "", ""])
    if status.startswith("提前"):
        rate = r.uniform(100, 180)
        m = max(n, round(n * rate / 100))
        rate = 100.0 * m / n
        return f"{when}完成{thing}{m}{unit},完成率达{pct(rate)}%,{r.choice(CLOSINGS)}。"
    if status.startswith("已完成"):
        return f"{when}已完成{thing}{n}{unit},完成率100%,{r.choice(CLOSINGS)}。"
    if status.startswith("基本"):
        rate = r.uniform(90, 99.5)
        return (f"{when}{thing}主体工程已完工,完成率达{pct(rate)}%,"
                f"{r.choice(CLOSINGS[2:])}。")
    if status.startswith("部分"):
        rate = r.randint(40, 89)
        tail = "进度滞后于序时。" if r.random() < 0.3 else "剩余部分正在加紧推进。"
        return f"{when}{r.choice(STAGES)},已完成{thing}(完成年度任务{rate}%),{tail}"
    rate = r.randint(5, 60)
    return (f"{r.choice(STAGES)}(完成年度任务{rate}%),{r.choice(DELAYS)},"
            f"进度滞后,预计{r.choice(['11', '12'])}月底完成。")


def status_of(r):
    phrases = [s for s, _ in STATUSES]
    return r.choices(phrases, weights=[w for _, w in STATUSES])[0]


def projects(n, seed):
    """The report's rows: (seq, content lines, entries), each entry a
    (department, status, detail lines) triple."""
    r = random.Random(seed)
    run, dept = 0, None
    for seq in range(1, n + 1):
        if run == 0:  # offices lead runs of 1 to 6 rows, as in the seeds
            dept, run = r.choice(DEPARTMENTS), r.randint(1, 6)
        run -= 1
        multi = r.random() < 0.15
        lines, items, ns = content_of(r, dept, multi)
        status = status_of(r)
        if multi:
            detail = [f"{i + 1}){detail_of(r, status, it, q)}"
                      for i, (it, q) in enumerate(zip(items, ns))]
        else:
            detail = [detail_of(r, status, items[0], ns[0])]
        entries = [(dept, status, detail)]
        partner = PARTNERS.get(dept)
        if partner and r.random() < 0.5:  # a second office, its own entry
            it = ITEMS.get(partner, ITEMS[dept])[0]
            status = status_of(r)
            entries.append((partner, status,
                            [detail_of(r, status, it, it[3] + it[4])]))
        yield seq, lines, entries


def cells(n, seed):
    out = ["2023年10月份县政府民生实事项目进展情况",
           "发布日期:2023-11-21 11:00:03 浏览次数: 来源: 县政府办公室 字体:[ ]",
           "2023年10月县政府民生实事项目进展情况汇总表",
           "序号", "项目内容", "牵头单位", "落实情况"]
    carry = None
    for seq, lines, entries in projects(n, seed):
        out.append(str(seq))
        out.extend(lines)
        for dept, status, detail in entries:
            if dept != carry:  # a merged cell prints nothing
                out.append(dept)
            carry = dept
            out.append(status)
            out.extend(detail)
    return out


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林郑谢叶潘蒋钱"
GIVEN = "旭良小强晓宾李虎寅初玮莉庆渊章盛文周向永立杨金晓大富信道福祥忠挺成集"


def leader_of(dept):
    """A stable person's name per office (具体分管领导)."""
    h = sum(ord(c) for c in dept)
    return SURNAMES[h % len(SURNAMES)] + GIVEN[h % 17] + GIVEN[(h // 7) % len(GIVEN)]


PLANNED = ["完成项目前期手续。", "完成主体工程建设。", "完成年度任务的80%。",
           "开工建设。", "完成招投标。", "∕"]


def rate_cell(r, status, detail):
    """The 完成率 cell: the first rate the progress text states (else one by
    status); a lagging project's cell also says why, as in seed 002."""
    import re
    m = re.search(r"(\d+(?:\.\d+)?)%", " ".join(detail))
    rate = m.group(1) if m else ("100" if status.startswith(("提前", "已")) else "50")
    if status.startswith("未"):
        return f"{rate}%,{r.choice(DELAYS)},滞后进度。"
    return f"{rate}%"


def one_line(lines):
    return "".join(lines)


def pipe(n, seed):
    """The pipe table of seed 002: merged department/leader cells make short
    rows; a second office's entry is a row without a number."""
    r = random.Random(seed + 1)
    out = ["项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |"]
    carry = None
    for seq, lines, entries in projects(n, seed):
        for i, (dept, status, detail) in enumerate(entries):
            cells = [r.choice(PLANNED), one_line(detail), rate_cell(r, status, detail)]
            if i == 0:
                cells.insert(0, f"({seq}){one_line(lines)}")
            if dept != carry:
                cells += [dept, leader_of(dept)]
            carry = dept
            out.append(" | ".join(cells) + " |")
    return out


def pipe_seq(n, seed):
    """A pipe table with a 序号 column, one row per project."""
    r = random.Random(seed + 1)
    out = ["序号 | 项目名称 | 责任单位 | 年度目标 | 进展情况 | 完成率 |"]
    for seq, lines, entries in projects(n, seed):
        depts = "、".join(d for d, _, _ in entries)
        status, detail = entries[0][1], entries[0][2]
        content = one_line(lines)
        target = content.split(",")[0].rstrip("。;")
        out.append(" | ".join([str(seq), content, depts, target,
                               status + one_line(detail), rate_cell(r, status, detail)]) + " |")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of projects (cells: 1..99999)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shape", choices=["cells", "pipe", "pipe-seq"], default="cells")
    ap.add_argument("-o", "--output", help="output file (default stdout)")
    a = ap.parse_args()
    if a.n < 1 or (a.shape == "cells" and a.n > 99999):
        ap.error("n must be 1..99999 for cells (the reader takes up to 5-digit numbers), "
                 "at least 1 for the pipe shapes")
    if a.shape == "cells":
        text = "\n\n".join(cells(a.n, a.seed)) + "\n"
    else:
        text = "\n".join((pipe if a.shape == "pipe" else pipe_seq)(a.n, a.seed)) + "\n"
    if a.output:
        with open(a.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
