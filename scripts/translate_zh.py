#!/usr/bin/env python3
"""Fills resources/translations/gengbao_zh_CN.ts from the table below and reports what is missing.

lupdate (cmake --build build --target gengbao_lupdate) adds new source texts as unfinished; add
their Chinese here and run this script. The test "app: the Chinese translation is complete"
fails while any message is unfinished.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "&File": "文件(&F)",
    "&Open Project...": "打开项目(&O)...",
    "&Quit": "退出(&Q)",
    "Open Project": "打开项目",
    "Gengbao projects (*.gpkg)": "耕保项目 (*.gpkg)",
    "Cannot open project": "无法打开项目",
    "Gengbao": "耕保",
    "%1 %2 - %3 - Gengbao": "%1 %2年 - %3 - 耕保",
    "Open a project with File > Open Project.": "请从“文件 > 打开项目”打开一个项目。",
    "Parcels: %1, gross area %2 mu; town target %3 mu": "共 %1 个图斑，毛面积 %2 亩；全镇任务 %3 亩",
    "Candidate": "备选",
    "Selected": "已选定",
    "Restoring": "恢复中",
    "Planted": "已种植",
    "Evidence submitted": "已举证",
    "Verified by the town": "镇已核实",
    "Approved": "已通过审核",
    "Rejected": "已退回",
    "Withdrawn": "已撤回",
    "Parcel ID": "图斑标识码",
    "Village": "村居",
    "Land class": "地类",
    "Gross area (mu)": "毛面积（亩）",
    "Net area (mu)": "净面积（亩）",
    "Stage": "阶段",
    "Batch": "批次",
    "Slope (°)": "坡度（°）",
    "Screening": "筛查结果",
    "Not screened": "未筛查",
    "Eligible": "符合条件",
    "Excluded: %1": "排除：%1",
    ", ": "、",
    "Slope over the limit": "坡度超限",
    "Ecological red line": "生态保护红线",
    "Slope unknown": "坡度未知",
    "Overlap not computable": "叠加面积无法计算",
    "DEM and slope grade disagree": "高程模型与坡度级别不一致",
    "DEM covers part only": "高程模型仅覆盖部分",
    "Terrace over the limit": "超限梯田",
    "; eligible: %1 parcels, %2 mu": "；符合条件 %1 个，%2 亩",
    "&Print Task Annex...": "打印任务分解表(&P)...",
    "Export Task Annex as &PDF...": "导出任务分解表为 PDF(&D)...",
    "Export Task Annex as PDF": "导出任务分解表为 PDF",
    "PDF files (*.pdf)": "PDF 文件 (*.pdf)",
    "Cannot print the annex": "无法打印任务分解表",
    "&Edit": "编辑(&E)",
    "&Undo": "撤销(&U)",
    "&Redo": "重做(&R)",
    "&Parcels": "图斑(&P)",
    "&Move to Stage...": "推进阶段(&M)...",
    "&View": "视图(&V)",
    "Cannot undo": "无法撤销",
    "All villages": "全部村居",
    "Filter": "筛选",
    "All stages": "全部阶段",
    "Any verdict": "全部筛查结果",
    "Excluded": "已排除",
    "Search id, village, land class, batch": "搜索标识码、村居、地类、批次",
    "Audit Log": "操作日志",
    "Time": "时间",
    "User": "用户",
    "Change": "操作",
    "Of": "对象",
    "Some parcels did not move": "部分图斑未能推进",
    "Move %1 to %2": "将 %1 推进到“%2”",
    "Move %n parcels to %1": "将 %n 个图斑推进到“%1”",
    "Move Parcels to a Stage": "推进图斑阶段",
    "&Stage:": "阶段(&S)：",
    "&Date:": "日期(&D)：",
    "Document or evidence &number:": "文号或举证编号(&N)：",
    "&Note or reason:": "备注或理由(&O)：",
    "&Accepted net area (mu):": "核定净面积（亩）(&A)：",
    "%n selected parcel(s) take this step.": "所选 %n 个图斑将推进到此阶段。",
    "Parcels": "图斑",
    "Village Tasks": "村居任务",
    "Total": "合计",
    "The task is %1 mu above the village's eligible potential: the village must add parcels of its own.": "任务比本村符合条件的潜力多 %1 亩：需由村居自选图斑补足。",
    "No.": "序号",
    "Potential (mu)": "潜力图斑面积（亩）",
    "Task (mu)": "任务数（亩）",
    "Shortfall (mu)": "潜力缺口（亩）",
    "Selected (mu)": "已选定（亩）",
    "Approved (mu)": "已通过（亩）",
    "Remarks": "备注",
    "Set the task of %1": "设置 %1 的任务",
    "Set the remarks of %1": "设置 %1 的备注",
    "Allocate the target in proportion to potential": "按潜力比例分配任务",
    "Allocate the target with a floor per village": "按保底加比例分配任务",
    "Read the tasks from %1": "从 %1 读入任务",
    "Allocate the Town Target": "分配全镇任务",
    "&Method:": "方法(&M)：",
    "&Floor per village (mu):": "每村保底（亩）(&F)：",
    "Proposal (nothing changes until you apply it):": "分配方案（点击“应用”前不做任何修改）：",
    "In proportion to eligible potential": "按符合条件的潜力比例",
    "A floor per village, the rest by potential": "每村保底，其余按潜力比例",
    "Proposed task (mu)": "拟分配任务（亩）",
    "Cannot set the task": "无法设置任务",
    "&Allocate...": "分配任务(&A)...",
    "Print Pre&view...": "打印预览(&V)...",
    "&Export XLSX...": "导出 XLSX(&E)...",
    "&Import XLSX...": "读入 XLSX(&I)...",
    "Town target %1 mu; tasks %2 mu; eligible potential %3 mu.": "全镇任务 %1 亩；已分配 %2 亩；符合条件的潜力 %3 亩。",
    "The tasks exceed the target by %1 mu.": "已分配任务比全镇任务多 %1 亩。",
    "The tasks fall short of the target by %1 mu.": "已分配任务比全镇任务少 %1 亩。",
    "Cannot allocate": "无法分配",
    "Export the Task Table": "导出任务分解表",
    "Excel workbooks (*.xlsx)": "Excel 工作簿 (*.xlsx)",
    "Cannot export": "无法导出",
    "Read Edited Tasks": "读入修改后的任务",
    "Spreadsheets (*.xlsx *.ods *.csv)": "电子表格 (*.xlsx *.ods *.csv)",
    "Cannot read the tasks": "无法读入任务",
    "Payouts": "奖补资金",
    "Subsidy (yuan)": "补助（元）",
    "Reward (yuan)": "奖励（元）",
    "Total (yuan)": "合计（元）",
    "Task met": "完成任务",
    "Rate (yuan/mu)": "标准（元/亩）",
    "Amount (yuan)": "金额（元）",
    "Export &PDF...": "导出 PDF(&P)...",
    "Yes": "是",
    "No": "否",
    "Total: %1 yuan (%2)": "合计：%1 元（大写：%2）",
    "Export the Statement as PDF": "导出奖补明细为 PDF",
    "Export the Statement as XLSX": "导出奖补明细为 XLSX",
    "Parcel Details": "图斑详情",
    "Select a parcel to see its details.": "选择一个图斑查看详情。",
    "TBMJ (m²)": "图斑面积 TBMJ（平方米）",
    "Computed area (m²)": "计算面积（平方米）",
    "Accepted net area (mu)": "核定净面积（亩）",
    "Red line overlap (m²)": "与生态保护红线重叠（平方米）",
    "Eligible remainder (m²)": "可恢复剩余部分（平方米）",
    "For review": "待核查",
    "Stage history": "阶段记录",
    "Proposal: %1": "自选图斑审核：%1",
    "Attributes of the county's file": "县级下发文件中的属性",
    "Progress": "进度",
    "Restoring (mu)": "恢复中（亩）",
    "Approved share of the task": "通过面积占任务",
    "Overdue parcels": "逾期图斑",
    "As of %1 (net areas in mu; the accepted area once approved).": "截至 %1（净面积，单位亩；通过审核后按核定面积）。",
    "selection short by %1 mu": "选址缺 %1 亩",
    "Approved net area against the target": "已通过审核的净面积与任务",
    "Target": "任务",
    "Approval deadline": "审核截止日",
    "mu": "亩",
    # report/errortext.cpp
    "File not found": "找不到文件",
    "Not a readable file": "文件不可读取",
    "Unsupported file type": "不支持的文件类型",
    "The file is not what its name says": "文件内容与扩展名不符",
    "A part of the shapefile is missing": "Shapefile 缺少组成文件",
    "The file is damaged or truncated": "文件已损坏或不完整",
    "No such layer": "没有该图层",
    "Several layers: choose one": "文件含多个图层，请选择一个",
    "Polygons expected": "应为面图层",
    "The layer has no features": "图层中没有要素",
    "No coordinate system": "缺少坐标系",
    "Unusable coordinate system": "坐标系不可用",
    "Text encoding problem": "文字编码有误",
    "The project file already exists": "项目文件已存在",
    "Not a Gengbao project": "不是耕保项目文件",
    "Written by a newer Gengbao": "由更新版本的耕保创建",
    "Project file error": "项目文件错误",
    "Cancelled": "已取消",
    "Input/output error": "读写错误",
    "Invalid input": "输入无效",
    "Error": "错误",
}


def main() -> int:
    path = Path(__file__).resolve().parent.parent / "resources/translations/gengbao_zh_CN.ts"
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source not in ZH:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            form = ET.SubElement(translation, "numerusform")
            form.text = ZH[source]
        else:
            translation.text = ZH[source]
    ET.indent(tree, space="    ")
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    for source in missing:
        print(f"missing Chinese for: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
