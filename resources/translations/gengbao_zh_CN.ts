<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AdvanceDialog</name>
        <message>
            <source>Move Parcels to a Stage</source>
            <translation>推进图斑阶段</translation>
        </message>
        <message>
            <source>&amp;Stage:</source>
            <translation>阶段(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Date:</source>
            <translation>日期(&amp;D)：</translation>
        </message>
        <message>
            <source>Document or evidence &amp;number:</source>
            <translation>文号或举证编号(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Note or reason:</source>
            <translation>备注或理由(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;Accepted net area (mu):</source>
            <translation>核定净面积（亩）(&amp;A)：</translation>
        </message>
    </context>
    <context>
        <name>AllocationDialog</name>
        <message>
            <source>Allocate the Town Target</source>
            <translation>分配全镇任务</translation>
        </message>
        <message>
            <source>&amp;Method:</source>
            <translation>方法(&amp;M)：</translation>
        </message>
        <message>
            <source>&amp;Floor per village (mu):</source>
            <translation>每村保底（亩）(&amp;F)：</translation>
        </message>
        <message>
            <source>Proposal (nothing changes until you apply it):</source>
            <translation>分配方案（点击“应用”前不做任何修改）：</translation>
        </message>
    </context>
    <context>
        <name>DrawnParcelDialog</name>
        <message>
            <source>Propose the Drawn Parcel</source>
            <translation>提出绘制的自选图斑</translation>
        </message>
        <message>
            <source>&amp;Proposed by:</source>
            <translation>提出村居(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>备注(&amp;N)：</translation>
        </message>
        <message>
            <source>What the parcel is, who asked for it</source>
            <translation>图斑情况、由谁提出</translation>
        </message>
        <message>
            <source>The parcel is added as the village's proposal and screened with the rules and files of the latest screening. It cannot be undone; a proposal the town does not want is rejected in its review.</source>
            <translation>图斑作为村居自选图斑添加，并按最近一次筛查的规则和数据筛查。此操作不能撤销；镇里不采纳的自选图斑在审核时退回。</translation>
        </message>
    </context>
    <context>
        <name>ErrorText</name>
        <message>
            <source>File not found</source>
            <translation>找不到文件</translation>
        </message>
        <message>
            <source>Not a readable file</source>
            <translation>文件不可读取</translation>
        </message>
        <message>
            <source>Unsupported file type</source>
            <translation>不支持的文件类型</translation>
        </message>
        <message>
            <source>The file is not what its name says</source>
            <translation>文件内容与扩展名不符</translation>
        </message>
        <message>
            <source>A part of the shapefile is missing</source>
            <translation>Shapefile 缺少组成文件</translation>
        </message>
        <message>
            <source>The file is damaged or truncated</source>
            <translation>文件已损坏或不完整</translation>
        </message>
        <message>
            <source>No such layer</source>
            <translation>没有该图层</translation>
        </message>
        <message>
            <source>Several layers: choose one</source>
            <translation>文件含多个图层，请选择一个</translation>
        </message>
        <message>
            <source>The layer has no features</source>
            <translation>图层中没有要素</translation>
        </message>
        <message>
            <source>No coordinate system</source>
            <translation>缺少坐标系</translation>
        </message>
        <message>
            <source>Unusable coordinate system</source>
            <translation>坐标系不可用</translation>
        </message>
        <message>
            <source>Text encoding problem</source>
            <translation>文字编码有误</translation>
        </message>
        <message>
            <source>The project file already exists</source>
            <translation>项目文件已存在</translation>
        </message>
        <message>
            <source>Not a Gengbao project</source>
            <translation>不是耕保项目文件</translation>
        </message>
        <message>
            <source>Written by a newer Gengbao</source>
            <translation>由更新版本的耕保创建</translation>
        </message>
        <message>
            <source>Project file error</source>
            <translation>项目文件错误</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Input/output error</source>
            <translation>读写错误</translation>
        </message>
        <message>
            <source>Invalid input</source>
            <translation>输入无效</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Polygons expected</source>
            <translation>应为面图层</translation>
        </message>
        <message>
            <source>This is the open project file itself; choose the county's file</source>
            <translation>这是当前打开的项目文件本身，请选择县里下发的文件</translation>
        </message>
        <message>
            <source>Another program is changing the project; wait until it has finished, then try again</source>
            <translation>另一个程序正在修改本项目，请等它完成后再试</translation>
        </message>
        <message>
            <source>The disk is full; nothing was changed. Free some space, then try again</source>
            <translation>磁盘已满，未做任何修改。请腾出空间后再试</translation>
        </message>
        <message>
            <source>The project cannot be changed here: the file, its folder or its disk is read-only. Copy it to a folder you can write to</source>
            <translation>无法在此修改项目：文件、所在文件夹或磁盘是只读的。请把项目复制到可写的文件夹</translation>
        </message>
        <message>
            <source>The project file was deleted or replaced while it was open; nothing was written</source>
            <translation>项目文件在打开期间被删除或替换，未写入任何内容</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import Candidate Parcels</source>
            <translation>导入潜力图斑</translation>
        </message>
        <message>
            <source>Files (Shapefile, GeoPackage or GeoJSON; drop them here too):</source>
            <translation>文件（Shapefile、GeoPackage 或 GeoJSON，也可拖放到此处）：</translation>
        </message>
        <message>
            <source>&amp;Add Files...</source>
            <translation>添加文件(&amp;A)...</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Batch label:</source>
            <translation>批次名称(&amp;B)：</translation>
        </message>
        <message>
            <source>&amp;Source:</source>
            <translation>来源(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Encoding:</source>
            <translation>编码(&amp;E)：</translation>
        </message>
        <message>
            <source>First rows</source>
            <translation>前几行</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>字段</translation>
        </message>
    </context>
    <context>
        <name>ImportSummaryDialog</name>
        <message>
            <source>Import Finished</source>
            <translation>导入完成</translation>
        </message>
        <message>
            <source>Problems (double-click one to select its parcel):</source>
            <translation>问题（双击可在表中选中对应图斑）：</translation>
        </message>
    </context>
    <context>
        <name>MapPrintDialog</name>
        <message>
            <source>Print Map</source>
            <translation>打印地图</translation>
        </message>
        <message>
            <source>&amp;Map of:</source>
            <translation>制图范围(&amp;M)：</translation>
        </message>
        <message>
            <source>&amp;Colour parcels by:</source>
            <translation>图斑着色依据(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Paper:</source>
            <translation>纸张(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Orientation:</source>
            <translation>方向(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;Landscape</source>
            <translation>横向(&amp;L)</translation>
        </message>
        <message>
            <source>Por&amp;trait</source>
            <translation>纵向(&amp;T)</translation>
        </message>
        <message>
            <source>T&amp;itle:</source>
            <translation>标题(&amp;I)：</translation>
        </message>
        <message>
            <source>The town's or the village's map of the year (default)</source>
            <translation>默认为本镇或本村当年分布图</translation>
        </message>
        <message>
            <source>The sheet is printed in Chinese, with a legend, a scale bar, a north arrow and the date.</source>
            <translation>地图以中文打印，含图例、比例尺、指北针和制图日期。</translation>
        </message>
    </context>
    <context>
        <name>MapStyle</name>
        <message>
            <source>Screening</source>
            <translation>筛查结果</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Eligible</source>
            <translation>符合条件</translation>
        </message>
        <message>
            <source>Slope over the limit</source>
            <translation>坡度超限</translation>
        </message>
        <message>
            <source>Ecological red line</source>
            <translation>生态保护红线</translation>
        </message>
        <message>
            <source>In the ecological red line</source>
            <translation>位于生态保护红线内</translation>
        </message>
        <message>
            <source>In another constraint layer</source>
            <translation>位于其他管控区内</translation>
        </message>
        <message>
            <source>Slope unknown</source>
            <translation>坡度未知</translation>
        </message>
        <message>
            <source>Not screened</source>
            <translation>未筛查</translation>
        </message>
        <message>
            <source>Village proposal under review</source>
            <translation>村居自选（待审核）</translation>
        </message>
        <message>
            <source>Village proposal rejected</source>
            <translation>村居自选（未通过）</translation>
        </message>
        <message>
            <source>No village</source>
            <translation>未定村居</translation>
        </message>
        <message>
            <source>Village boundary</source>
            <translation>村界</translation>
        </message>
        <message>
            <source>%1 mu</source>
            <translation>%1亩</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1米</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1千米</translation>
        </message>
    </context>
    <context>
        <name>NewProjectDialog</name>
        <message>
            <source>New Project</source>
            <translation>新建项目</translation>
        </message>
        <message>
            <source>&amp;Town:</source>
            <translation>乡镇(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;County:</source>
            <translation>区县(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Year:</source>
            <translation>年度(&amp;Y)：</translation>
        </message>
        <message>
            <source>Restoration &amp;target (mu):</source>
            <translation>恢复补足任务（亩）(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Coordinate system (EPSG):</source>
            <translation>坐标系（EPSG）(&amp;C)：</translation>
        </message>
        <message>
            <source>From the first imported file (the nearest CGCS2000 zone)</source>
            <translation>由首次导入的文件确定（最近的 CGCS2000 分带）</translation>
        </message>
        <message>
            <source>County's &amp;parcels file:</source>
            <translation>县级下发图斑文件(&amp;P)：</translation>
        </message>
        <message>
            <source>Optional: imported right after the project is made</source>
            <translation>可选：项目建好后立即导入</translation>
        </message>
        <message>
            <source>&amp;Browse...</source>
            <translation>浏览(&amp;B)...</translation>
        </message>
    </context>
    <context>
        <name>PlanDialog</name>
        <message>
            <source>Work Plan</source>
            <translation>工作方案</translation>
        </message>
        <message>
            <source>General</source>
            <translation>常规</translation>
        </message>
        <message>
            <source>Plan &amp;title:</source>
            <translation>方案标题(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Issued by:</source>
            <translation>发文单位(&amp;I)：</translation>
        </message>
        <message>
            <source>Document &amp;date:</source>
            <translation>发文日期(&amp;D)：</translation>
        </message>
        <message>
            <source>Restoration &amp;target (mu):</source>
            <translation>恢复补足任务（亩）(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Annex title:</source>
            <translation>附表标题(&amp;A)：</translation>
        </message>
        <message>
            <source>Phases and Deadlines</source>
            <translation>阶段与期限</translation>
        </message>
        <message>
            <source>Phases:</source>
            <translation>工作阶段：</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>添加(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>Deadlines (parcels must have reached the stage by the date):</source>
            <translation>完成期限（图斑须在该日期前达到该阶段）：</translation>
        </message>
        <message>
            <source>Rules</source>
            <translation>规则</translation>
        </message>
        <message>
            <source>Maximum &amp;slope:</source>
            <translation>坡度上限(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Terraces:</source>
            <translation>梯田(&amp;T)：</translation>
        </message>
        <message>
            <source>Terraces may be steeper than the limit</source>
            <translation>梯田可超过坡度上限</translation>
        </message>
        <message>
            <source>Overlap &amp;tolerance (m²):</source>
            <translation>重叠容差（平方米）(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Subsidy (yuan per mu):</source>
            <translation>补助标准（元/亩）(&amp;S)：</translation>
        </message>
        <message>
            <source>Subsidy &amp;paid on:</source>
            <translation>补助面积依据(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Completion reward (yuan per mu):</source>
            <translation>完成任务奖励（元/亩）(&amp;C)：</translation>
        </message>
        <message>
            <source>Completion reward &amp;on:</source>
            <translation>完成奖励依据(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;Excess reward (yuan per mu):</source>
            <translation>超额奖励（元/亩）(&amp;E)：</translation>
        </message>
        <message>
            <source>Area counted toward the &amp;task:</source>
            <translation>计入任务的面积(&amp;T)：</translation>
        </message>
        <message>
            <source>Indicators</source>
            <translation>指标</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>ReferenceLayerDialog</name>
        <message>
            <source>Import Reference Layer</source>
            <translation>导入参考图层</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>文件(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Browse...</source>
            <translation>浏览(&amp;B)...</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>类型(&amp;K)：</translation>
        </message>
        <message>
            <source>&amp;Constraint:</source>
            <translation>管控类型(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <source>The file's name</source>
            <translation>默认为文件名</translation>
        </message>
        <message>
            <source>Village &amp;name field:</source>
            <translation>村名字段(&amp;N)：</translation>
        </message>
        <message>
            <source>Found in the file when left empty</source>
            <translation>留空时自动识别</translation>
        </message>
        <message>
            <source>The layer is kept in the project and drawn on the map; it replaces an earlier layer of the same kind. It does not change any verdict: screen again to apply a new constraint layer.</source>
            <translation>图层保存在项目中并显示在地图上，替换先前同类图层。导入不改变筛查结果：新的管控图层须重新筛查才生效。</translation>
        </message>
    </context>
    <context>
        <name>ScreeningDialog</name>
        <message>
            <source>Screen the Parcels</source>
            <translation>筛查图斑</translation>
        </message>
        <message>
            <source>Slope</source>
            <translation>坡度</translation>
        </message>
        <message>
            <source>&amp;DEM (optional):</source>
            <translation>高程模型 DEM（可选）(&amp;D)：</translation>
        </message>
        <message>
            <source>Browse...</source>
            <translation>浏览...</translation>
        </message>
        <message>
            <source>Slope &amp;limit (°):</source>
            <translation>坡度上限（°）(&amp;L)：</translation>
        </message>
        <message>
            <source>Terraces (GDLX = TT) above the limit stay eligible</source>
            <translation>超过上限的梯田（GDLX = TT）仍可恢复</translation>
        </message>
        <message>
            <source>Constraint layers</source>
            <translation>管控图层</translation>
        </message>
        <message>
            <source>&amp;Add Layer...</source>
            <translation>添加图层(&amp;A)...</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>Overlap &amp;tolerance (m²):</source>
            <translation>重叠容差（平方米）(&amp;T)：</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>语言(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Text font (仿宋):</source>
            <translation>正文字体（仿宋）(&amp;T)：</translation>
        </message>
        <message>
            <source>T&amp;itle font (小标宋):</source>
            <translation>标题字体（小标宋）(&amp;I)：</translation>
        </message>
        <message>
            <source>&amp;Heading font (黑体):</source>
            <translation>附件标识字体（黑体）(&amp;H)：</translation>
        </message>
        <message>
            <source>Fonts a computer lacks fall back to Noto Serif CJK SC and Noto Sans CJK SC. A new language shows at the next start.</source>
            <translation>电脑上没有的字体以思源宋体、思源黑体（Noto CJK）代替。更改语言后下次启动生效。</translation>
        </message>
    </context>
    <context>
        <name>Vocabulary</name>
        <message>
            <source>Candidate</source>
            <translation>备选</translation>
        </message>
        <message>
            <source>Selected</source>
            <translation>已选定</translation>
        </message>
        <message>
            <source>Restoring</source>
            <translation>恢复中</translation>
        </message>
        <message>
            <source>Planted</source>
            <translation>已种植</translation>
        </message>
        <message>
            <source>Evidence submitted</source>
            <translation>已举证</translation>
        </message>
        <message>
            <source>Verified by the town</source>
            <translation>镇已核实</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>已通过审核</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>已退回</translation>
        </message>
        <message>
            <source>Withdrawn</source>
            <translation>已撤回</translation>
        </message>
        <message>
            <source>Proposed by the village</source>
            <translation>村居已提出</translation>
        </message>
        <message>
            <source>Reviewed by the town</source>
            <translation>镇已审核</translation>
        </message>
        <message>
            <source>Proposal approved by the county</source>
            <translation>县已批准自选图斑</translation>
        </message>
        <message>
            <source>Proposal rejected</source>
            <translation>自选图斑未通过</translation>
        </message>
        <message>
            <source>Import parcels</source>
            <translation>导入图斑</translation>
        </message>
        <message>
            <source>Screen parcels</source>
            <translation>筛查图斑</translation>
        </message>
        <message>
            <source>Move to stage</source>
            <translation>推进阶段</translation>
        </message>
        <message>
            <source>Move parcels to a stage</source>
            <translation>批量推进阶段</translation>
        </message>
        <message>
            <source>Review a village proposal</source>
            <translation>审核自选图斑</translation>
        </message>
        <message>
            <source>Review village proposals</source>
            <translation>批量审核自选图斑</translation>
        </message>
        <message>
            <source>Change tasks</source>
            <translation>修改任务</translation>
        </message>
        <message>
            <source>Change the work plan</source>
            <translation>修改工作方案</translation>
        </message>
        <message>
            <source>Add a reference layer</source>
            <translation>添加参考图层</translation>
        </message>
        <message>
            <source>Draw a village proposal</source>
            <translation>绘制村居自选图斑</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>重做</translation>
        </message>
        <message>
            <source>Parcel %1</source>
            <translation>图斑 %1</translation>
        </message>
        <message>
            <source>Village %1</source>
            <translation>村居 %1</translation>
        </message>
        <message>
            <source>Import batch %1</source>
            <translation>导入批次 %1</translation>
        </message>
        <message>
            <source>Screening run %1</source>
            <translation>第 %1 次筛查</translation>
        </message>
        <message>
            <source>Work plan %1</source>
            <translation>工作方案 %1</translation>
        </message>
        <message>
            <source>Reference layer %1</source>
            <translation>参考图层 %1</translation>
        </message>
        <message>
            <source>Village tasks of program %1</source>
            <translation>第 %1 项工作的村居任务</translation>
        </message>
        <message numerus="yes">
            <source>%n parcels</source>
            <translation>
                <numerusform>%n 个图斑</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::AdvanceDialog</name>
        <message numerus="yes">
            <source>%n selected parcel(s) take this step.</source>
            <translation>
                <numerusform>所选 %n 个图斑将推进到此阶段。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::AllocationDialog</name>
        <message>
            <source>In proportion to eligible potential</source>
            <translation>按符合条件的潜力比例</translation>
        </message>
        <message>
            <source>A floor per village, the rest by potential</source>
            <translation>每村保底，其余按潜力比例</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Potential (mu)</source>
            <translation>潜力图斑面积（亩）</translation>
        </message>
        <message>
            <source>Proposed task (mu)</source>
            <translation>拟分配任务（亩）</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::DrawnParcelDialog</name>
        <message>
            <source>A parcel of %1 vertices, about %2 mu.</source>
            <translation>图斑共 %1 个拐点，约 %2 亩。</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ImportDialog</name>
        <message>
            <source>Issued by the county (潜力图斑)</source>
            <translation>县级下发（潜力图斑）</translation>
        </message>
        <message>
            <source>Proposed by a village (村居自选)</source>
            <translation>村居自选图斑</translation>
        </message>
        <message>
            <source>Detect</source>
            <translation>自动识别</translation>
        </message>
        <message>
            <source>The file name</source>
            <translation>文件名</translation>
        </message>
        <message>
            <source>Choose Parcel Files</source>
            <translation>选择图斑文件</translation>
        </message>
        <message>
            <source>Parcel layers (*.shp *.gpkg *.geojson *.json)</source>
            <translation>图斑图层 (*.shp *.gpkg *.geojson *.json)</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>Read from</source>
            <translation>读取自</translation>
        </message>
        <message>
            <source>Layer %1: %2 features; encoding %3 (%4); coordinate system %5.</source>
            <translation>图层 %1：%2 个要素；编码 %3（%4）；坐标系 %5。</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::MainWindow</name>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Open Project...</source>
            <translation>打开项目(&amp;O)...</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>Open Project</source>
            <translation>打开项目</translation>
        </message>
        <message>
            <source>Gengbao projects (*.gpkg)</source>
            <translation>耕保项目 (*.gpkg)</translation>
        </message>
        <message>
            <source>Cannot open project</source>
            <translation>无法打开项目</translation>
        </message>
        <message>
            <source>Gengbao</source>
            <translation>耕保</translation>
        </message>
        <message>
            <source>%1 %2 - %3 - Gengbao</source>
            <translation>%1 %2年 - %3 - 耕保</translation>
        </message>
        <message>
            <source>Open a project with File &gt; Open Project.</source>
            <translation>请从“文件 &gt; 打开项目”打开一个项目。</translation>
        </message>
        <message>
            <source>Parcels: %1, gross area %2 mu; town target %3 mu</source>
            <translation>共 %1 个图斑，毛面积 %2 亩；全镇任务 %3 亩</translation>
        </message>
        <message>
            <source>; eligible: %1 parcels, %2 mu</source>
            <translation>；符合条件 %1 个，%2 亩</translation>
        </message>
        <message>
            <source>&amp;Print Task Annex...</source>
            <translation>打印任务分解表(&amp;P)...</translation>
        </message>
        <message>
            <source>Export Task Annex as &amp;PDF...</source>
            <translation>导出任务分解表为 PDF(&amp;D)...</translation>
        </message>
        <message>
            <source>Cannot print the annex</source>
            <translation>无法打印任务分解表</translation>
        </message>
        <message>
            <source>Export Task Annex as PDF</source>
            <translation>导出任务分解表为 PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Parcels</source>
            <translation>图斑(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Move to Stage...</source>
            <translation>推进阶段(&amp;M)...</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>Cannot undo</source>
            <translation>无法撤销</translation>
        </message>
        <message>
            <source>All villages</source>
            <translation>全部村居</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>筛选</translation>
        </message>
        <message>
            <source>All stages</source>
            <translation>全部阶段</translation>
        </message>
        <message>
            <source>Any verdict</source>
            <translation>全部筛查结果</translation>
        </message>
        <message>
            <source>Eligible</source>
            <translation>符合条件</translation>
        </message>
        <message>
            <source>Excluded</source>
            <translation>已排除</translation>
        </message>
        <message>
            <source>Not screened</source>
            <translation>未筛查</translation>
        </message>
        <message>
            <source>Search id, village, land class, batch</source>
            <translation>搜索标识码、村居、地类、批次</translation>
        </message>
        <message>
            <source>Audit Log</source>
            <translation>操作日志</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>User</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Of</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Some parcels did not move</source>
            <translation>部分图斑未能推进</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>图斑</translation>
        </message>
        <message>
            <source>Village Tasks</source>
            <translation>村居任务</translation>
        </message>
        <message>
            <source>Payouts</source>
            <translation>奖补资金</translation>
        </message>
        <message>
            <source>Parcel Details</source>
            <translation>图斑详情</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <source>&amp;Import Parcels...</source>
            <translation>导入图斑(&amp;I)...</translation>
        </message>
        <message>
            <source>&amp;Screen Parcels...</source>
            <translation>筛查图斑(&amp;S)...</translation>
        </message>
        <message>
            <source>Importing parcels...</source>
            <translation>正在导入图斑……</translation>
        </message>
        <message>
            <source>%1: %2 read, %3 imported, %4 repaired, %5 duplicates, %6 rejected</source>
            <translation>%1：读取 %2，导入 %3，修复 %4，重复 %5，拒绝 %6</translation>
        </message>
        <message>
            <source>Import failed</source>
            <translation>导入失败</translation>
        </message>
        <message>
            <source>Screening parcels...</source>
            <translation>正在筛查图斑……</translation>
        </message>
        <message>
            <source>%1 parcels screened, %2 eligible.</source>
            <translation>共筛查 %1 个图斑，符合条件 %2 个。</translation>
        </message>
        <message>
            <source>Excluded for %1: %2</source>
            <translation>因“%1”排除：%2</translation>
        </message>
        <message>
            <source>Flagged %1: %2</source>
            <translation>标记“%1”：%2</translation>
        </message>
        <message>
            <source>Screening finished</source>
            <translation>筛查完成</translation>
        </message>
        <message>
            <source>Screening failed</source>
            <translation>筛查失败</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Settings...</source>
            <translation>设置(&amp;S)...</translation>
        </message>
        <message>
            <source>&amp;New Project...</source>
            <translation>新建项目(&amp;N)...</translation>
        </message>
        <message>
            <source>New Project</source>
            <translation>新建项目</translation>
        </message>
        <message>
            <source>Cannot create the project</source>
            <translation>无法创建项目</translation>
        </message>
        <message>
            <source>Any reason</source>
            <translation>全部排除原因</translation>
        </message>
        <message>
            <source>All batches</source>
            <translation>全部批次</translation>
        </message>
        <message>
            <source>County and village</source>
            <translation>县级下发和村居自选</translation>
        </message>
        <message>
            <source>Issued by the county</source>
            <translation>县级下发</translation>
        </message>
        <message>
            <source>Proposed by villages</source>
            <translation>村居自选</translation>
        </message>
        <message>
            <source>Work &amp;Plan...</source>
            <translation>工作方案(&amp;P)...</translation>
        </message>
        <message>
            <source>Cannot save the plan</source>
            <translation>无法保存工作方案</translation>
        </message>
        <message>
            <source>Map</source>
            <translation>地图</translation>
        </message>
        <message>
            <source>Show on the &amp;Map</source>
            <translation>在地图上显示(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Map</source>
            <translation>地图(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Layers</source>
            <translation>图层(&amp;L)</translation>
        </message>
        <message>
            <source>Save a &amp;Copy As...</source>
            <translation>另存副本(&amp;C)...</translation>
        </message>
        <message>
            <source>-copy</source>
            <translation>-副本</translation>
        </message>
        <message>
            <source>Save a Copy of the Project</source>
            <translation>另存项目副本</translation>
        </message>
        <message>
            <source>Cannot save the copy</source>
            <translation>无法保存副本</translation>
        </message>
        <message>
            <source>Saved a copy as %1</source>
            <translation>已另存副本：%1</translation>
        </message>
        <message>
            <source>The project file is gone: changes are no longer saved.</source>
            <translation>项目文件已不在原处：修改不再保存。</translation>
        </message>
        <message>
            <source>The project file is gone</source>
            <translation>项目文件已不在原处</translation>
        </message>
        <message>
            <source>The file %1 was deleted, moved or replaced by another file while it was open. To keep any change from landing where nobody will find it, nothing more is saved to it.

Everything the window holds can still be saved as a new project file.</source>
            <translation>项目文件 %1 在打开期间被删除、移走或被另一个文件替换。为免修改写到无人能找到的地方，此后不再向它保存任何内容。

窗口中的全部内容仍可另存为一个新的项目文件。</translation>
        </message>
        <message>
            <source>Save as a New File...</source>
            <translation>另存为新文件...</translation>
        </message>
        <message>
            <source>Not Now</source>
            <translation>暂不</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::MapDataLoader</name>
        <message>
            <source>The map could not be loaded.</source>
            <translation>无法加载地图。</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::MapPrintDialog</name>
        <message>
            <source>The whole town</source>
            <translation>全镇</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation>筛查结果</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::MapView</name>
        <message>
            <source>Open a project to see its parcels on the map.</source>
            <translation>打开项目后，图斑显示在地图上。</translation>
        </message>
        <message>
            <source>Colour by:</source>
            <translation>着色依据：</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation>筛查结果</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Select</source>
            <translation>选择</translation>
        </message>
        <message>
            <source>Click selects a parcel, Shift+click adds or removes one, drag moves the map, Shift+drag selects a rectangle</source>
            <translation>单击选择图斑，Shift+单击增减图斑，拖动平移地图，Shift+拖动框选</translation>
        </message>
        <message>
            <source>Rectangle</source>
            <translation>框选</translation>
        </message>
        <message>
            <source>Drag a rectangle to add its parcels</source>
            <translation>拖出矩形，将其中的图斑加入选择</translation>
        </message>
        <message>
            <source>Draw Proposal</source>
            <translation>绘制自选图斑</translation>
        </message>
        <message>
            <source>Click the corners of a new parcel (they snap to nearby parcel corners); double-click or Enter closes it, Esc cancels</source>
            <translation>依次单击新图斑的拐点（自动吸附到邻近图斑拐点）；双击或回车结束，Esc 取消</translation>
        </message>
        <message>
            <source>Zoom In</source>
            <translation>放大</translation>
        </message>
        <message>
            <source>Zoom Out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <source>Full Extent</source>
            <translation>全图</translation>
        </message>
        <message>
            <source>Zoom to Selection</source>
            <translation>缩放到所选</translation>
        </message>
        <message>
            <source>Zoom to a village</source>
            <translation>缩放到村居</translation>
        </message>
        <message>
            <source>Whole town</source>
            <translation>全镇</translation>
        </message>
        <message>
            <source>Import &amp;Reference Layer...</source>
            <translation>导入参考图层(&amp;R)...</translation>
        </message>
        <message>
            <source>&amp;Print Map...</source>
            <translation>打印地图(&amp;P)...</translation>
        </message>
        <message>
            <source>Export Map Sheet as P&amp;DF...</source>
            <translation>导出地图为 PDF(&amp;D)...</translation>
        </message>
        <message>
            <source>Export View as P&amp;NG...</source>
            <translation>导出当前视图为 PNG(&amp;N)...</translation>
        </message>
        <message>
            <source>Print and Export</source>
            <translation>打印与导出</translation>
        </message>
        <message>
            <source>Loading the map...</source>
            <translation>正在加载地图...</translation>
        </message>
        <message>
            <source>The map does not match the parcel table; open the project again.</source>
            <translation>地图与图斑表不一致，请重新打开项目。</translation>
        </message>
        <message>
            <source>The project has no parcels yet: import them first.</source>
            <translation>项目中还没有图斑，请先导入。</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>No hillshade: %1</source>
            <translation>无高程晕渲：%1</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) selected</source>
            <translation>
                <numerusform>已选 %n 个图斑</numerusform>
            </translation>
        </message>
        <message>
            <source>Scale 1:%1</source>
            <translation>比例尺 1:%1</translation>
        </message>
        <message>
            <source>Drawn in %1 ms</source>
            <translation>绘制用时 %1 毫秒</translation>
        </message>
        <message>
            <source>Gross area (mu)</source>
            <translation>毛面积（亩）</translation>
        </message>
        <message>
            <source>Cannot add the drawn parcel</source>
            <translation>无法添加绘制的图斑</translation>
        </message>
        <message>
            <source>It was not screened: %1.</source>
            <translation>未筛查：%1。</translation>
        </message>
        <message>
            <source>Screening: eligible.</source>
            <translation>筛查结果：符合条件。</translation>
        </message>
        <message>
            <source>Screening: excluded (%1).</source>
            <translation>筛查结果：排除（%1）。</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>For review: %1.</source>
            <translation>待核查：%1。</translation>
        </message>
        <message>
            <source>Drawn parcel proposed</source>
            <translation>已提出自选图斑</translation>
        </message>
        <message>
            <source>Parcel %1 (%2 mu) was added as a proposal of %3.</source>
            <translation>图斑 %1（%2 亩）已作为%3的自选图斑添加。</translation>
        </message>
        <message>
            <source>Importing the reference layer...</source>
            <translation>正在导入参考图层...</translation>
        </message>
        <message>
            <source>Cannot import the layer</source>
            <translation>无法导入图层</translation>
        </message>
        <message numerus="yes">
            <source>%1 kept as %2: %n feature(s).</source>
            <translation>
                <numerusform>%1 已保存为“%2”：%n 个要素。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n feature(s) repaired or skipped.</source>
            <translation>
                <numerusform>%n 个要素经修复或被跳过。</numerusform>
            </translation>
        </message>
        <message>
            <source>Reference layer imported</source>
            <translation>参考图层已导入</translation>
        </message>
        <message>
            <source>The map is still loading; try again shortly.</source>
            <translation>地图仍在加载，请稍后再试。</translation>
        </message>
        <message>
            <source>Cannot print the map</source>
            <translation>无法打印地图</translation>
        </message>
        <message>
            <source>Print Map</source>
            <translation>打印地图</translation>
        </message>
        <message>
            <source>Export Map Sheet as PDF</source>
            <translation>导出地图为 PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Export View as PNG</source>
            <translation>导出当前视图为 PNG</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>Cannot export the map</source>
            <translation>无法导出地图</translation>
        </message>
        <message>
            <source>%1 cannot be written.</source>
            <translation>无法写入 %1。</translation>
        </message>
        <message>
            <source>Hillshade</source>
            <translation>高程晕渲</translation>
        </message>
        <message>
            <source>Hillshade of the DEM of the latest screening</source>
            <translation>最近一次筛查所用高程模型的晕渲</translation>
        </message>
        <message>
            <source>Reference layers</source>
            <translation>参考图层</translation>
        </message>
        <message>
            <source>The red line, other constraint layers and village boundaries</source>
            <translation>生态保护红线、其他管控图层和村界</translation>
        </message>
        <message>
            <source>Parcel labels</source>
            <translation>图斑标注</translation>
        </message>
        <message>
            <source>TBBH or id and area, when zoomed in</source>
            <translation>放大后显示图斑编号（或标识码）和面积</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::NewProjectDialog</name>
        <message>
            <source>The town's name is needed.</source>
            <translation>请填写乡镇名称。</translation>
        </message>
        <message>
            <source>The coordinate system must be a projected EPSG code in metres, such as EPSG:4545.</source>
            <translation>坐标系须为以米为单位的投影坐标系 EPSG 代码，例如 EPSG:4545。</translation>
        </message>
        <message>
            <source>The County's Parcels</source>
            <translation>县级下发的潜力图斑</translation>
        </message>
        <message>
            <source>Parcels (*.shp *.gpkg *.geojson *.json)</source>
            <translation>图斑文件 (*.shp *.gpkg *.geojson *.json)</translation>
        </message>
        <message>
            <source>Proposed from the file: the CGCS2000 3-degree zone nearest the parcels.</source>
            <translation>按文件推荐：离图斑最近的 CGCS2000 三度带。</translation>
        </message>
        <message>
            <source>%1 does not exist.</source>
            <translation>%1 不存在。</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ParcelDetails</name>
        <message>
            <source>Select a parcel to see its details.</source>
            <translation>选择一个图斑查看详情。</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Land class</source>
            <translation>地类</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>TBMJ (m²)</source>
            <translation>图斑面积 TBMJ（平方米）</translation>
        </message>
        <message>
            <source>Computed area (m²)</source>
            <translation>计算面积（平方米）</translation>
        </message>
        <message>
            <source>Gross area (mu)</source>
            <translation>毛面积（亩）</translation>
        </message>
        <message>
            <source>Net area (mu)</source>
            <translation>净面积（亩）</translation>
        </message>
        <message>
            <source>Accepted net area (mu)</source>
            <translation>核定净面积（亩）</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation>筛查结果</translation>
        </message>
        <message>
            <source>Slope (°)</source>
            <translation>坡度（°）</translation>
        </message>
        <message>
            <source>Red line overlap (m²)</source>
            <translation>与生态保护红线重叠（平方米）</translation>
        </message>
        <message>
            <source>Eligible remainder (m²)</source>
            <translation>可恢复剩余部分（平方米）</translation>
        </message>
        <message>
            <source>For review</source>
            <translation>待核查</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Stage history</source>
            <translation>阶段记录</translation>
        </message>
        <message>
            <source>Proposal: %1</source>
            <translation>自选图斑审核：%1</translation>
        </message>
        <message>
            <source>Attributes of the county's file</source>
            <translation>县级下发文件中的属性</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ParcelTableModel</name>
        <message>
            <source>Parcel ID</source>
            <translation>图斑标识码</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Land class</source>
            <translation>地类</translation>
        </message>
        <message>
            <source>Gross area (mu)</source>
            <translation>毛面积（亩）</translation>
        </message>
        <message>
            <source>Net area (mu)</source>
            <translation>净面积（亩）</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>批次</translation>
        </message>
        <message>
            <source>Slope over the limit</source>
            <translation>坡度超限</translation>
        </message>
        <message>
            <source>Ecological red line</source>
            <translation>生态保护红线</translation>
        </message>
        <message>
            <source>Slope unknown</source>
            <translation>坡度未知</translation>
        </message>
        <message>
            <source>Overlap not computable</source>
            <translation>叠加面积无法计算</translation>
        </message>
        <message>
            <source>DEM and slope grade disagree</source>
            <translation>高程模型与坡度级别不一致</translation>
        </message>
        <message>
            <source>DEM covers part only</source>
            <translation>高程模型仅覆盖部分</translation>
        </message>
        <message>
            <source>Terrace over the limit</source>
            <translation>超限梯田</translation>
        </message>
        <message>
            <source>Not screened</source>
            <translation>未筛查</translation>
        </message>
        <message>
            <source>Eligible</source>
            <translation>符合条件</translation>
        </message>
        <message>
            <source>Excluded: %1</source>
            <translation>排除：%1</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Slope (°)</source>
            <translation>坡度（°）</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation>筛查结果</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::PayoutsView</name>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Task (mu)</source>
            <translation>任务数（亩）</translation>
        </message>
        <message>
            <source>Approved (mu)</source>
            <translation>已通过（亩）</translation>
        </message>
        <message>
            <source>Subsidy (yuan)</source>
            <translation>补助（元）</translation>
        </message>
        <message>
            <source>Reward (yuan)</source>
            <translation>奖励（元）</translation>
        </message>
        <message>
            <source>Total (yuan)</source>
            <translation>合计（元）</translation>
        </message>
        <message>
            <source>Task met</source>
            <translation>完成任务</translation>
        </message>
        <message>
            <source>Parcel ID</source>
            <translation>图斑标识码</translation>
        </message>
        <message>
            <source>Net area (mu)</source>
            <translation>净面积（亩）</translation>
        </message>
        <message>
            <source>Rate (yuan/mu)</source>
            <translation>标准（元/亩）</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>金额（元）</translation>
        </message>
        <message>
            <source>Print Pre&amp;view...</source>
            <translation>打印预览(&amp;V)...</translation>
        </message>
        <message>
            <source>Export &amp;PDF...</source>
            <translation>导出 PDF(&amp;P)...</translation>
        </message>
        <message>
            <source>&amp;Export XLSX...</source>
            <translation>导出 XLSX(&amp;E)...</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Total: %1 yuan (%2)</source>
            <translation>合计：%1 元（大写：%2）</translation>
        </message>
        <message>
            <source>Export the Statement as PDF</source>
            <translation>导出奖补明细为 PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>无法导出</translation>
        </message>
        <message>
            <source>Export the Statement as XLSX</source>
            <translation>导出奖补明细为 XLSX</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::PlanDialog</name>
        <message>
            <source>Phase</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Starts (YYYY-MM-DD)</source>
            <translation>开始（年-月-日）</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Due (YYYY-MM-DD)</source>
            <translation>期限（年-月-日）</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Indicator</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Comparison</source>
            <translation>比较</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Net area</source>
            <translation>净面积</translation>
        </message>
        <message>
            <source>Gross area</source>
            <translation>毛面积</translation>
        </message>
        <message>
            <source>The task</source>
            <translation>任务面积</translation>
        </message>
        <message>
            <source>The completed area</source>
            <translation>完成面积</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ProgressView</name>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Task (mu)</source>
            <translation>任务数（亩）</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>已通过审核</translation>
        </message>
        <message>
            <source>Approved share of the task</source>
            <translation>通过面积占任务</translation>
        </message>
        <message>
            <source>Overdue parcels</source>
            <translation>逾期图斑</translation>
        </message>
        <message>
            <source>As of %1 (net areas in mu; the accepted area once approved).</source>
            <translation>截至 %1（净面积，单位亩；通过审核后按核定面积）。</translation>
        </message>
        <message>
            <source>selection short by %1 mu</source>
            <translation>选址缺 %1 亩</translation>
        </message>
        <message>
            <source>Approved net area against the target</source>
            <translation>已通过审核的净面积与任务</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Approval deadline</source>
            <translation>审核截止日</translation>
        </message>
        <message>
            <source>mu</source>
            <translation>亩</translation>
        </message>
        <message numerus="yes">
            <source>%n late for %1</source>
            <translation>
                <numerusform>%1逾期 %n 个</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ProjectSession</name>
        <message>
            <source>Move %1 to %2</source>
            <translation>将 %1 推进到“%2”</translation>
        </message>
        <message numerus="yes">
            <source>Move %n parcels to %1</source>
            <translation>
                <numerusform>将 %n 个图斑推进到“%1”</numerusform>
            </translation>
        </message>
        <message>
            <source>Set the task of %1</source>
            <translation>设置 %1 的任务</translation>
        </message>
        <message>
            <source>Set the remarks of %1</source>
            <translation>设置 %1 的备注</translation>
        </message>
        <message>
            <source>Allocate the target in proportion to potential</source>
            <translation>按潜力比例分配任务</translation>
        </message>
        <message>
            <source>Allocate the target with a floor per village</source>
            <translation>按保底加比例分配任务</translation>
        </message>
        <message>
            <source>Read the tasks from %1</source>
            <translation>从 %1 读入任务</translation>
        </message>
        <message>
            <source>Edit the work plan</source>
            <translation>修改工作方案</translation>
        </message>
        <message>
            <source>No project is open.</source>
            <translation>没有打开的项目。</translation>
        </message>
        <message>
            <source>Adding the drawn parcel...</source>
            <translation>正在添加绘制的图斑...</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ReferenceLayerDialog</name>
        <message>
            <source>Village boundaries</source>
            <translation>村界</translation>
        </message>
        <message>
            <source>Ecological red line</source>
            <translation>生态保护红线</translation>
        </message>
        <message>
            <source>Other constraint layer</source>
            <translation>其他管控图层</translation>
        </message>
        <message>
            <source>Choose a Reference Layer</source>
            <translation>选择参考图层</translation>
        </message>
        <message>
            <source>Polygon layers (*.shp *.gpkg *.geojson *.json);;All files (*)</source>
            <translation>面图层 (*.shp *.gpkg *.geojson *.json);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Import Reference Layer</source>
            <translation>导入参考图层</translation>
        </message>
        <message>
            <source>Choose the file of the layer.</source>
            <translation>请选择图层文件。</translation>
        </message>
        <message>
            <source>Say what kind of constraint the layer is.</source>
            <translation>请填写图层的管控类型。</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::ScreeningDialog</name>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>处理</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Exclude</source>
            <translation>排除</translation>
        </message>
        <message>
            <source>Flag only</source>
            <translation>仅标记</translation>
        </message>
        <message>
            <source>Choose the DEM</source>
            <translation>选择高程模型</translation>
        </message>
        <message>
            <source>Rasters (*.tif *.tiff *.img *.vrt);;All files (*)</source>
            <translation>栅格 (*.tif *.tiff *.img *.vrt);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Choose a Constraint Layer</source>
            <translation>选择管控图层</translation>
        </message>
        <message>
            <source>Polygon layers (*.shp *.gpkg *.geojson *.json)</source>
            <translation>面图层 (*.shp *.gpkg *.geojson *.json)</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::TaskTableModel</name>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>The task is %1 mu above the village's eligible potential: the village must add parcels of its own.</source>
            <translation>任务比本村符合条件的潜力多 %1 亩：需由村居自选图斑补足。</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村居</translation>
        </message>
        <message>
            <source>Potential (mu)</source>
            <translation>潜力图斑面积（亩）</translation>
        </message>
        <message>
            <source>Task (mu)</source>
            <translation>任务数（亩）</translation>
        </message>
        <message>
            <source>Shortfall (mu)</source>
            <translation>潜力缺口（亩）</translation>
        </message>
        <message>
            <source>Selected (mu)</source>
            <translation>已选定（亩）</translation>
        </message>
        <message>
            <source>Approved (mu)</source>
            <translation>已通过（亩）</translation>
        </message>
        <message>
            <source>Remarks</source>
            <translation>备注</translation>
        </message>
    </context>
    <context>
        <name>gengbao::app::VillageTasksView</name>
        <message>
            <source>Cannot set the task</source>
            <translation>无法设置任务</translation>
        </message>
        <message>
            <source>&amp;Allocate...</source>
            <translation>分配任务(&amp;A)...</translation>
        </message>
        <message>
            <source>Print Pre&amp;view...</source>
            <translation>打印预览(&amp;V)...</translation>
        </message>
        <message>
            <source>&amp;Export XLSX...</source>
            <translation>导出 XLSX(&amp;E)...</translation>
        </message>
        <message>
            <source>&amp;Import XLSX...</source>
            <translation>读入 XLSX(&amp;I)...</translation>
        </message>
        <message>
            <source>Town target %1 mu; tasks %2 mu; eligible potential %3 mu.</source>
            <translation>全镇任务 %1 亩；已分配 %2 亩；符合条件的潜力 %3 亩。</translation>
        </message>
        <message>
            <source>The tasks exceed the target by %1 mu.</source>
            <translation>已分配任务比全镇任务多 %1 亩。</translation>
        </message>
        <message>
            <source>The tasks fall short of the target by %1 mu.</source>
            <translation>已分配任务比全镇任务少 %1 亩。</translation>
        </message>
        <message>
            <source>Cannot allocate</source>
            <translation>无法分配</translation>
        </message>
        <message>
            <source>Export the Task Table</source>
            <translation>导出任务分解表</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>无法导出</translation>
        </message>
        <message>
            <source>Read Edited Tasks</source>
            <translation>读入修改后的任务</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.ods *.csv)</source>
            <translation>电子表格 (*.xlsx *.ods *.csv)</translation>
        </message>
        <message>
            <source>Cannot read the tasks</source>
            <translation>无法读入任务</translation>
        </message>
    </context>
</TS>
