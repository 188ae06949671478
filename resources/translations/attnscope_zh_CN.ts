<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.ui" line="+6" />
        <source>AttentionScope</source>
        <translation>AttentionScope 注意力观察器</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Colour map</source>
        <translation>配色方案(&amp;C)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Export view…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save the current view as PNG, SVG or PDF, exactly as shown</source>
        <translation>将当前视图按原样保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;About AttentionScope</source>
        <translation>关于 AttentionScope(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ScoresPanel</name>
    <message>
        <location filename="../../ui/scorespanel.ui" line="+8" />
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Query q:</source>
        <translation>查询向量 q(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Comma-separated numbers, e.g. 1, 0</source>
        <translation>用逗号分隔的数字，例如 1, 0</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Keys (one per line):</source>
        <translation>键向量（每行一个）(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>One key per line, comma-separated numbers; the keys are also the values</source>
        <translation>每行一个键向量，数字用逗号分隔；键同时作为值使用</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Normaliser:</source>
        <translation>归一化方式(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Local &amp;window D:</source>
        <translation>局部窗口半宽 D(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Local &amp;centre p:</source>
        <translation>局部窗口中心 p(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Seed (W, U, v; sampling):</source>
        <translation>随机种子（W、U、v；采样）(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>attn::ColorMap</name>
    <message>
        <location filename="../../src/views/colormaps.cpp" line="+55" />
        <source>Viridis (perceptually uniform)</source>
        <translation>Viridis（感知均匀）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Magma (perceptually uniform)</source>
        <translation>Magma（感知均匀）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Blues</source>
        <translation>蓝色系</translation>
    </message>
</context>
<context>
    <name>attn::Exporter</name>
    <message>
        <location filename="../../src/views/exporter.cpp" line="+20" />
        <source>%1: unknown export format (use .png, .svg or .pdf)</source>
        <translation>%1：未知的导出格式（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <location line="+59" />
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>attn::HeatmapView</name>
    <message>
        <location filename="../../src/views/heatmapview.cpp" line="+91" />
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location filename="../../src/views/scoresheatmap.cpp" line="+36" />
        <source>scoring function</source>
        <translation>打分函数</translation>
    </message>
    <message>
        <location line="+0" />
        <source>key</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attn::Language</name>
    <message>
        <location filename="../../src/app/gui/language.cpp" line="+47" />
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The language changes the next time AttentionScope starts.</source>
        <translation>界面语言将在下次启动 AttentionScope 时生效。</translation>
    </message>
</context>
<context>
    <name>attn::MainWindow</name>
    <message>
        <location filename="../../src/app/gui/mainwindow.cpp" line="+45" />
        <source>About AttentionScope</source>
        <translation>关于 AttentionScope</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&lt;b&gt;AttentionScope %1&lt;/b&gt;&lt;p&gt;See where neural networks attend: heatmaps for every layer and head, token-to-token lines, image overlays, and the scoring functions of attention side by side.&lt;/p&gt;</source>
        <translation>&lt;b&gt;AttentionScope %1&lt;/b&gt;&lt;p&gt;观察神经网络关注哪里：每一层、每个注意力头的热力图，词与词之间的连线，图像上的注意力叠加，以及各种注意力打分函数的并排比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+66" />
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>attn::ScoresPanel</name>
    <message>
        <location filename="../../src/app/gui/scorespanel.cpp" line="+23" />
        <source>Soft (softmax)</source>
        <translation>软注意力（softmax）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hard (argmax)</source>
        <translation>硬注意力（argmax）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hard (sampled, seeded)</source>
        <translation>硬注意力（按种子采样）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Local (window, Gaussian)</source>
        <translation>局部注意力（窗口，高斯加权）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hover a cell to read its exact weight.</source>
        <translation>将鼠标悬停在格子上可查看精确权重。</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1 gives key %2 the weight %3</source>
        <translation>%1 给第 %2 个键的权重为 %3</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Scoring functions</source>
        <translation>打分函数</translation>
    </message>
    <message>
        <location line="+37" />
        <source>query</source>
        <translation>查询向量</translation>
    </message>
    <message>
        <location line="+6" />
        <source>key</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../src/app/gui/main.cpp" line="+21" />
        <source>See where neural networks attend.</source>
        <translation>观察神经网络关注哪里。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Open the window, save it to FILE and quit.</source>
        <translation>打开窗口，保存截图到 FILE 后退出。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Interface language for this run: en or zh_CN.</source>
        <translation>本次运行的界面语言：en 或 zh_CN。</translation>
    </message>
</context>
</TS>