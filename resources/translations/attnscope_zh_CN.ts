<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttentionFilePanel</name>
    <message>
        <location filename="../../ui/attentionfilepanel.ui" line="+10"/>
        <source>Open attention file…</source>
        <translation>打开注意力文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A NumPy .npy or .npz, a safetensors file or an attention JSON; you can also drop one on the window</source>
        <translation>NumPy 的 .npy 或 .npz 文件、safetensors 文件或注意力 JSON 文件；也可以将文件拖放到窗口上</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No file: open a .npy, .npz or .safetensors file of attention, or drop one here.</source>
        <translation>尚无文件：请打开保存注意力的 .npy、.npz 或 .safetensors 文件，或将文件拖放到此处。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Layers count from 0</source>
        <translation>层从 0 开始计数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Heads count from 0</source>
        <translation>头从 0 开始计数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A pixel of many cells shows:</source>
        <translation>一个像素覆盖多个格子时显示：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What a pixel of the matrix and the thumbnails shows when it covers several cells</source>
        <translation>矩阵和缩略图中的一个像素覆盖多个格子时显示什么</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Head view</source>
        <translation>注意力头视图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every layer and head</source>
        <translation>所有层和注意力头</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Token text</source>
        <translation>词元文本</translation>
    </message>
</context>
<context>
    <name>ClassifiersPanel</name>
    <message>
        <location filename="../../ui/classifierspanel.ui" line="+8"/>
        <source>&amp;Classifier:</source>
        <translation>分类器(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Variant:</source>
        <translation>变体(&amp;V)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New example</source>
        <translation>新示例(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Another example from the task&apos;s data generator</source>
        <translation>由任务的数据生成器再生成一个示例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lassify</source>
        <translation>分类(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Classify the text (Ctrl+Return)</source>
        <translation>对文本进行分类（Ctrl+Return）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hypothesis:</source>
        <translation>假设(&amp;H)：</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <location filename="../../ui/generatepanel.ui" line="+8"/>
        <source>Model and prompt</source>
        <translation>模型与提示词</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check&amp;point:</source>
        <translation>检查点(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a llama2.c .bin file or a Hugging Face folder</source>
        <translation>llama2.c 的 .bin 文件或 Hugging Face 文件夹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A llama2.c checkpoint (e.g. stories260K.bin) or a Hugging Face decoder folder (gpt2, llama, mistral, qwen2); drop one on this tab</source>
        <translation>llama2.c 检查点（例如 stories260K.bin）或 Hugging Face 解码器模型文件夹（gpt2、llama、mistral、qwen2）；也可以拖放到此标签页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tokenizer:</source>
        <translation>分词器(&amp;T)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found beside the checkpoint</source>
        <translation>在检查点旁查找</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Empty: tok&lt;vocab&gt;.bin or tokenizer.bin in the checkpoint&apos;s folder</source>
        <translation>留空：使用检查点所在文件夹中的 tok&lt;vocab&gt;.bin 或 tokenizer.bin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xample:</source>
        <translation>示例(&amp;X)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New tokens:</source>
        <translation>新词元数(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Decoding:</source>
        <translation>解码方式(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Te&amp;mperature:</source>
        <translation>温度(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Seed:</source>
        <translation>随机种子(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Earlier tokens are shaded by how much the current token attends to them</source>
        <translation>前面词元的底色深浅表示当前词元对它的注意力大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>|&lt;</source>
        <translation>|&lt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First token</source>
        <translation>第一个词元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous token (Left)</source>
        <translation>上一个词元（左方向键）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next token (Right)</source>
        <translation>下一个词元（右方向键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&gt;|</source>
        <translation>&gt;|</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last token</source>
        <translation>最后一个词元</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>H&amp;ead:</source>
        <translation>注意力头(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <location filename="../../ui/imagepanel.ui" line="+12"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open an image file; you can also drop one on this panel</source>
        <translation>打开图像文件；也可以将图像拖放到此面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundled example scenes (held out from training)</source>
        <translation>自带示例场景（未参与训练）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model saw (centre square, resized):</source>
        <translation>模型看到的内容（中心正方形，已缩放）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;model folder…</source>
        <translation>打开模型文件夹(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Beam width:</source>
        <translation>束搜索宽度(&amp;B)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Blur (× 2·upscale/6):</source>
        <translation>模糊（× 2·upscale/6）(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian blur after bilinear upsampling, as a multiple of scikit-image pyramid_expand&apos;s sigma; 0 shows the bilinear map</source>
        <translation>双线性上采样后的高斯模糊，以 scikit-image pyramid_expand 的 sigma 的倍数表示；0 表示显示双线性插值图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colour map:</source>
        <translation>配色方案(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>O&amp;pacity:</source>
        <translation>不透明度(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hard attention:</source>
        <translation>硬注意力(&amp;H)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample &amp;seed:</source>
        <translation>采样种子(&amp;S)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous word</source>
        <translation>上一个词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step through the caption word by word</source>
        <translation>逐词浏览图像描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next word</source>
        <translation>下一个词</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export &amp;word…</source>
        <translation>导出当前词(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;grid…</source>
        <translation>导出网格(&amp;G)…</translation>
    </message>
</context>
<context>
    <name>LabPanel</name>
    <message>
        <location filename="../../ui/labpanel.ui" line="+20"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T from 0.05 to 20 on a log scale; small T sharpens, large T flattens</source>
        <translation>T 在对数刻度上取 0.05 到 20；T 小则分布更尖锐，T 大则更平坦</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sampling s&amp;eed:</source>
        <translation>采样种子(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window &amp;D:</source>
        <translation>窗口 D(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local mode: the window holds positions p - D ... p + D (clipped to the keys)</source>
        <translation>局部模式：窗口包含位置 p - D ... p + D（超出键的范围时截断）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Centre &amp;p:</source>
        <translation>中心 p(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local mode: the window&apos;s centre as a key position (0 is k0)</source>
        <translation>局部模式：窗口中心，以键的位置表示（0 即 k0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Renormalise inside the window</source>
        <translation>在窗口内重新归一化(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vectors</source>
        <translation>向量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Query token:</source>
        <translation>查询词元(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token whose row is the query, counting from 0</source>
        <translation>以哪个词元的那一行作为查询（从 0 开始计数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keys:</source>
        <translation>键(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Load vectors from a file…</source>
        <translation>从文件加载向量(&amp;L)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A text file with lines &quot;q: 1, 0&quot;, &quot;k: 0, 1&quot; and optionally &quot;v: ...&quot;; any size (heatmap beyond 2-D)</source>
        <translation>文本文件，每行形如 &quot;q: 1, 0&quot;、&quot;k: 0, 1&quot;，可选 &quot;v: ...&quot;；维度不限（超过二维时显示为热力图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a m&amp;odel…</source>
        <translation>取自模型(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run a trained model on a sentence: its encoder states become the keys, its decoder state at one output step the query</source>
        <translation>用训练好的模型处理一个句子：编码器的隐藏状态作为键，解码器在某一输出步的状态作为查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output &amp;step:</source>
        <translation>输出步(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The decoder state that wrote this word is the query</source>
        <translation>写出这个词的解码器状态就是查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the model&apos;s trai&amp;ned W, U, v</source>
        <translation>使用模型训练好的 W、U、v(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The card of the model&apos;s own scoring function uses its trained W, U, v, so it reproduces the model&apos;s attention; the other cards use drawn parameters</source>
        <translation>模型自身评分函数的卡片使用其训练好的 W、U、v，因此与模型的注意力完全一致；其他卡片使用随机生成的参数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parameters (W, U, v, w, W_a)</source>
        <translation>参数（W, U, v, w, W_a）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click a number to edit it</source>
        <translation>双击数字即可编辑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-&amp;draw</source>
        <translation>重新生成(&amp;D)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw new random parameters with this seed</source>
        <translation>用此种子重新随机生成参数</translation>
    </message>
</context>
<context>
    <name>LessonEditor</name>
    <message>
        <location filename="../../ui/lessoneditor.ui" line="+5"/>
        <source>Lesson editor</source>
        <translation>课程编辑器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play the lesson as it is now in a lesson window (F5 there presents it full screen)</source>
        <translation>在课程窗口中按当前内容播放课程（在该窗口按 F5 全屏演示）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lesson &amp;name:</source>
        <translation>课程名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What attnscope --lesson takes; also the file&apos;s default name</source>
        <translation>attnscope --lesson 所用的名称，也是文件的默认名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lesson &amp;title:</source>
        <translation>课程标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>S&amp;teps (drag to reorder):</source>
        <translation>步骤（拖动以调整顺序）(&amp;T)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>LessonStepForm</name>
    <message>
        <location filename="../../ui/lessonstepform.ui" line="+5"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;itle:</source>
        <translation>标题(&amp;I)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;xt:</source>
        <translation>正文(&amp;X)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two to five sentences</source>
        <translation>两到五句话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Formula:</source>
        <translation>公式(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>softmax(\frac{q^T k}{\sqrt{d}})</source>
        <translation>softmax(\frac{q^T k}{\sqrt{d}})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The notation of the README&apos;s Lessons section; empty in Chinese: the same formula</source>
        <translation>记法见 README 的“课程”一节；中文留空则使用相同的公式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Question:</source>
        <translation>问题(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: asked before the view is shown</source>
        <translation>可选：在显示视图之前提出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Answer:</source>
        <translation>答案(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>View:</source>
        <translation>视图：</translation>
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
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a model folder (config.json, model.safetensors, …); you can also drop one on the window</source>
        <translation>打开模型文件夹（config.json、model.safetensors 等）；也可以将文件夹拖放到窗口上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;attention…</source>
        <translation>打开注意力文件(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show attention from a file: NumPy .npy or .npz, safetensors, or the JSON of `attnscope-cli attend` and Export attention</source>
        <translation>显示文件中的注意力：NumPy .npy 或 .npz、safetensors，或由 `attnscope-cli attend` 和“导出注意力”生成的 JSON</translation>
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
    <name>ModelVectorsDialog</name>
    <message>
        <location filename="../../ui/modelvectorsdialog.ui" line="+5"/>
        <source>Vectors from a model</source>
        <translation>取自模型的向量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model translates the sentence. Its encoder states, one per source token, become the keys (and values); its decoder state at the output step you choose in the lab becomes the query.</source>
        <translation>模型会翻译这个句子。编码器为每个源词元给出一个隐藏状态，作为键（同时作为值）；在实验室中选定某个输出步后，解码器在该步的状态就是查询。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Other folder…</source>
        <translation>其他文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;English sentence:</source>
        <translation>英文句子(&amp;E)：</translation>
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
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The models in models/ and the folders you opened</source>
        <translation>models/ 中的模型以及你打开过的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a model folder (you can also drop one on the window)</source>
        <translation>打开模型文件夹（也可以将文件夹拖放到窗口上）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a sentence and press Enter; earlier sentences are in the list</source>
        <translation>输入句子后按 Enter；之前的句子在列表中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;mpare with:</source>
        <translation>对比句子(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A second sentence for the compare view (a minimal pair)</source>
        <translation>用于对比视图的第二个句子（最小对立对）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xamples (double-click to run):</source>
        <translation>示例（双击运行）(&amp;X)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Layer, head:</source>
        <translation>层、头(&amp;L)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L</source>
        <translation>层 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H</source>
        <translation>头 </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Aggregate:</source>
        <translation>聚合方式(&amp;A)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hide:</source>
        <translation>隐藏(&amp;H)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>punctuation</source>
        <translation>标点符号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;s&gt; &lt;/s&gt;…</source>
        <translation>&lt;s&gt; &lt;/s&gt;…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start, end, padding and other special tokens</source>
        <translation>起始、结束、填充及其他特殊词元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more tokens to hide, comma-separated</source>
        <translation>其他要隐藏的词元，用逗号分隔</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Head search</source>
        <translation>注意力头搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from token (it)</source>
        <translation>源词元（it）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to token (animal)</source>
        <translation>目标词元（animal）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>≥ </source>
        <translation>≥ </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Smallest weight a head must give</source>
        <translation>注意力头须给出的最小权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find heads</source>
        <translation>查找注意力头(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a head to open it</source>
        <translation>点击注意力头即可打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export attention (JSON, CSV, .npy)…</source>
        <translation>导出注意力（JSON、CSV、.npy）…</translation>
    </message>
</context>
<context>
    <name>attn</name>
    <message>
        <location filename="../../src/core/attentionselection.cpp" line="+91"/>
        <source>encoder self-attention</source>
        <translation>编码器自注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decoder self-attention</source>
        <translation>解码器自注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>image attention</source>
        <translation>图像注意力</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max over heads (rows need not sum to 1)</source>
        <translation>各头最大值（各行之和不一定为 1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rollout of layers 0 to %1</source>
        <translation>第 0 至 %1 层的注意力展开 (rollout)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rollout of the kept layers %1 to %2</source>
        <translation>所保留的第 %1 至 %2 层的注意力展开 (rollout)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, layer %2, %3</source>
        <translation>%1，第 %2 层，%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, tokens hidden, rows renormalised</source>
        <translation>，已隐藏部分词元，各行已重新归一化</translation>
    </message>
    <message>
        <location filename="../../src/engine/caption/imageloader.cpp" line="+91"/>
        <source>transparent areas were composited on white</source>
        <translation>透明区域已在白色背景上合成</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../src/engine/hf/vitmodel.cpp" line="+165"/>
        <source>the model sees the centre square of the image</source>
        <translation>模型只看图像的中心正方形</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the image is only %1 pixels; it was enlarged to %2 x %2</source>
        <translation>图像只有 %1 像素；已放大到 %2 x %2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>16 bits per channel were reduced to 8</source>
        <translation>每通道 16 位已降为 8 位</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../src/engine/hf/vitmodel.cpp" line="+1"/>
        <source>greyscale image: colour words cannot be trusted</source>
        <translation>灰度图像：颜色词不可信</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../src/engine/hf/vitmodel.cpp" line="+1"/>
        <source>downscaled from %1 to %2</source>
        <translation>已从 %1 缩小到 %2</translation>
    </message>
    <message>
        <location filename="../../src/views/labnotes.cpp" line="+48"/>
        <source>= (w_qᵀq + b) + w_kᵀkᵢ: the q part (%1) is the same for every key; softmax cancels it.</source>
        <translation>= (w_qᵀq + b) + w_kᵀkᵢ：q 的部分（%1）对每个键都相同，softmax 会将其抵消。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The notes&apos; rule 2: additive with v = 1.</source>
        <translation>即课程笔记的第二种规则：v = 1 的加性注意力。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>= Luong&apos;s concat vᵀtanh(W[q; k]).</source>
        <translation>= Luong 的串联方式 vᵀtanh(W[q; k])。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>‖q‖ = 0: every cosine := 0.</source>
        <translation>‖q‖ = 0：所有余弦分数 := 0。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>k%1 has length 0: cosine := 0.</source>
        <translation>k%1 长度为 0：余弦分数 := 0。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scores positions only: moving a key changes nothing.</source>
        <translation>只对位置评分：移动键不会改变结果。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>One key: there is nothing to choose between.</source>
        <translation>只有一个键：无可选择。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All scores equal: every key gets 1/%1.</source>
        <translation>所有分数相等：每个键得到 1/%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tie %1: argmax takes the first.</source>
        <translation>并列 %1：argmax 取第一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drawn from softmax(s / T) with seed %1.</source>
        <translation>按 softmax(s / T) 抽样，种子为 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Window k%1…k%2 (clipped).</source>
        <translation>窗口 k%1…k%2（已截断）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Window k%1…k%2.</source>
        <translation>窗口 k%1…k%2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Σ a = %1 (Gaussian, not renormalised).</source>
        <translation>Σ a = %1（高斯加权，未重新归一化）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>soft: a = softmax(s / T), T = %1</source>
        <translation>软注意力：a = softmax(s / T), T = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hard: a = one-hot(argmax s)</source>
        <translation>硬注意力：a = one-hot(argmax s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hard, sampled: one-hot on i ~ softmax(s / T), T = %1, seed %2</source>
        <translation>硬注意力（采样）：对 i ~ softmax(s / T) 取 one-hot，T = %1，种子 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>local: softmax(s / T) in the window p ± D, times exp(−(i − p)² / (2 (D/2)²)); p = %1, D = %2, T = %3</source>
        <translation>局部注意力：在窗口 p ± D 内计算 softmax(s / T)，再乘以 exp(−(i − p)² / (2 (D/2)²))；p = %1, D = %2, T = %3</translation>
    </message>
    <message>
        <location filename="../../src/core/wordpieces.cpp" line="+333"/>
        <source>Words: a word&apos;s pieces are merged (each word&apos;s row is the mean of its pieces&apos; rows, each word&apos;s column the sum of its pieces&apos; columns).</source>
        <translation>按词显示：每个词的子词已合并（词的行是其子词各行的平均，词的列是其子词各列之和）。</translation>
    </message>
    <message>
        <location filename="../../src/engine/hf/vitmodel.cpp" line="-75"/>
        <source>preprocessing: %1</source>
        <translation>预处理：%1</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>the %1 x %2 image was downscaled to %3 x %4 before preprocessing (Python would resize from the full size)</source>
        <translation>%1 x %2 的图像在预处理前已缩小到 %3 x %4（Python 会从原始尺寸缩放）</translation>
    </message>
    <message>
        <location filename="../../src/engine/hf/vitpreprocess.cpp" line="+304"/>
        <source>no preprocessor_config.json: ViTImageProcessor&apos;s defaults (%1)</source>
        <translation>没有 preprocessor_config.json：使用 ViTImageProcessor 的默认设置（%1）</translation>
    </message>
</context>
<context>
    <name>attn::AttentionExport</name>
    <message>
        <location filename="../../src/core/attentionexport.cpp" line="+189"/>
        <source>JSON (*.json);;CSV, one weight per line (*.csv);;NumPy array, one per block (*.npy)</source>
        <translation>JSON (*.json);;CSV，每行一个权重 (*.csv);;NumPy 数组，每个块一个文件 (*.npy)</translation>
    </message>
</context>
<context>
    <name>attn::AttentionFilePanel</name>
    <message>
        <location filename="../../src/app/gui/attentionfilepanel.cpp" line="+26"/>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open attention file</source>
        <translation>打开注意力文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention files (*.npy *.npz *.safetensors *.json);;All files (*)</source>
        <translation>注意力文件 (*.npy *.npz *.safetensors *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>query %1 “%2” → key %3 “%4”: %5</source>
        <translation>查询 %1 “%2” → 键 %3 “%4”：%5</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Attention file</source>
        <translation>注意力文件</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%1: %n tokens</source>
        <translation>
            <numerusform>%1：%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1, layer %2, head %3</source>
        <translation>%1，第 %2 层，头 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>H%1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, layer %2</source>
        <translation>%1，第 %2 层</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: every layer and head</source>
        <translation>%1：所有层和注意力头</translation>
    </message>
</context>
<context>
    <name>attn::AttentionFileSession</name>
    <message>
        <location filename="../../src/app/gui/attentionfilesession.cpp" line="+21"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading head %1 of layer %2…</source>
        <translation>正在读取第 %2 层的头 %1…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Pooling every head into thumbnails…</source>
        <translation>正在把每个注意力头汇聚成缩略图…</translation>
    </message>
</context>
<context>
    <name>attn::ClassLabel</name>
    <message>
        <location filename="../../src/views/classlabel.cpp" line="+11"/>
        <source>positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>negative</source>
        <translation>负面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entails</source>
        <translation>蕴含</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>contradicts</source>
        <translation>矛盾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unrelated</source>
        <translation>无关</translation>
    </message>
</context>
<context>
    <name>attn::ClassifiersPanel</name>
    <message>
        <location filename="../../src/app/gui/classifierspanel.cpp" line="+42"/>
        <source>One sentence vector, three ways (pooling)</source>
        <translation>句向量的三种求法（汇聚）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hierarchical attention (documents)</source>
        <translation>层次注意力（文档）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNN + attention (premise and hypothesis)</source>
        <translation>CNN + 注意力（前提与假设）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention before the convolution (ABCNN-1)</source>
        <translation>卷积前做注意力（ABCNN-1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention after the convolution (ABCNN-2)</source>
        <translation>卷积后做注意力（ABCNN-2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attentive pooling</source>
        <translation>在汇聚层做注意力（attentive pooling）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Classifying…</source>
        <translation>正在分类…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Classifiers</source>
        <translation>分类器</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&amp;Review:</source>
        <translation>评论(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Document:</source>
        <translation>文档(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Premise:</source>
        <translation>前提(&amp;P)：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Missing model folders in %1: %2. They are trained with attnscope-cli train (see each card.md).</source>
        <translation>%1 中缺少模型文件夹：%2。这些模型用 attnscope-cli train 训练（见各自的 card.md）。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1: not available</source>
        <translation>%1：不可用</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>last state</source>
        <translation>最后隐状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>review length (tokens), held-out reviews</source>
        <translation>评论长度（词元数），留出评论</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>attn::ClassifiersSession</name>
    <message>
        <location filename="../../src/app/gui/classifierssession.cpp" line="+95"/>
        <source>%1: cannot read</source>
        <translation>%1：无法读取</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 has no &quot;accuracy_by_length&quot;</source>
        <translation>%1 中没有 &quot;accuracy_by_length&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Classifying</source>
        <translation>正在分类</translation>
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
        <location filename="../../src/app/gui/comparepanel.cpp" line="+20"/>
        <source>&amp;English sentence:</source>
        <translation>英文句子(&amp;E)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Translate and align</source>
        <translation>翻译并对齐(&amp;T)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot compare: %1</source>
        <translation>无法对比：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Press “Translate and align” to run the trained models on the sentence.</source>
        <translation>按“翻译并对齐”，用训练好的模型处理该句子。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trained scoring functions</source>
        <translation>训练好的评分函数</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Running the trained models…</source>
        <translation>正在运行训练好的模型…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running the trained models</source>
        <translation>正在运行训练好的模型</translation>
    </message>
</context>
<context>
    <name>attn::CompareView</name>
    <message>
        <location filename="../../src/views/compareview.cpp" line="+32"/>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No difference map: the two sentences have %1 and %2 tokens, so they do not line up token by token.</source>
        <translation>无差异图：两个句子分别有 %1 和 %2 个词元，无法逐词元对齐。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: A − B (red: more in A, blue: more in B)</source>
        <translation>%1：A − B（红色：A 更多，蓝色：B 更多）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run two sentences to compare them.</source>
        <translation>运行两个句子即可进行对比。</translation>
    </message>
</context>
<context>
    <name>attn::CourseRulesView</name>
    <message>
        <location filename="../../src/views/courserulesview.cpp" line="+63"/>
        <source>Rows of V:</source>
        <translation>V 的行数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rule 1 has a fixed number of positions (%1): fewer rows are masked, more are refused. Rules 2 and 3 take any number.</source>
        <translation>第一种规则的位置数是固定的（%1）：行数较少时多出的位置被掩蔽，行数较多时被拒绝。第二种和第三种规则接受任意行数。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Rule 1 refuses V: %1. Rules 2 and 3 have no such limit.</source>
        <translation>第一种规则拒绝了这个 V：%1。第二种和第三种规则没有这个限制。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>V has %1 rows but rule 1&apos;s attn layer gives %2 weights: the last %3 positions are masked (their logits count as −∞), so the %1 weights still sum to 1.</source>
        <translation>V 有 %1 行，但第一种规则的 attn 层给出 %2 个权重：最后 %3 个位置被掩蔽（其 logit 记为 −∞），因此这 %1 个权重之和仍为 1。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>rule 1 (MyAtt)</source>
        <translation>规则 1（MyAtt）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rule 2 (Σ tanh)</source>
        <translation>规则 2（Σ tanh）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rule 3 (scaled dot)</source>
        <translation>规则 3（缩放点积）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>position of V (row)</source>
        <translation>V 中的位置（行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights each rule gives V&apos;s %1 rows (same Q, same V)</source>
        <translation>每种规则给 V 的 %1 行的权重（Q 相同，V 相同）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;b&gt;Rule 1: MyAtt&lt;/b&gt;</source>
        <translation>&lt;b&gt;第一种规则：MyAtt&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(reads Q and K = the decoder&apos;s state %1; never V or per-position keys)</source>
        <translation>（读入 Q 和 K = 解码器的状态 %1；不读 V，也没有逐位置的键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;attention: a = softmax(attn([Q; K]))&lt;br&gt;%1, %1 → %2 → %3 (one weight per position, %4 fixed)&lt;br&gt;bmm %5 × %6 → %7&lt;/li&gt;&lt;li&gt;concatenation with Q: [Q; applied]&lt;br&gt;%1, %8 → %9&lt;/li&gt;&lt;li&gt;output layer attn_combine&lt;br&gt;%9 → %10&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;注意力：a = softmax(attn([Q; K]))&lt;br&gt;%1, %1 → %2 → %3（每个位置一个权重，位置数固定为 %4）&lt;br&gt;bmm %5 × %6 → %7&lt;/li&gt;&lt;li&gt;与 Q 拼接：[Q; applied]&lt;br&gt;%1, %8 → %9&lt;/li&gt;&lt;li&gt;输出层 attn_combine&lt;br&gt;%9 → %10&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Rule 2: concatenation, tanh, sum&lt;/b&gt;</source>
        <translation>&lt;b&gt;第二种规则：拼接、tanh、求和&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(reads Q and one key per row, K %1)</source>
        <translation>（读入 Q 和每行一个键，K %1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;attention: s&lt;sub&gt;i&lt;/sub&gt; = Σ tanh(W [Q; k&lt;sub&gt;i&lt;/sub&gt;] + b), a = softmax(s)&lt;br&gt;%1 → %2 → %3&lt;br&gt;bmm %4 × %5 → %6&lt;/li&gt;&lt;li&gt;concatenation with Q: [Q; applied]&lt;br&gt;%7, %8 → %9&lt;/li&gt;&lt;li&gt;output layer&lt;br&gt;%9 → %10&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;注意力：s&lt;sub&gt;i&lt;/sub&gt; = Σ tanh(W [Q; k&lt;sub&gt;i&lt;/sub&gt;] + b), a = softmax(s)&lt;br&gt;%1 → %2 → %3&lt;br&gt;bmm %4 × %5 → %6&lt;/li&gt;&lt;li&gt;与 Q 拼接：[Q; applied]&lt;br&gt;%7, %8 → %9&lt;/li&gt;&lt;li&gt;输出层&lt;br&gt;%9 → %10&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Rule 3: scaled dot product&lt;/b&gt;</source>
        <translation>&lt;b&gt;第三种规则：缩放点积&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(reads Q and K %1)</source>
        <translation>（读入 Q 和 K %1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;attention: a = softmax(Q Kᵀ / √%1)&lt;br&gt;%2 × %3 → %4&lt;br&gt;bmm %5 × %6 → %7&lt;/li&gt;&lt;li&gt;no concatenation: a dot product, usually self-attention (Q = K = V)&lt;/li&gt;&lt;li&gt;output layer&lt;br&gt;%8 → %9&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;注意力：a = softmax(Q Kᵀ / √%1)&lt;br&gt;%2 × %3 → %4&lt;br&gt;bmm %5 × %6 → %7&lt;/li&gt;&lt;li&gt;不拼接：点积运算，一般属于自注意力（Q = K = V）&lt;/li&gt;&lt;li&gt;输出层&lt;br&gt;%8 → %9&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;p&gt;Largest weight: row %1 (a = %2). Output %3 = %4&lt;/p&gt;</source>
        <translation>&lt;p&gt;最大权重：第 %1 行（a = %2）。输出 %3 = %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Course notes: the three Q/K/V rules&lt;/b&gt;, each in the notes&apos; three implementation steps. Q %1, V %2; at 32 rows these are the notes&apos; shapes.</source>
        <translation>&lt;b&gt;课程笔记：Q/K/V 的三种计算规则&lt;/b&gt;，每种规则都按笔记中的三个实现步骤展开。Q %1，V %2；V 为 32 行时即笔记中的形状。</translation>
    </message>
</context>
<context>
    <name>attn::DocumentView</name>
    <message>
        <location filename="../../src/views/documentview.cpp" line="+59"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>sentence %1: weight %2</source>
        <translation>句子 %1：权重 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sentence %1 (weight %2), word %3 &quot;%4&quot;: weight %5</source>
        <translation>句子 %1（权重 %2），词 %3 “%4”：权重 %5</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>word weight × √(sentence weight)</source>
        <translation>词权重 × √(句子权重)</translation>
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
        <location filename="../../src/app/gui/generatepanel.cpp" line="+35"/>
        <source>Pronoun: … named Lily. She</source>
        <translation>代词：… named Lily. She</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once upon a time</source>
        <translation>Once upon a time（从前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tom and his dog</source>
        <translation>Tom and his dog（汤姆和他的狗）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy (most likely token)</source>
        <translation>贪心（最可能的词元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample (temperature, seed)</source>
        <translation>采样（温度、随机种子）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This token, every head of the layer</source>
        <translation>当前词元，该层所有注意力头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causal map of the head up to this token</source>
        <translation>该注意力头到当前词元为止的因果注意力图</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Choose the tokenizer</source>
        <translation>选择分词器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>llama2.c tokenizers (*.bin);;All files (*)</source>
        <translation>llama2.c 分词器 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-131"/>
        <source>Open a llama2.c checkpoint (for example stories260K.bin with tok512.bin beside it) or a Hugging Face decoder folder (gpt2, llama, mistral, qwen2).</source>
        <translation>打开 llama2.c 检查点（例如 stories260K.bin，旁边放 tok512.bin）或 Hugging Face 解码器模型文件夹（gpt2、llama、mistral、qwen2）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the folder&apos;s own</source>
        <translation>使用文件夹自带的分词器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>found beside the checkpoint</source>
        <translation>在检查点旁查找</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Open a llama2.c checkpoint or a Hugging Face folder&apos;s config.json</source>
        <translation>打开 llama2.c 检查点或 Hugging Face 文件夹中的 config.json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models (*.bin config.json);;llama2.c checkpoints (*.bin);;Hugging Face folders (config.json);;All files (*)</source>
        <translation>模型 (*.bin config.json);;llama2.c 检查点 (*.bin);;Hugging Face 文件夹 (config.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose a model first (Open…): a llama2.c checkpoint or a Hugging Face decoder folder.</source>
        <translation>请先选择模型（打开…）：llama2.c 检查点或 Hugging Face 解码器模型文件夹。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Generating %1 tokens with %2…</source>
        <translation>正在用 %2 生成 %1 个词元…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Generation cancelled.</source>
        <translation>已取消生成。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2 layers, %3 heads (%4 key/value heads), width %5, vocabulary %6, context %7. Tokenizer %8.</source>
        <translation>%1：%2 层，%3 个注意力头（%4 个键/值头），宽度 %5，词表 %6，上下文 %7。分词器 %8。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopped early: %1.</source>
        <translation>提前停止：%1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No generation yet</source>
        <translation>尚未生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate, then step through the tokens: each shows its attention over the ones before it</source>
        <translation>先生成，再逐个查看词元：每一步显示该词元对之前所有词元的注意力</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> → next “%1”</source>
        <translation> → 下一个“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token %1 (0–%2): “%3” (new token %4)</source>
        <translation>词元 %1（0–%2）：“%3”（新词元 %4）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Token %1 (0–%2): “%3” (prompt)</source>
        <translation>词元 %1（0–%2）：“%3”（提示词）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Layer %1, %2: every token up to “%3”</source>
        <translation>第 %1 层，%2：直到“%3”的所有词元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>query token</source>
        <translation>查询词元</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>key token</source>
        <translation>键词元</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Layer %1: attention of “%2” over the tokens before it</source>
        <translation>第 %1 层：“%2”对其之前词元的注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>query head</source>
        <translation>查询头</translation>
    </message>
</context>
<context>
    <name>attn::GenerateSession</name>
    <message>
        <location filename="../../src/app/gui/generatesession.cpp" line="+27"/>
        <source>Generating with %1</source>
        <translation>正在用 %1 生成</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: not enough memory for this model</source>
        <translation>%1：内存不足，无法运行这个模型</translation>
    </message>
</context>
<context>
    <name>attn::HeadSearch</name>
    <message>
        <location filename="../../src/app/gui/headsearch.cpp" line="+35"/>
        <source>Run a sentence before searching its heads.</source>
        <translation>请先运行句子，再搜索其注意力头。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>layer %1, head %2: %3</source>
        <translation>第 %1 层，头 %2：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No head gives %1 → %2 a weight of %3 or more.</source>
        <translation>没有注意力头给 %1 → %2 分配 %3 或更高的权重。</translation>
    </message>
</context>
<context>
    <name>attn::HeadView</name>
    <message>
        <location filename="../../src/views/headview.cpp" line="+346"/>
        <source>%1: click to show or hide, double-click to show it alone</source>
        <translation>%1：单击显示或隐藏，双击单独显示</translation>
    </message>
    <message>
        <location filename="../../src/views/headviewpainter.cpp" line="+276"/>
        <source>▲ %1 tokens above</source>
        <translation>▲ 上方还有 %1 个词元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>▼ %1 tokens below</source>
        <translation>▼ 下方还有 %1 个词元</translation>
    </message>
</context>
<context>
    <name>attn::HeatmapView</name>
    <message>
        <location filename="../../src/views/heatmapview.cpp" line="+344"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>query %1 “%2” → key %3 “%4”: %5</source>
        <translation>查询 %1 “%2” → 键 %3 “%4”：%5</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each pixel shows the max of its cells</source>
        <translation>每个像素显示其覆盖格子的最大值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each pixel shows the mean of its cells</source>
        <translation>每个像素显示其覆盖格子的平均值</translation>
    </message>
    <message>
        <location filename="../../src/views/scoresheatmap.cpp" line="+39"/>
        <source>scoring function</source>
        <translation>评分函数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location filename="../../src/views/heatmaplod.cpp" line="+142"/>
        <source>This pixel shows the max of %1 cells: %2</source>
        <translation>此像素显示 %1 个格子的最大值：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This pixel shows the mean of %1 cells: %2</source>
        <translation>此像素显示 %1 个格子的平均值：%2</translation>
    </message>
</context>
<context>
    <name>attn::HighlightTextView</name>
    <message>
        <location filename="../../src/views/highlighttextview.cpp" line="+40"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>word %1 &quot;%2&quot;: weight %3</source>
        <translation>词 %1 “%2”：权重 %3</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>attn::ImageOverlayView</name>
    <message>
        <location filename="../../src/views/imageoverlayview.cpp" line="+198"/>
        <source>No caption yet</source>
        <translation>尚无图像描述</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>soft</source>
        <translation>软注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hard, argmax</source>
        <translation>硬注意力，argmax</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hard, sampled</source>
        <translation>硬注意力，采样</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot;  (word %2 of 0–%3, β = %4, %5)</source>
        <translation>“%1”（词 %2，0–%3，β = %4，%5）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open an image (or drop one here)</source>
        <translation>打开图像（或拖放到此处）</translation>
    </message>
</context>
<context>
    <name>attn::ImagePanel</name>
    <message>
        <location filename="../../src/app/gui/imagepanel.cpp" line="+66"/>
        <source>Argmax cell</source>
        <translation>argmax 网格单元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampled cell (seeded)</source>
        <translation>采样网格单元（固定种子）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an example…</source>
        <translation>选择示例…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.ppm *.pgm *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.ppm *.pgm *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No captioning model found: open a model folder (models/caption-shapes).</source>
        <translation>未找到图像描述模型：请打开模型文件夹（models/caption-shapes）。</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Open model folder (captioner or ViT)</source>
        <translation>打开模型文件夹（图像描述模型或 ViT）</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: ViT, %2 x %2 input, %3 x %3 patches, %4 layers x %5 heads (%6)</source>
        <translation>%1：ViT，输入 %2 x %2，%3 x %3 个图像块，%4 层 x %5 个注意力头（%6）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2 x %2 input, %3 x %3 grid)</source>
        <translation>%1（输入 %2 x %2，网格 %3 x %3）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Caption: %1</source>
        <translation>图像描述：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Word %1: β = %2</source>
        <translation>词 %1：β = %2</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Export all words</source>
        <translation>导出所有词</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export this word</source>
        <translation>导出当前词</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>dropped image</source>
        <translation>拖放的图像</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drop an image file from this computer.</source>
        <translation>请拖放本机上的图像文件。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What the model saw (preprocessed as its preprocessor_config.json says):</source>
        <translation>模型看到的内容（按其 preprocessor_config.json 预处理）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model saw (centre square, resized):</source>
        <translation>模型看到的内容（中心正方形，已缩放）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;views…</source>
        <translation>导出视图(&amp;V)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export &amp;grid…</source>
        <translation>导出网格(&amp;G)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: every layer and head of the ViT</source>
        <translation>%1：ViT 的所有层和注意力头</translation>
    </message>
</context>
<context>
    <name>attn::ImageSession</name>
    <message>
        <location filename="../../src/app/gui/imagesession.cpp" line="+30"/>
        <location line="+14"/>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Running %1 on %2</source>
        <translation>正在用 %1 处理 %2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Open a captioning model folder first (models/caption-shapes).</source>
        <translation>请先打开图像描述模型文件夹（models/caption-shapes）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Captioning %1</source>
        <translation>正在为 %1 生成图像描述</translation>
    </message>
</context>
<context>
    <name>attn::JobRunner</name>
    <message>
        <location filename="../../src/app/gui/jobrunner.cpp" line="+73"/>
        <source>%1: not enough memory</source>
        <translation>%1：内存不足</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: an unknown error</source>
        <translation>%1：未知错误</translation>
    </message>
</context>
<context>
    <name>attn::KernelRegressionCanvas</name>
    <message>
        <location filename="../../src/views/kernelregressioncanvas.cpp" line="+87"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>truth</source>
        <translation>真实函数</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>x (query)</source>
        <translation>x（查询）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>keys: training inputs</source>
        <translation>键：训练输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sorted →</source>
        <translation>已排序 →</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>← queries x</source>
        <translation>← 查询 x</translation>
    </message>
</context>
<context>
    <name>attn::KernelRegressionView</name>
    <message>
        <location filename="../../src/views/kernelregressionview.cpp" line="+35"/>
        <source>Kernel:</source>
        <translation>核：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Average pooling</source>
        <translation>平均汇聚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian kernel</source>
        <translation>高斯核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learned width (leave-one-out)</source>
        <translation>学习的宽度（留一法）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width σ:</source>
        <translation>宽度 σ：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Gaussian kernel&apos;s width σ (logarithmic scale from %1 to %2)</source>
        <translation>高斯核的宽度 σ（对数刻度，从 %1 到 %2）</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>σ = ∞</source>
        <translation>σ = ∞</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>average pooling: mean of</source>
        <translation>平均汇聚：取平均</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gaussian kernel,</source>
        <translation>高斯核，</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>learned width,</source>
        <translation>学习的宽度，</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mean squared error against the truth: %1</source>
        <translation>与真实函数的均方误差：%1</translation>
    </message>
</context>
<context>
    <name>attn::LabPanel</name>
    <message>
        <location filename="../../src/app/gui/labpanel.cpp" line="+98"/>
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
        <translation>硬注意力（采样，固定种子）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local (window)</source>
        <translation>局部注意力（窗口）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your vectors (drag them)</source>
        <translation>你的向量（可拖动）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Course notes 1: self-attention (scaled dot)</source>
        <translation>课程笔记 1：自注意力（缩放点积）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edge cases: zero key, identical keys</source>
        <translation>边界情况：零向量键、相同的键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Course notes: the three Q/K/V rules</source>
        <translation>课程笔记：Q/K/V 的三种计算规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vectors of size 8 (heatmap)</source>
        <translation>8 维向量（热力图）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A trained model&apos;s vectors</source>
        <translation>训练好的模型中的向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>general: W</source>
        <translation>双线性：W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>concat linear: w</source>
        <translation>串联线性：w</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>concat linear: b</source>
        <translation>串联线性：b</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>additive: W</source>
        <translation>加性：W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>additive: U</source>
        <translation>加性：U</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>concat tanh: W</source>
        <translation>串联 tanh：W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>concat tanh: b</source>
        <translation>串联 tanh：b</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>additive: v</source>
        <translation>加性：v</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>location: W_a</source>
        <translation>位置：W_a</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Animate the three steps…</source>
        <translation>三个步骤的动画(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score, normalise, weighted sum, step by step, for these vectors</source>
        <translation>对这些向量逐步演示：评分、归一化、加权和</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Scoring lab: %1</source>
        <translation>评分实验室：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scoring lab</source>
        <translation>评分实验室</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Scoring lab: &apos;%1&apos; is not a number; %2 keeps its value</source>
        <translation>评分实验室：“%1”不是数字；%2 保持原值</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Load vectors</source>
        <translation>加载向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector files (*.txt *.vec);;All files (*)</source>
        <translation>向量文件 (*.txt *.vec);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From a model: %1</source>
        <translation>取自模型：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 read “%2” and wrote “%3”.</source>
        <translation>%1 读入“%2”，输出“%3”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown to the model, read as &lt;unk&gt;: %1.</source>
        <translation>模型不认识的词（按 &lt;unk&gt; 处理）：%1。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The %1 card uses %2&apos;s trained parameters, so it reproduces the model&apos;s attention; the other cards use drawn parameters</source>
        <translation>%1 卡片使用 %2 训练好的参数，因此与模型的注意力完全一致；其他卡片使用随机生成的参数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has no attention, so no scoring parameters</source>
        <translation>%1 没有注意力机制，因此没有评分参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 scores with %2, which has no parameters to train</source>
        <translation>%1 用 %2 评分，该函数没有需要训练的参数</translation>
    </message>
</context>
<context>
    <name>attn::LabSession</name>
    <message>
        <location filename="../../src/app/gui/labsession.cpp" line="+21"/>
        <source>no model chosen (no shipped model folder was found; pick one with “Other folder…”)</source>
        <translation>未选择模型（没有找到自带的模型文件夹；请通过“其他文件夹…”选择一个）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the sentence is empty; type an English sentence</source>
        <translation>句子为空；请输入一个英文句子</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running %1</source>
        <translation>正在运行 %1</translation>
    </message>
</context>
<context>
    <name>attn::Language</name>
    <message>
        <location filename="../../src/app/gui/language.cpp" line="+55"/>
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
    <name>attn::LayerKeeper</name>
    <message>
        <location filename="../../src/app/gui/layerkeeper.cpp" line="+30"/>
        <source>Running the model again to keep layer %1…</source>
        <translation>正在重新运行模型以保留第 %1 层…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The views show the kept layers only, with the model&apos;s numbers; choose another layer to run the model again for it.</source>
        <translation>视图只显示保留的层，层号沿用模型自身的编号；选择其他层即可为该层重新运行模型。</translation>
    </message>
</context>
<context>
    <name>attn::LengthAccuracyPlot</name>
    <message>
        <location filename="../../src/views/lengthaccuracyplot.cpp" line="+25"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
</context>
<context>
    <name>attn::LessonEditor</name>
    <message>
        <location filename="../../src/app/gui/lessoneditor.cpp" line="+100"/>
        <source>A new lesson: open a view in the main window and choose Lessons &gt; Add this view as a step.</source>
        <translation>新课程：在主窗口中打开一个视图，然后选择“课程 &gt; 将此视图添加为步骤”。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: the lesson has no steps</source>
        <translation>%1：课程没有步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not opened (the lesson being edited is kept): %1</source>
        <translation>未打开（保留正在编辑的课程）：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened %1 with problems: %2</source>
        <translation>已打开 %1，但有问题：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AttentionScope lessons (*.attnlesson)</source>
        <translation>AttentionScope 课程 (*.attnlesson)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AttentionScope lessons (*.attnlesson);;All files (*)</source>
        <translation>AttentionScope 课程 (*.attnlesson);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Added step %1: %2</source>
        <translation>已添加步骤 %1：%2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1. %2 (%3)</source>
        <translation>%1. %2（%3）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1[*] — Lesson editor</source>
        <translation>%1[*] — 课程编辑器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this lesson</source>
        <translation>本课程</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>To check before teaching: %1</source>
        <translation>授课前请检查：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The lesson has no steps to play yet.</source>
        <translation>课程还没有可播放的步骤。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unsaved lesson</source>
        <translation>课程未保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The lesson has changes that are not saved. Save them?</source>
        <translation>课程有尚未保存的修改。要保存吗？</translation>
    </message>
</context>
<context>
    <name>attn::LessonPlayer</name>
    <message>
        <location filename="../../src/app/gui/lessonplayer.cpp" line="+153"/>
        <source>Step %1: %2</source>
        <translation>步骤 %1：%2</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Step %1 (0–%2)</source>
        <translation>步骤 %1（0–%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Question: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer: %1</source>
        <translation>答案：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Space to reveal</source>
        <translation>按空格键揭晓答案</translation>
    </message>
</context>
<context>
    <name>attn::LessonStepCapture</name>
    <message>
        <location filename="../../src/app/gui/lessonstepcapture.cpp" line="+44"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1, “%2”</source>
        <translation>%1，“%2”</translation>
    </message>
</context>
<context>
    <name>attn::LessonStepForm</name>
    <message>
        <location filename="../../src/app/gui/lessonstepform.cpp" line="+89"/>
        <source>Step %1</source>
        <translation>步骤 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No step: open a view in the main window and choose Lessons &gt; Add this view as a step.</source>
        <translation>没有步骤：在主窗口中打开一个视图，然后选择“课程 &gt; 将此视图添加为步骤”。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Formula (%1): %2</source>
        <translation>公式（%1）：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
<context>
    <name>attn::LessonWindow</name>
    <message>
        <location filename="../../src/app/gui/lessonwindow.cpp" line="+36"/>
        <source>%1: the lesson has no steps</source>
        <translation>%1：课程没有步骤</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 — AttentionScope</source>
        <translation>%1 — AttentionScope</translation>
    </message>
</context>
<context>
    <name>attn::MainWindow</name>
    <message>
        <location filename="../../src/app/gui/mainwindow.cpp" line="+69"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open model &amp;file (llama2.c .bin)…</source>
        <translation>打开模型文件（llama2.c .bin）(&amp;F)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>llama2.c checkpoints (*.bin);;All files (*)</source>
        <translation>llama2.c 检查点 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open attention</source>
        <translation>打开注意力文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attention files (*.npy *.npz *.safetensors *.json);;All files (*)</source>
        <translation>注意力文件 (*.npy *.npz *.safetensors *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About AttentionScope</source>
        <translation>关于 AttentionScope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;AttentionScope %1&lt;/b&gt;&lt;p&gt;See where neural networks attend: heatmaps for every layer and head, token-to-token lines, image overlays, and the scoring functions of attention side by side.&lt;/p&gt;</source>
        <translation>&lt;b&gt;AttentionScope %1&lt;/b&gt;&lt;p&gt;观察神经网络关注哪里：每一层、每个注意力头的热力图，词元与词元之间的连线，图像上的注意力叠加，以及各种注意力评分函数的并排比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the lesson “%1”; F5 presents it full screen</source>
        <translation>打开课程“%1”；按 F5 全屏演示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open lesson file…</source>
        <translation>打开课程文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AttentionScope lessons (*.attnlesson);;All files (*)</source>
        <translation>AttentionScope 课程 (*.attnlesson);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Add this view as a step</source>
        <translation>将此视图添加为步骤(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit lessons…</source>
        <translation>编辑课程(&amp;E)…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This view of “%1” cannot be a lesson step: a lesson could not open it again (it needs a model, a file or a shipped example).</source>
        <translation>“%1”的这个视图不能作为课程步骤：课程无法再次打开它（需要模型、文件或自带的示例）。</translation>
    </message>
    <message>
        <location line="+93"/>
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
        <location line="+57"/>
        <source>%1: cannot open (%2)</source>
        <translation>%1：无法打开（%2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>attn::ModelGridView</name>
    <message>
        <location filename="../../src/views/modelgridview.cpp" line="+279"/>
        <source>No attention to show yet.</source>
        <translation>尚无可显示的注意力。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Layer %1, head %2: click to open it in the head and matrix views</source>
        <translation>第 %1 层，头 %2：单击在注意力头视图和矩阵视图中打开</translation>
    </message>
</context>
<context>
    <name>attn::ModelVectorsDialog</name>
    <message>
        <location filename="../../src/app/gui/modelvectorsdialog.cpp" line="+24"/>
        <source>&amp;Run the model</source>
        <translation>运行模型(&amp;R)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
</context>
<context>
    <name>attn::OverlayGridView</name>
    <message>
        <location filename="../../src/views/overlaygridview.cpp" line="+161"/>
        <source>Open an image to see where the captioner looks</source>
        <translation>打开图像，查看图像描述模型关注的位置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No caption yet</source>
        <translation>尚无图像描述</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(image)</source>
        <translation>（图像）</translation>
    </message>
</context>
<context>
    <name>attn::PairView</name>
    <message>
        <location filename="../../src/views/pairview.cpp" line="+47"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+180"/>
        <source>Premise</source>
        <translation>前提</translation>
    </message>
    <message>
        <location line="-179"/>
        <location line="+180"/>
        <source>Hypothesis</source>
        <translation>假设</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+219"/>
        <source>matrix: rows = hypothesis, columns = premise; outlined = row maximum</source>
        <translation>矩阵：行 = 假设，列 = 前提；加框 = 该行最大值</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>hypothesis %1 &quot;%2&quot; → premise %3 &quot;%4&quot;: %5</source>
        <translation>假设 %1 “%2” → 前提 %3 “%4”：%5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>hypothesis %1 &quot;%2&quot; attends most to premise %3 &quot;%4&quot; (%5)</source>
        <translation>假设 %1 “%2”最关注前提 %3 “%4”（%5）</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>attn::ScoreCard</name>
    <message>
        <location filename="../../src/views/scorecard.cpp" line="+26"/>
        <source>%1: %2. Click to emphasise its output arrow on the plane.</source>
        <translation>%1：%2。单击以突出显示它在平面上的输出箭头。</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>score s</source>
        <translation>分数 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a</source>
        <translation>a</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+5"/>
        <source>weight a</source>
        <translation>权重 a</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>+%n more</source>
        <translation>
            <numerusform>还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>out = Σ aᵢ vᵢ =</source>
        <translation>out = Σ aᵢ vᵢ =</translation>
    </message>
</context>
<context>
    <name>attn::ScoreFunction</name>
    <message>
        <location filename="../../src/views/scorefunctionlabel.cpp" line="+11"/>
        <source>dot</source>
        <translation>点积</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scaled dot</source>
        <translation>缩放点积</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>general</source>
        <translation>双线性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>concat linear</source>
        <translation>串联线性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>concat tanh</source>
        <translation>串联 tanh</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>MyAtt (rule 1)</source>
        <comment>the course notes&apos; module MyAtt: one weight per position</comment>
        <translation>MyAtt（规则 1）</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>additive</source>
        <translation>加性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>location</source>
        <translation>基于位置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none</source>
        <comment>the seq2seq model without attention</comment>
        <translation>无注意力</translation>
    </message>
</context>
<context>
    <name>attn::ScoresCompareView</name>
    <message>
        <location filename="../../src/views/scorescompareview.cpp" line="+100"/>
        <source>&lt;b&gt;Where each decoder looks&lt;/b&gt; while writing the same French words (written by the %1 model): rows = French, columns = English, one colour scale 0…1 for all.</source>
        <translation>&lt;b&gt;各解码器的关注位置&lt;/b&gt;（写出相同的法语词时，由 %1 模型写出）：行 = 法语，列 = 英语，所有图共用 0…1 的色标。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;br&gt;no attention:&lt;br&gt;the decoder sees one fixed vector for the whole sentence</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;br&gt;无注意力：&lt;br&gt;解码器对整个句子只看到一个固定向量</translation>
    </message>
    <message>
        <location filename="../../src/views/scorescomparetable.cpp" line="+90"/>
        <source>scoring</source>
        <translation>评分函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exact</source>
        <translation>完全匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>reordered
1-19</source>
        <translation>语序调换
1-19</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same order
1-19</source>
        <translation>语序相同
1-19</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Held-out test sentences: exact-match rate, token accuracy, token accuracy by English sentence length (words), and token accuracy on sentences of 1-19 words whose French word order differs from the English (adjective phrases: &quot;the european economic area&quot; -&gt; &quot;la zone économique européenne&quot;) or not</source>
        <translation>留出测试句子：完全匹配率、词元准确率、按英文句长（词数）分组的词元准确率，以及 1-19 个词的句子中法语词序与英语不同（形容词短语：“the european economic area” -&gt; “la zone économique européenne”）和相同的两类句子上的词元准确率</translation>
    </message>
    <message>
        <location filename="../../src/views/scorescompareview.cpp" line="+177"/>
        <source>English sentence length (words)</source>
        <translation>英文句长（词数）</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+105"/>
        <source>token accuracy (%)</source>
        <translation>词元准确率 (%)</translation>
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
        <translation>硬注意力（采样，固定种子）</translation>
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
        <translation>评分函数</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>query</source>
        <translation>查询</translation>
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
        <location filename="../../src/views/scoringlab.cpp" line="+45"/>
        <source>The model&apos;s own attention: one row per output word. Click a row to make its decoder state the query.</source>
        <translation>模型自身的注意力：每个输出词一行。点击某一行，即以该步的解码器状态作为查询。</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>Cannot compute: %1 (showing the last valid result)</source>
        <translation>无法计算：%1（显示上一个有效结果）</translation>
    </message>
    <message>
        <location filename="../../src/views/labvectorsview.cpp" line="+51"/>
        <source>out (%1)</source>
        <translation>out（%1）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Drag the tips of q and k</source>
        <translation>拖动 q 和 k 的箭头端点</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>vector</source>
        <translation>向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vectors of size %1: one row each</source>
        <translation>%1 维向量：每行一个</translation>
    </message>
    <message>
        <location filename="../../src/views/scoringlab.cpp" line="+69"/>
        <source>&lt;p style=&apos;color:#b00020&apos;&gt;You moved the vectors: this example now shows the loaded numbers; load it again to match.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#b00020&apos;&gt;你移动了向量：此示例现在显示的是加载的数值；重新加载即可恢复一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../src/views/labinfocard.cpp" line="+118"/>
        <source>softmax(Q Kᵀ / √d): row “%1” = the scaled dot card</source>
        <translation>softmax(Q Kᵀ / √d)：“%1”行 = 缩放点积卡片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Course notes 1: self-attention&lt;/b&gt;&lt;br&gt;Q = X W&lt;sub&gt;q&lt;/sub&gt;, K = X W&lt;sub&gt;k&lt;/sub&gt;, V = X W&lt;sub&gt;v&lt;/sub&gt; from one input X.&lt;br&gt;Query row &lt;b&gt;%1&lt;/b&gt; (“%2”) is q on the plane; k0…k%3 = %4.%5</source>
        <translation>&lt;b&gt;课程笔记 1：自注意力&lt;/b&gt;&lt;br&gt;Q = X W&lt;sub&gt;q&lt;/sub&gt;, K = X W&lt;sub&gt;k&lt;/sub&gt;, V = X W&lt;sub&gt;v&lt;/sub&gt;，来自同一个输入 X。&lt;br&gt;查询行 &lt;b&gt;%1&lt;/b&gt;（“%2”）即平面上的 q；k0…k%3 = %4。%5</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>&lt;b&gt;How to read&lt;/b&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Each card: scores s&lt;sub&gt;i&lt;/sub&gt; of q against k&lt;sub&gt;i&lt;/sub&gt;, weights a&lt;sub&gt;i&lt;/sub&gt; as bars, and out = Σ a&lt;sub&gt;i&lt;/sub&gt; v&lt;sub&gt;i&lt;/sub&gt; (the dashed arrow of its colour).&lt;/p&gt;</source>
        <translation>&lt;b&gt;阅读说明&lt;/b&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;每张卡片：q 对 k&lt;sub&gt;i&lt;/sub&gt; 的分数 s&lt;sub&gt;i&lt;/sub&gt;，以条形表示的权重 a&lt;sub&gt;i&lt;/sub&gt;，以及 out = Σ a&lt;sub&gt;i&lt;/sub&gt; v&lt;sub&gt;i&lt;/sub&gt;（同色虚线箭头）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;How to read&lt;/b&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Each card: scores s&lt;sub&gt;i&lt;/sub&gt; of q against k&lt;sub&gt;i&lt;/sub&gt;, weights a&lt;sub&gt;i&lt;/sub&gt; as bars, and out = Σ a&lt;sub&gt;i&lt;/sub&gt; v&lt;sub&gt;i&lt;/sub&gt; (the dashed arrow of its colour). Click a card to highlight its arrow.&lt;/p&gt;&lt;p&gt;W, U, v, w, W&lt;sub&gt;a&lt;/sub&gt;: seed %2 (editable on the left).&lt;/p&gt;</source>
        <translation>&lt;b&gt;阅读说明&lt;/b&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;每张卡片：q 对 k&lt;sub&gt;i&lt;/sub&gt; 的分数 s&lt;sub&gt;i&lt;/sub&gt;，以条形表示的权重 a&lt;sub&gt;i&lt;/sub&gt;，以及 out = Σ a&lt;sub&gt;i&lt;/sub&gt; v&lt;sub&gt;i&lt;/sub&gt;（同色虚线箭头）。单击卡片可突出显示其箭头。&lt;/p&gt;&lt;p&gt;W, U, v, w, W&lt;sub&gt;a&lt;/sub&gt;：随机种子 %2（可在左侧修改）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../src/views/labmodelexample.cpp" line="+42"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (trained with %2)&lt;br&gt;q = its decoder state at step %3, after the GRU update; it wrote “%4”.&lt;br&gt;k0…k%5 = its encoder states of the source tokens, also the values. Size %6.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（用 %2 训练）&lt;br&gt;q = 第 %3 步 GRU 更新之后的解码器状态；这一步输出了“%4”。&lt;br&gt;k0…k%5 = 各源词元的编码器状态，同时作为值。维度 %6。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;p&gt;This model has no attention: its decoder never scores these states. The cards show what each function would do with them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这个模型没有注意力机制：它的解码器从不给这些状态评分。各卡片展示的是每个评分函数会如何处理它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>output word</source>
        <translation>输出词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source token</source>
        <translation>源词元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model&apos;s attention (q = row %1)</source>
        <translation>模型的注意力（q = 第 %1 行）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model uses a plain softmax: choose Soft and T = 1 to see its row on the %1 card.</source>
        <translation>模型使用普通的 softmax：选择“软注意力”并设 T = 1，即可在 %1 卡片上看到它的这一行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The %1 card uses drawn parameters, not the model&apos;s: switch to its trained ones to see its row.</source>
        <translation>%1 卡片使用的是随机生成的参数，而不是模型的参数：改用训练好的参数，即可看到模型的这一行。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The &lt;b&gt;%1&lt;/b&gt; card computes what the model computed: its weights are row %2 of the map (largest difference %3).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 卡片的计算与模型完全相同：它的权重就是图中第 %2 行（最大差值 %3）。</translation>
    </message>
</context>
<context>
    <name>attn::SelectionControls</name>
    <message>
        <location filename="../../src/app/gui/selectioncontrols.cpp" line="+18"/>
        <source>none (one head)</source>
        <translation>无（单个注意力头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max over heads</source>
        <translation>各头最大值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rollout (Abnar &amp; Zuidema)</source>
        <translation>注意力展开（rollout，Abnar &amp; Zuidema）</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>The model&apos;s layer number. This run kept layers %1; choosing another runs the model again for it.</source>
        <translation>模型自身的层号。本次运行保留的层：%1；选择其他层会为该层重新运行模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model&apos;s layer number. This attention holds layers %1.</source>
        <translation>模型自身的层号。这份注意力数据包含的层：%1。</translation>
    </message>
</context>
<context>
    <name>attn::SentenceInput</name>
    <message>
        <location filename="../../src/app/gui/sentenceinput.cpp" line="+42"/>
        <source>The Tensor2Tensor pair: &apos;it&apos; is the animal when tired, the street when wide</source>
        <translation>Tensor2Tensor 经典句对：tired 时 &apos;it&apos; 指动物，wide 时指街道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The other half of the pair</source>
        <translation>句对的另一半</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two animals of different genders: only the referent decides &apos;il&apos; or &apos;elle&apos;</source>
        <translation>两种不同性别的动物：只有指代对象决定用 &apos;il&apos; 还是 &apos;elle&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reordering: French puts these adjectives after the noun (see the cross-attention)</source>
        <translation>语序调整：法语把这些形容词放在名词之后（见交叉注意力）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reordering of a noun phrase, as in Bahdanau et al. 2015</source>
        <translation>名词短语的语序调整，如 Bahdanau et al. 2015 所示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A long sentence: labels shrink, then the view scrolls</source>
        <translation>长句：标签会缩小，然后视图可滚动</translation>
    </message>
</context>
<context>
    <name>attn::TextModelPicker</name>
    <message>
        <location filename="../../src/app/gui/textmodelpicker.cpp" line="+22"/>
        <source>Choose a model folder with File &gt; Open model…, or drop one on the window.</source>
        <translation>请通过“文件 &gt; 打开模型…”选择模型文件夹，或将文件夹拖放到窗口上。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Open a folder…</source>
        <translation>打开文件夹…</translation>
    </message>
</context>
<context>
    <name>attn::TextPanel</name>
    <message>
        <location filename="../../src/app/gui/textpanel.cpp" line="+51"/>
        <source>Hover a token to see only its lines; click a swatch to hide a head, double-click to show it alone.</source>
        <translation>将鼠标悬停在词元上只显示它的连线；单击色块隐藏注意力头，双击单独显示。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Text attention</source>
        <translation>文本注意力</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>No model yet: open a model folder with File &gt; Open model… or drop one here.</source>
        <translation>尚无模型：请通过“文件 &gt; 打开模型…”打开模型文件夹，或将文件夹拖放到此处。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Model %1 ready</source>
        <translation>模型 %1 已就绪</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Type a sentence to run.</source>
        <translation>输入句子即可运行。</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Filtered: hidden tokens removed and every row renormalised to sum to 1 — these are not the model&apos;s raw weights.</source>
        <translation>已过滤：移除了隐藏的词元，且每行重新归一化为和为 1——这些不是模型的原始权重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Max over heads: rows need not sum to 1.</source>
        <translation>各头最大值：各行之和不一定为 1。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: nothing to export yet, run a sentence first</source>
        <translation>%1：尚无可导出的内容，请先运行句子</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export attention</source>
        <translation>导出注意力</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>attn::TextSession</name>
    <message>
        <location filename="../../src/app/gui/textsession.cpp" line="+24"/>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Open a model first (File &gt; Open model…).</source>
        <translation>请先打开模型（文件 &gt; 打开模型…）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Running the model</source>
        <translation>正在运行模型</translation>
    </message>
</context>
<context>
    <name>attn::TextViews</name>
    <message>
        <location filename="../../src/app/gui/textviews.cpp" line="+35"/>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Entropy of each head (nats; 0 = one key)</source>
        <translation>各注意力头的熵（nats；0 = 只关注一个键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean distance attended (tokens)</source>
        <translation>平均注意距离（词元数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of weight on the first token</source>
        <translation>第一个词元上的权重占比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>query %1 → key %2: %3</source>
        <translation>查询 %1 → 键 %2：%3</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>%1: every layer and head (colour: square root of the weight)</source>
        <translation>%1：所有层和注意力头（颜色：权重的平方根）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the kept layers %2, every head (colour: square root of the weight)</source>
        <translation>%1：保留的层 %2，所有注意力头（颜色：权重的平方根）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 of %2 (click a head to open it)</source>
        <translation>%2：%1（单击注意力头即可打开）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: strongest line %2 → %3, weight %4</source>
        <translation>%1：最强连线 %2 → %3，权重 %4</translation>
    </message>
</context>
<context>
    <name>attn::ThreeStepsCanvas</name>
    <message>
        <location filename="../../src/views/threestepscanvas.cpp" line="+129"/>
        <source>No keys to attend to.</source>
        <translation>没有可以关注的键。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>query q = %1    scoring function: %2</source>
        <translation>查询 q = %1    评分函数：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    temperature T = %1</source>
        <translation>    温度 T = %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Normalise</source>
        <translation>归一化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weighted sum</source>
        <translation>加权和</translation>
    </message>
    <message>
        <location line="+129"/>
        <location line="+1"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sum so far = %1</source>
        <translation>目前的累加和 = %1</translation>
    </message>
</context>
<context>
    <name>attn::ThreeStepsView</name>
    <message>
        <location filename="../../src/views/threestepsview.cpp" line="+39"/>
        <source>Step:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location line="+251"/>
        <location line="+21"/>
        <source>Weighted sum</source>
        <translation>加权和</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+21"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+21"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Normalise</source>
        <translation>归一化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>attn::ThreeStepsWindow</name>
    <message>
        <location filename="../../src/app/gui/threestepsdialog.cpp" line="+18"/>
        <source>Attention in three steps</source>
        <translation>注意力计算的三个步骤</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scoring &amp;function:</source>
        <translation>评分函数(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>attn::TokenTextView</name>
    <message>
        <location filename="../../src/views/tokentextview.cpp" line="+22"/>
        <source>Whose attention shades the text: one head, or the mean over heads</source>
        <translation>用哪个注意力给文本着色：单个头，或各头平均</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attention from the token</source>
        <translation>该词元发出的注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention to the token</source>
        <translation>该词元收到的注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From: where the token looks. To: which tokens look at it.</source>
        <translation>发出：该词元关注哪里。收到：哪些词元关注它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shade only the strongest tokens that together hold this share of the attention</source>
        <translation>只给最强的几个词元着色，它们合计占注意力的这一比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+224"/>
        <source>Hover over a token to see its attention; click to keep it.</source>
        <translation>将鼠标悬停在词元上查看其注意力；单击可固定。</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Mean over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Mean over layers and heads</source>
        <translation>各层各头平均</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Top tokens holding %1% of the attention</source>
        <translation>合计占注意力 %1% 的最强词元</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 tokens hold %2% of the attention %3 “%4”; the darkest holds %5.</source>
        <translation>%1 个词元合计占“%4”%3注意力的 %2%；颜色最深的占 %5。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from</source>
        <translation>发出的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>收到的</translation>
    </message>
</context>
<context>
    <name>attn::TrainLessonStep</name>
    <message>
        <location filename="../../src/app/gui/lessonteachingsteps.cpp" line="+105"/>
        <location line="+142"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location line="-141"/>
        <location line="+143"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>press Start training</source>
        <translation>请按“开始训练”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the seq2seq model</source>
        <translation>正在准备 seq2seq 模型</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Training a seq2seq model</source>
        <translation>正在训练 seq2seq 模型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+50"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Train again</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>attn::TrainingView</name>
    <message>
        <location filename="../../src/views/trainingview.cpp" line="+83"/>
        <source>training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Token accuracy</source>
        <translation>词元准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% of words right</source>
        <translation>译对的词（%）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>training batches</source>
        <translation>训练批次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>held-out sentences</source>
        <translation>留出句子</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>output words</source>
        <translation>输出词</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>input words</source>
        <translation>输入词</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <source>Alignment: not trained yet</source>
        <translation>对齐：尚未训练</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>No attention to show</source>
        <translation>没有可显示的注意力</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alignment before training</source>
        <translation>训练前的对齐</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Alignment after %n training steps</source>
        <translation>
            <numerusform>训练 %n 步后的对齐</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+79"/>
        <source>Not trained yet: %n steps to go</source>
        <translation>
            <numerusform>尚未训练：共需 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 steps · loss %3 · token accuracy %4 %</source>
        <translation>第 %1 步，共 %2 步 · 损失 %3 · 词元准确率 %4 %</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · held-out %1 %</source>
        <translation> · 留出集 %1 %</translation>
    </message>
</context>
<context>
    <name>attn::VectorPlane</name>
    <message>
        <location filename="../../src/views/vectorplane.cpp" line="+67"/>
        <source>q query · k keys · v values (grey) · dashed: out = Σ aᵢ vᵢ in its card&apos;s colour</source>
        <translation>q 查询 · k 键 · v 值（灰色）· 虚线：out = Σ aᵢ vᵢ，颜色与其卡片相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q query · k keys (also the values) · dashed: out = Σ aᵢ kᵢ in its card&apos;s colour</source>
        <translation>q 查询 · k 键（同时作为值）· 虚线：out = Σ aᵢ kᵢ，颜色与其卡片相同</translation>
    </message>
</context>
<context>
    <name>attn::VitHeadGridView</name>
    <message>
        <location filename="../../src/views/vitheadgridview.cpp" line="+99"/>
        <location line="+61"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Open a ViT model folder and an image to see every head</source>
        <translation>打开 ViT 模型文件夹和一张图像，即可查看所有注意力头</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+11"/>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>rollout</source>
        <translation>注意力展开</translation>
    </message>
</context>
<context>
    <name>attn::VitPane</name>
    <message>
        <location filename="../../src/app/gui/vitpane.cpp" line="+23"/>
        <source>Attention rollout (Abnar &amp; Zuidema 2020, computed as jacobgil/vit-explain does): in every layer the heads are fused (mean, max or min), the lowest fraction of the fused weights is set to 0 (never [CLS] to itself), the identity is added and the sum halved for the residual connection, each row is renormalised to sum 1, and the layers are multiplied from layer 0 up to the chosen one. The map is the [CLS] row over the patches, scaled to its maximum.</source>
        <translation>注意力展开（Abnar &amp; Zuidema 2020，按 jacobgil/vit-explain 的方式计算）：每一层先融合各注意力头（取平均值、最大值或最小值），把融合后权重中最低的一部分置为 0（[CLS] 对自身的权重除外），为残差连接加上单位矩阵再除以 2，将每行重新归一化为和为 1，然后从第 0 层起逐层相乘，直到所选的层。显示的图是 [CLS] 这一行在各图像块上的权重，按其最大值缩放。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One head</source>
        <translation>单个注意力头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention rollout</source>
        <translation>注意力展开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What [CLS] attends to in one head of one layer, over the image&apos;s patches, scaled to its maximum; the title says how much [CLS] keeps for itself.</source>
        <translation>[CLS] 在某一层的某个注意力头中对图像各图像块的注意力，按其最大值缩放；标题给出 [CLS] 留给自身的权重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Layer, from 0 (for the rollout: the last layer multiplied in)</source>
        <translation>层，从 0 开始（注意力展开时：最后乘入的那一层）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head, from 0</source>
        <translation>注意力头，从 0 开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the rollout fuses each layer&apos;s heads (vit-explain&apos;s head_fusion)</source>
        <translation>注意力展开如何融合每一层的各个注意力头（vit-explain 的 head_fusion）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fraction of each layer&apos;s lowest fused weights set to 0 before the rollout (vit-explain&apos;s discard_ratio; 0.9 sharpens the map)</source>
        <translation>注意力展开之前，每一层融合后的权重中从最低起置为 0 的比例（vit-explain 的 discard_ratio；0.9 可使图更集中）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H&amp;ead:</source>
        <translation>注意力头(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollout &amp;fuses heads by:</source>
        <translation>注意力展开融合各头的方式(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard lowest:</source>
        <translation>丢弃最低权重的比例(&amp;D)：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Every layer (rows) and head (columns) from [CLS] over the patches; the last column is the rollout through that layer. Click a tile to show it large.</source>
        <translation>每一层（行）的每个注意力头（列）中 [CLS] 对图像块的注意力；最后一列是到该层为止的注意力展开。单击小图可放大显示。</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Layer %1, head %2: attention from [CLS] over the %3 x %4 patches (%5 % on [CLS] itself)</source>
        <translation>第 %1 层，头 %2：[CLS] 对 %3 x %4 个图像块的注意力（[CLS] 自身占 %5 %）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Attention rollout through layer %1 (heads fused by %2, lowest %3 % discarded): [CLS] over the patches</source>
        <translation>到第 %1 层为止的注意力展开（各头按%2融合，丢弃最低的 %3 %）：[CLS] 对图像块的注意力</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Computing the attention rollout…</source>
        <translation>正在计算注意力展开…</translation>
    </message>
</context>
<context>
    <name>attn::WordViewToggle</name>
    <message>
        <location filename="../../src/app/gui/wordviewtoggle.cpp" line="+35"/>
        <source>merge each word&apos;s pieces</source>
        <translation>合并每个词的子词</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Word view: a word&apos;s sub-word pieces (play ##ing, ▁un believ able) become one row and one column. A word&apos;s row is the mean of its pieces&apos; rows; its column is the sum of its pieces&apos; columns, so every row still sums to 1. Special tokens stay single; CJK characters are words of their own.</source>
        <translation>按词显示：一个词的各个子词（play ##ing、▁un believ able）合并为一行一列。词的行是其子词各行的平均，词的列是其子词各列之和，因此每行之和仍为 1。特殊词元保持不变；每个汉字（以及日文、韩文字符）各自算作一个词。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Words:</source>
        <translation>按词显示(&amp;W)：</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Merging pieces into words</source>
        <translation>正在把子词合并成词</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../src/app/gui/main.cpp" line="+31"/>
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
    <message>
        <location line="+5"/>
        <source>Open the scoring lab on the vectors of the model in DIR.</source>
        <translation>打开评分实验室，使用 DIR 中模型的向量。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --lab-model: the sentence to run.</source>
        <translation>与 --lab-model 一起使用：要运行的句子。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --lab-model: the output step (0, 1, ...; steps count from 0).</source>
        <translation>与 --lab-model 一起使用：输出步（0、1……；步从 0 开始计数）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the Image tab on the image FILE.</source>
        <translation>打开“图像”标签页，并载入图像 FILE。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --image: the word to show (0, 1, ...; words count from 0).</source>
        <translation>与 --image 一起使用：要显示的词（0、1……；词从 0 开始计数）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --image: the model folder to run it through (a captioner or a ViT).</source>
        <translation>与 --image 一起使用：用来处理该图像的模型文件夹（图像描述模型或 ViT）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a lesson: a shipped lesson&apos;s name (attention-basics) or an .attnlesson file.</source>
        <translation>打开课程：自带课程的名称（attention-basics）或 .attnlesson 文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --lesson: the step to open (0, 1, ...; steps count from 0).</source>
        <translation>与 --lesson 一起使用：要打开的步骤（0、1……；步骤从 0 开始计数）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --lesson: present it full screen (F5).</source>
        <translation>与 --lesson 一起使用：全屏演示（F5）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open an attention file: .npy, .npz, .safetensors or attention JSON.</source>
        <translation>打开注意力文件：.npy、.npz、.safetensors 或注意力 JSON。</translation>
    </message>
</context>
</TS>
