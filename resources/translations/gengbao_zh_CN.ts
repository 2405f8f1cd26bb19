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
    </context>
    <context>
        <name>gengbao::app::ParcelTableModel</name>
        <message>
            <source>Candidate</source>
            <translation>备选</translation>
        </message>
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
    </context>
</TS>
