<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>GeneratePanel</name>
    <message>
        <location filename="../../ui/generatepanel.ui" line="+8"/>
        <source>Model and prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check&amp;point:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a llama2.c .bin file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A llama2.c checkpoint, e.g. stories260K.bin or stories15M.bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tokenizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found beside the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Empty: tok&lt;vocab&gt;.bin or tokenizer.bin in the checkpoint&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Decoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Te&amp;mperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Earlier tokens are shaded by how much the current token attends to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>|&lt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous token (Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next token (Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&gt;|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>H&amp;ead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <location filename="../../ui/imagepanel.ui" line="+13"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open an image file; you can also drop one on this panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundled example scenes (held out from training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model saw (centre square, resized):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Beam width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Blur (× 2·upscale/6):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian blur after bilinear upsampling, as a multiple of scikit-image pyramid_expand&apos;s sigma; 0 shows the bilinear map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colour map:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>O&amp;pacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hard attention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample &amp;seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>◀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step through the caption word by word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export &amp;word…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;grid…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabPanel</name>
    <message>
        <location filename="../../ui/labpanel.ui" line="+20"/>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Temperature:</source>
        <translation type="unfinished">温度(&amp;T)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T from 0.05 to 20 on a log scale; small T sharpens, large T flattens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sampling s&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window &amp;D:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local mode: the window holds positions p - D ... p + D (clipped to the keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Centre &amp;p:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local mode: the window&apos;s centre as a key position (0 is k1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Renormalise inside the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Query token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Load vectors from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A text file with lines &quot;q: 1, 0&quot;, &quot;k: 0, 1&quot; and optionally &quot;v: ...&quot;; any size (heatmap beyond 2-D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parameters (W, U, v, w, W_a)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click a number to edit it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-&amp;draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw new random parameters with this seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.ui" line="+6"/>
        <source>AttentionScope</source>
        <translation>AttentionScope 注意力观察器</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colour map</source>
        <translation>配色方案(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a model folder (config.json, model.safetensors, …); you can also drop one on the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;attention JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show attention saved by `attnscope-cli attend` or by Export attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export view…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the current view as PNG, SVG or PDF, exactly as shown</source>
        <translation>将当前视图按原样保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About AttentionScope</source>
        <translation>关于 AttentionScope(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ScoresPanel</name>
    <message>
        <location filename="../../ui/scorespanel.ui" line="+8"/>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Query q:</source>
        <translation>查询向量 q(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma-separated numbers, e.g. 1, 0</source>
        <translation>用逗号分隔的数字，例如 1, 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keys (one per line):</source>
        <translation>键向量（每行一个）(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One key per line, comma-separated numbers; the keys are also the values</source>
        <translation>每行一个键向量，数字用逗号分隔；键同时作为值使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Normaliser:</source>
        <translation>归一化方式(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local &amp;window D:</source>
        <translation>局部窗口半宽 D(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local &amp;centre p:</source>
        <translation>局部窗口中心 p(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Seed (W, U, v; sampling):</source>
        <translation>随机种子（W、U、v；采样）(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>TextPanel</name>
    <message>
        <location filename="../../ui/textpanel.ui" line="+25"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The models in models/ and the folders you opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a model folder (you can also drop one on the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a sentence and press Enter; earlier sentences are in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;mpare with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A second sentence for the compare view (a minimal pair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xamples (double-click to run):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Layer, head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Aggregate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hide:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>punctuation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;s&gt; &lt;/s&gt;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start, end, padding and other special tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more tokens to hide, comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Head search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from token (it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>→</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to token (animal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>≥ </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Smallest weight a head must give</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a head to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export attention (JSON, CSV, .npy)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn</name>
    <message>
        <location filename="../../src/core/attentionselection.cpp" line="+81"/>
        <source>encoder self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decoder self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cross-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>image attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean over heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max over heads (rows need not sum to 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rollout of layers 0 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, layer %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, tokens hidden, rows renormalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/engine/caption/imageloader.cpp" line="+91"/>
        <source>transparent areas were composited on white</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the model sees the centre square of the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the image is only %1 pixels; it was enlarged to %2 x %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>16 bits per channel were reduced to 8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>greyscale image: colour words cannot be trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>downscaled from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/views/labnotes.cpp" line="+45"/>
        <source>‖q‖ = 0: every cosine := 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>k%1 has length 0: cosine := 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scores positions only: moving a key changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>One key: there is nothing to choose between.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All scores equal: every key gets 1/%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tie %1: argmax takes the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drawn from softmax(s / T) with seed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Window k%1…k%2 (clipped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Window k%1…k%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Σ a = %1 (Gaussian, not renormalised).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>soft: a = softmax(s / T), T = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hard: a = one-hot(argmax s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hard, sampled: one-hot on i ~ softmax(s / T), T = %1, seed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>local: softmax(s / T) in the window p ± D, times exp(−(i − p)² / (2 (D/2)²)); p = %1, D = %2, T = %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::AttentionExport</name>
    <message>
        <location filename="../../src/core/attentionexport.cpp" line="+188"/>
        <source>JSON (*.json);;CSV, one weight per line (*.csv);;NumPy array, one per block (*.npy)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ColorMap</name>
    <message>
        <location filename="../../src/views/colormaps.cpp" line="+55"/>
        <source>Viridis (perceptually uniform)</source>
        <translation>Viridis（感知均匀）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Magma (perceptually uniform)</source>
        <translation>Magma（感知均匀）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blues</source>
        <translation>蓝色系</translation>
    </message>
</context>
<context>
    <name>attn::ComparePanel</name>
    <message>
        <location filename="../../src/app/gui/comparepanel.cpp" line="+21"/>
        <source>&amp;English sentence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Translate and align</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot compare: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Press “Translate and align” to run the trained models on the sentence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Trained scoring functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Running the trained models…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::CompareView</name>
    <message>
        <location filename="../../src/views/compareview.cpp" line="+32"/>
        <source>query</source>
        <translation type="unfinished">查询向量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation type="unfinished">键</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No difference map: the two sentences have %1 and %2 tokens, so they do not line up token by token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: A − B (red: more in A, blue: more in B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run two sentences to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::Exporter</name>
    <message>
        <location filename="../../src/views/exporter.cpp" line="+20"/>
        <source>%1: unknown export format (use .png, .svg or .pdf)</source>
        <translation>%1：未知的导出格式（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>attn::GeneratePanel</name>
    <message>
        <location filename="../../src/app/gui/generatepanel.cpp" line="+64"/>
        <source>Pronoun: … named Lily. She</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once upon a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tom and his dog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy (most likely token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample (temperature, seed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This token, every head of the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causal map of the head up to this token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a llama2.c checkpoint (for example stories260K.bin with tok512.bin beside it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 → %2: %3</source>
        <translation type="unfinished">%1 → %2：%3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Generate (llama2.c)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Open a llama2.c checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>llama2.c checkpoints (*.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose the tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>llama2.c tokenizers (*.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a llama2.c checkpoint first (Open…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Generating %1 tokens with %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1: %2 layers, %3 heads (%4 key/value heads), width %5, vocabulary %6, context %7. Tokenizer %8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopped early: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean of heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+83"/>
        <source>No generation yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source> → next “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token %1 of %2: “%3” (new token %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Token %1 of %2: “%3” (prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Layer %1, %2: every token up to “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>query token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>key token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Layer %1: attention of “%2” over the tokens before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>query head</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::HeadView</name>
    <message>
        <location filename="../../src/views/headview.cpp" line="+342"/>
        <source>%1: click to show or hide, double-click to show it alone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::HeatmapView</name>
    <message>
        <location filename="../../src/views/heatmapview.cpp" line="+91"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location filename="../../src/views/scoresheatmap.cpp" line="+38"/>
        <source>scoring function</source>
        <translation>打分函数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attn::ImageOverlayView</name>
    <message>
        <location filename="../../src/views/imageoverlayview.cpp" line="+171"/>
        <source>No caption yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>soft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hard, argmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hard, sampled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot;  (word %2 of %3, β = %4, %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open an image (or drop one here)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ImagePanel</name>
    <message>
        <location filename="../../src/app/gui/imagepanel.cpp" line="+72"/>
        <source>Argmax cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampled cell (seeded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an example…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.ppm *.pgm *.tif *.tiff *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open captioning model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No captioning model found: open a model folder (models/caption-shapes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Image captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (%2 x %2 input, %3 x %3 grid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Open a captioning model folder first (models/caption-shapes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Captioning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Caption: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Word %1: β = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Export all words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export this word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved %1</source>
        <translation type="unfinished">已保存 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>dropped image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drop an image file from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::LabPanel</name>
    <message>
        <location filename="../../src/app/gui/labpanel.cpp" line="+89"/>
        <source>Soft (softmax)</source>
        <translation type="unfinished">软注意力（softmax）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard (argmax)</source>
        <translation type="unfinished">硬注意力（argmax）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard (sampled, seeded)</source>
        <translation type="unfinished">硬注意力（按种子采样）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local (window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your vectors (drag them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Course notes 1: self-attention (scaled dot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course notes 2: the concat rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edge cases: zero key, identical keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vectors of size 8 (heatmap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>general: W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>concat: w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>concat: b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>additive: W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>additive: U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>additive: v</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>location: W_a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Scoring lab: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scoring lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Scoring lab: &apos;%1&apos; is not a number; %2 keeps its value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Load vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector files (*.txt *.vec);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::Language</name>
    <message>
        <location filename="../../src/app/gui/language.cpp" line="+47"/>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language changes the next time AttentionScope starts.</source>
        <translation>界面语言将在下次启动 AttentionScope 时生效。</translation>
    </message>
</context>
<context>
    <name>attn::MainWindow</name>
    <message>
        <location filename="../../src/app/gui/mainwindow.cpp" line="+58"/>
        <source>Open model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open attention JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About AttentionScope</source>
        <translation>关于 AttentionScope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;AttentionScope %1&lt;/b&gt;&lt;p&gt;See where neural networks attend: heatmaps for every layer and head, token-to-token lines, image overlays, and the scoring functions of attention side by side.&lt;/p&gt;</source>
        <translation>&lt;b&gt;AttentionScope %1&lt;/b&gt;&lt;p&gt;观察神经网络关注哪里：每一层、每个注意力头的热力图，词与词之间的连线，图像上的注意力叠加，以及各种注意力打分函数的并排比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1: cannot open (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ModelGridView</name>
    <message>
        <location filename="../../src/views/modelgridview.cpp" line="+223"/>
        <source>No attention to show yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Layer %1, head %2: click to open it in the head and matrix views</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::OverlayGridView</name>
    <message>
        <location filename="../../src/views/overlaygridview.cpp" line="+110"/>
        <source>Open an image to see where the captioner looks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No caption yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(image)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ScoreCard</name>
    <message>
        <location filename="../../src/views/scorecard.cpp" line="+25"/>
        <source>%1: %2. Click to emphasise its output arrow on the plane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+97"/>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>score s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weight a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>out = Σ aᵢ vᵢ =</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ScoresCompareView</name>
    <message>
        <location filename="../../src/views/scorescompareview.cpp" line="+95"/>
        <source>&lt;b&gt;Where each decoder looks&lt;/b&gt; while writing the same French words (written by the %1 model): rows = French, columns = English, one colour scale 0…1 for all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;br&gt;no attention:&lt;br&gt;the decoder sees one fixed vector for the whole sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>scoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Held-out test sentences: exact-match rate, token accuracy, and token accuracy by English sentence length (words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>English sentence length (words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>token accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ScoresPanel</name>
    <message>
        <location filename="../../src/app/gui/scorespanel.cpp" line="+23"/>
        <source>Soft (softmax)</source>
        <translation>软注意力（softmax）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard (argmax)</source>
        <translation>硬注意力（argmax）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard (sampled, seeded)</source>
        <translation>硬注意力（按种子采样）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local (window, Gaussian)</source>
        <translation>局部注意力（窗口，高斯加权）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hover a cell to read its exact weight.</source>
        <translation>将鼠标悬停在格子上可查看精确权重。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 gives key %2 the weight %3</source>
        <translation>%1 给第 %2 个键的权重为 %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scoring functions</source>
        <translation>打分函数</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>query</source>
        <translation>查询向量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>key</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attn::ScoringLab</name>
    <message>
        <location filename="../../src/views/scoringlab.cpp" line="+298"/>
        <source>Cannot compute: %1 (showing the last valid result)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/views/scoringlabdraw.cpp" line="+34"/>
        <source>out (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Drag the tips of q and k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>vector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vectors of size %1: one row each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;p style=&apos;color:#b00020&apos;&gt;You moved the vectors: this example now shows the loaded numbers; load it again to match.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>softmax(Q Kᵀ / √d): row “%1” = the scaled dot card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Course notes 1: self-attention&lt;/b&gt;&lt;br&gt;Q = X W&lt;sub&gt;q&lt;/sub&gt;, K = X W&lt;sub&gt;k&lt;/sub&gt;, V = X W&lt;sub&gt;v&lt;/sub&gt; from one input X.&lt;br&gt;Query row &lt;b&gt;%1&lt;/b&gt; (“%2”) is q on the plane; k1…k%3 = %4.%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Course notes 2: the concat rule&lt;/b&gt;&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;s&lt;sub&gt;i&lt;/sub&gt; = wᵀ[q; k&lt;sub&gt;i&lt;/sub&gt;] + b&lt;br&gt;= %1&lt;/li&gt;&lt;li&gt;a = softmax(s / T)&lt;br&gt;= %2&lt;/li&gt;&lt;li&gt;c = Σ a&lt;sub&gt;i&lt;/sub&gt; v&lt;sub&gt;i&lt;/sub&gt; = %3&lt;/li&gt;&lt;li&gt;o = W&lt;sub&gt;o&lt;/sub&gt; [c; q] = %4&lt;br&gt;(the dark arrow o)&lt;/li&gt;&lt;/ol&gt;%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;How to read&lt;/b&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Each card: scores s&lt;sub&gt;i&lt;/sub&gt; of q against k&lt;sub&gt;i&lt;/sub&gt;, weights a&lt;sub&gt;i&lt;/sub&gt; as bars, and out = Σ a&lt;sub&gt;i&lt;/sub&gt; v&lt;sub&gt;i&lt;/sub&gt; (the dashed arrow of its colour). Click a card to highlight its arrow.&lt;/p&gt;&lt;p&gt;W, U, v, w, W&lt;sub&gt;a&lt;/sub&gt;: seed %2 (editable on the left).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::TextPanel</name>
    <message>
        <location filename="../../src/app/gui/textpanel.cpp" line="+46"/>
        <source>none (one head)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean over heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max over heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rollout (Abnar &amp; Zuidema)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hover a token to see only its lines; click a swatch to hide a head, double-click to show it alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Text attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>query</source>
        <translation type="unfinished">查询向量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation type="unfinished">键</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Entropy of each head (nats; 0 = one key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean distance attended (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of weight on the first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The Tensor2Tensor pair: &apos;it&apos; is the animal when tired, the street when wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The other half of the pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two animals of different genders: only the referent decides &apos;il&apos; or &apos;elle&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reordering: French puts these adjectives after the noun (see the cross-attention)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reordering of a noun phrase, as in Bahdanau et al. 2015</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A long sentence: labels shrink, then the view scrolls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose a model folder with File &gt; Open model…, or drop one on the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1: strongest line %2 → %3, weight %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>query %1 → key %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No model yet: open a model folder with File &gt; Open model… or drop one here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Model %1 ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Type a sentence to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/gui/textpanelviews.cpp" line="+199"/>
        <source>%1: every layer and head (colour: square root of the weight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 of %2 (click a head to open it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filtered: hidden tokens removed and every row renormalised to sum to 1 — these are not the model&apos;s raw weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Max over heads: rows need not sum to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Run a sentence before searching its heads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>layer %1, head %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No head gives %1 → %2 a weight of %3 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: nothing to export yet, run a sentence first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved %1</source>
        <translation type="unfinished">已保存 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export failed</source>
        <translation type="unfinished">导出失败</translation>
    </message>
</context>
<context>
    <name>attn::TextSession</name>
    <message>
        <location filename="../../src/app/gui/textsession.cpp" line="+81"/>
        <source>Open a model first (File &gt; Open model…).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::VectorPlane</name>
    <message>
        <location filename="../../src/views/vectorplane.cpp" line="+149"/>
        <source>q query · k keys · v values (grey) · dashed: out = Σ aᵢ vᵢ in its card&apos;s colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q query · k keys (also the values) · dashed: out = Σ aᵢ kᵢ in its card&apos;s colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../src/app/gui/main.cpp" line="+24"/>
        <source>See where neural networks attend.</source>
        <translation>观察神经网络关注哪里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the window, save it to FILE and quit.</source>
        <translation>打开窗口，保存截图到 FILE 后退出。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface language for this run: en or zh_CN.</source>
        <translation>本次运行的界面语言：en 或 zh_CN。</translation>
    </message>
</context>
</TS>
