<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddCategoryCommand</name>
    <message>
        <source>Add category &apos;{name}&apos;</source>
        <translation>添加类别“{name}”</translation>
    </message>
</context>
<context>
    <name>AddCategoryDialog</name>
    <message>
        <source>Add a category</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>e.g. Instagram filter</source>
        <translation>例如：Instagram 滤镜</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The key that ticks it; left empty it gets the next free digit.</source>
        <translation>勾选它的按键；留空则使用下一个空闲数字。</translation>
    </message>
    <message>
        <source>It means the true label is wrong (label error)</source>
        <translation>表示真实标签本身有误（标注错误）</translation>
    </message>
    <message>
        <source>optional: when to tick it</source>
        <translation>可选：何时勾选它</translation>
    </message>
    <message>
        <source>Tick it on the current item</source>
        <translation>在当前样本上勾选</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>AgreementPanel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>Kappa (95%)</source>
        <translation>Kappa（95%）</translation>
    </message>
    <message>
        <source>Agreement between reviewers</source>
        <translation>审阅者之间的一致性</translation>
    </message>
    <message>
        <source>The 95% interval is a likelihood-ratio one (Donner and Eliasziw&apos;s model), which stays honest for a category ticked on a few items: wide when they are few. With three or more reviewers it is on the safe side (wider than it need be).</source>
        <translation>95% 区间为似然比区间（Donner 与 Eliasziw 的模型），即使某类别只在少数样本上被勾选也可信：样本少时区间宽。有三位或更多审阅者时区间偏保守（比必要的更宽）。</translation>
    </message>
    <message>
        <source>{0}: {kappa} per category over the items every reviewer assessed, and Gwet&apos;s AC1 (meaningful for rare categories too). Below 0.6 a category&apos;s description needs sharpening.</source>
        <translation>{0}：按类别统计所有审阅者都评估过的样本上的 {kappa}，以及 Gwet 的 AC1（对罕见类别同样有意义）。低于 0.6 说明该类别的说明需要写得更明确。</translation>
    </message>
    <message>
        <source>Below 0.6: reviewers read this category differently; sharpen its description</source>
        <translation>低于 0.6：审阅者对这个类别的理解不一致；请把它的说明写得更明确</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Bias, variance or data mismatch: which gap to work on</source>
        <translation>偏差、方差还是数据不匹配：该先解决哪个差距</translation>
    </message>
    <message>
        <source>How much of the dev error wrong labels cause</source>
        <translation>错误标签造成了多少验证集误差</translation>
    </message>
    <message>
        <source>Precision, recall, F1 per class and the confusion matrix</source>
        <translation>每个类别的精确率、召回率、F1 以及混淆矩阵</translation>
    </message>
    <message>
        <source>Slices</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>Where the dev errors gather: confusion pairs, classes, metadata columns</source>
        <translation>验证集错误集中在哪里：混淆对、类别、元数据列</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Do the reviewers tick the categories alike?</source>
        <translation>审阅者勾选类别的方式是否一致？</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Connecting to {display_url}…</source>
        <translation>正在连接 {display_url}…</translation>
    </message>
    <message>
        <source> (the server refused the last one)</source>
        <translation>（服务器拒绝了上一次输入的密码）</translation>
    </message>
    <message>
        <source>Password for {display_url}{refused}:
(kept in memory only; ~/.pgpass spares you this)</source>
        <translation>{display_url} 的密码{refused}：
（只保存在内存中；使用 ~/.pgpass 可免去输入）</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <source>{name} is open in another program: {who}.</source>
        <translation>{name} 已在另一个程序中打开：{who}。</translation>
    </message>
    <message>
        <source>Two programs writing one review would overwrite each other&apos;s ticks and comments. Open it read-only to look and export; close it there to review here.</source>
        <translation>两个程序同时写入同一份审阅会互相覆盖勾选和备注。可以以只读方式打开来查看和导出；要在这里审阅，请先在那边关闭它。</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Resumed the review in {name}.</source>
        <translation>已继续 {name} 中的审阅。</translation>
    </message>
    <message>
        <source>{source}: no such file or folder</source>
        <translation>{source}：文件或文件夹不存在</translation>
    </message>
    <message>
        <source>Reading {name} and making the review session…</source>
        <translation>正在读取 {name} 并创建审阅会话…</translation>
    </message>
    <message>
        <source>Preparing the demo…</source>
        <translation>正在准备演示…</translation>
    </message>
</context>
<context>
    <name>CategoryEditor</name>
    <message>
        <source>Normal cause of error</source>
        <translation>普通错误原因</translation>
    </message>
    <message>
        <source>Incorrect label (label error)</source>
        <translation>标注错误（标签错误）</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+Up）</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+Down）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>One key (digit or letter) or F1-F12; J K N U C F S + - Space and Enter are taken</source>
        <translation>一个按键（数字或字母）或 F1-F12；J K N U C F S + - 空格和回车已被占用</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>when to tick it (shown under the name)</source>
        <translation>何时勾选它（显示在名称下方）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Changes are saved at once; Undo takes any of them back, deleted ticks included. In a field, Ctrl+Z undoes your typing until you press Enter; after that it undoes the category change named on the Undo button.</source>
        <translation>更改会立即保存；“撤销”可以撤回其中任何一项，包括被删除的勾选。在输入框中，按回车之前 Ctrl+Z 撤销的是输入的文字；之后撤销的是“撤销”按钮上所写的类别更改。</translation>
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
        <source>    · label error</source>
        <translation>    · 标注错误</translation>
    </message>
    <message>
        <source>Ticked on {count} item{0}.</source>
        <translation>已在 {count} 个样本上勾选。</translation>
    </message>
    <message>
        <source>Colour of “{name}”</source>
        <translation>“{name}”的颜色</translation>
    </message>
    <message>
        <source>Its ticks on {count} item{0} go with it.</source>
        <translation>它在 {count} 个样本上的勾选会一并删除。</translation>
    </message>
    <message>
        <source>No item is ticked with it.</source>
        <translation>没有样本勾选了它。</translation>
    </message>
    <message>
        <source>Delete category</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Delete the category “{name}”?

{ticks}

Edit ▸ Undo (Ctrl+Z) brings the category and its ticks back.</source>
        <translation>删除类别“{name}”？

{ticks}

“编辑 ▸ 撤销”（Ctrl+Z）可以恢复该类别及其勾选。</translation>
    </message>
</context>
<context>
    <name>CategoryRow</name>
    <message>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Press {0} to tick or untick</source>
        <translation>按 {0} 勾选或取消勾选</translation>
    </message>
    <message>
        <source>No key: assign one in Edit ▸ Categories…</source>
        <translation>没有按键：请在“编辑 ▸ 类别…”中分配一个</translation>
    </message>
    <message>
        <source>Suggested, not ticked: %1 confirms, %2 rejects</source>
        <translation>建议但未勾选：%1 确认，%2 拒绝</translation>
    </message>
    <message>
        <source>a click</source>
        <translation>点击</translation>
    </message>
    <message>
        <source>Shift+key</source>
        <translation>Shift+按键</translation>
    </message>
</context>
<context>
    <name>ChooseDialog</name>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Optimize one metric; hold the others to thresholds (satisficing). Models that miss a threshold are dropped; the rest are ranked, and the verdict says whether the winner&apos;s lead is larger than the dev set can resolve.</source>
        <translation>优化一个指标；其他指标设定阈值（满足指标）。未达到阈值的模型被淘汰；其余模型参与排名，结论会说明胜出者的领先是否超出验证集的分辨能力。</translation>
    </message>
    <message>
        <source>runs.csv: a name column and metric columns</source>
        <translation>runs.csv：一个名称列和若干指标列</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>by its name</source>
        <translation>按其名称</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>latency_ms&lt;=100
size_mb&lt;=50</source>
        <translation>latency_ms&lt;=100
size_mb&lt;=50</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>How many dev examples a table&apos;s accuracies were measured on: the resolution of the lead needs it (predictions files give it themselves).</source>
        <translation>表中准确率是在多少个验证集样本上测得的：判断领先的分辨率需要它（预测文件自带此信息）。</translation>
    </message>
    <message>
        <source>label=porn:10; split=dev:1</source>
        <translation>label=porn:10; split=dev:1</translation>
    </message>
    <message>
        <source>Weight rules for the predictions files, separated by &apos;;&apos; (METHOD.md §6): adds weighted_error, the dev error as the users count it.</source>
        <translation>预测文件的权重规则，用 &apos;;&apos; 分隔（METHOD.md §6）：增加 weighted_error，即按用户计算方式得到的验证集误差。</translation>
    </message>
    <message>
        <source>Candidates table</source>
        <translation>候选模型表</translation>
    </message>
    <message>
        <source>Predictions files</source>
        <translation>预测文件</translation>
    </message>
    <message>
        <source>Weights (optional)</source>
        <translation>权重（可选）</translation>
    </message>
    <message>
        <source>Optimize</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Satisficing (one per line)</source>
        <translation>满足指标（每行一个）</translation>
    </message>
    <message>
        <source>Dev set size</source>
        <translation>验证集大小</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>A model&apos;s predictions file</source>
        <translation>一个模型的预测文件</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>Name of this model:</source>
        <translation>该模型的名称：</translation>
    </message>
    <message>
        <source>name the metric to optimize, e.g. accuracy</source>
        <translation>请指定要优化的指标，例如 accuracy</translation>
    </message>
    <message>
        <source>weight rules apply to predictions files: add one per model</source>
        <translation>权重规则作用于预测文件：请为每个模型添加一个</translation>
    </message>
    <message>
        <source>Pick a table or predictions files, then Choose.</source>
        <translation>选择一个表格或若干预测文件，然后点击“选择”。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Constraint missed</source>
        <translation>未满足的约束</translation>
    </message>
    <message>
        <source>The optimizing metric ({0})</source>
        <translation>优化指标（{0}）</translation>
    </message>
    <message>
        <source>  (winner)</source>
        <translation>  （胜出）</translation>
    </message>
    <message>
        <source>Dropped: misses {0}</source>
        <translation>已淘汰：未满足 {0}</translation>
    </message>
</context>
<context>
    <name>CommentBox</name>
    <message>
        <source>What do you see? e.g. “lion”, “rainy day at the zoo”</source>
        <translation>你看到了什么？例如“狮子”“动物园的雨天”</translation>
    </message>
</context>
<context>
    <name>ConfusionModel</name>
    <message>
        <source>correctly classified</source>
        <translation>分类正确</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>{0}: {count:,} dev example{1} ({what})</source>
        <translation>{0}：{count:,} 个验证集样本（{what}）</translation>
    </message>
    <message>
        <source>
{here:,} in this session: click to show them</source>
        <translation>
本会话中有 {here:,} 个：点击查看</translation>
    </message>
    <message>
        <source>
None in this session</source>
        <translation>
本会话中没有</translation>
    </message>
    <message>
        <source> (sample correct examples in the Labels tab to review some)</source>
        <translation>（可在“标签”页中抽样正确样本来审阅其中一些）</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
</context>
<context>
    <name>DiagnosisPanel</name>
    <message>
        <source>Human-level error</source>
        <translation>人类水平误差</translation>
    </message>
    <message>
        <source>Train error</source>
        <translation>训练集误差</translation>
    </message>
    <message>
        <source>Train-dev error</source>
        <translation>训练-验证集误差</translation>
    </message>
    <message>
        <source>Dev error</source>
        <translation>验证集误差</translation>
    </message>
    <message>
        <source>Test error</source>
        <translation>测试集误差</translation>
    </message>
    <message>
        <source>The error of an expert human (or a team of them): a proxy for the lowest error possible (Bayes error). Only you know it; it is stored in the session.</source>
        <translation>专家（或专家团队）的误差：可作为最低可能误差（贝叶斯误差）的近似。只有你知道它；它保存在会话中。</translation>
    </message>
    <message>
        <source>Error on the training data the model learnt from.</source>
        <translation>模型在其训练数据上的误差。</translation>
    </message>
    <message>
        <source>Error on a slice of training-distribution data the model never trained on; tells variance apart from data mismatch.</source>
        <translation>在与训练集同分布、但模型从未训练过的一部分数据上的误差；用来区分方差与数据不匹配。</translation>
    </message>
    <message>
        <source>Error on the dev set, the data you tune on.</source>
        <translation>在验证集（用于调参的数据）上的误差。</translation>
    </message>
    <message>
        <source>Error on the test set, held out until the end.</source>
        <translation>在测试集（留到最后才使用）上的误差。</translation>
    </message>
    <message>
        <source>Type what you know as a fraction (0.08) or a percentage (8%). An empty field uses the rate computed from the session&apos;s predictions, shown in grey.</source>
        <translation>以小数（0.08）或百分数（8%）输入你知道的误差率。留空则使用根据会话中的预测计算出的误差率（灰色显示）。</translation>
    </message>
    <message>
        <source>Type the error rates you know as a fraction (0.08) or a percentage (8%): this session was made from a folder of images, so it has no predictions to compute them from.</source>
        <translation>以小数（0.08）或百分数（8%）输入你知道的误差率：本会话由图像文件夹创建，没有可用来计算误差率的预测。</translation>
    </message>
    <message>
        <source>Error rates</source>
        <translation>误差率</translation>
    </message>
    <message>
        <source>Error ladder</source>
        <translation>误差阶梯</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>下一步做什么</translation>
    </message>
    <message>
        <source>A rate stored in the session is not valid: {error}</source>
        <translation>会话中保存的误差率无效：{error}</translation>
    </message>
    <message>
        <source>e.g. 1% or 0.01</source>
        <translation>例如 1% 或 0.01</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>typed by you</source>
        <translation>由你输入</translation>
    </message>
    <message>
        <source>a proxy for Bayes error</source>
        <translation>贝叶斯误差的近似</translation>
    </message>
    <message>
        <source>no such rows in the predictions</source>
        <translation>预测中没有这样的行</translation>
    </message>
    <message>
        <source>from the dev size</source>
        <translation>由验证集大小得出</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>计算得出</translation>
    </message>
    <message>
        <source>typed; {where}: {0}</source>
        <translation>手动输入；{where}：{0}</translation>
    </message>
    <message>
        <source>No primary problem</source>
        <translation>没有主要问题</translation>
    </message>
    <message>
        <source>No gap in this ladder is above zero: nothing here to reduce.</source>
        <translation>这条阶梯上没有大于零的差距：这里没有需要减小的。</translation>
    </message>
    <message>
        <source>No gap can be computed yet: give two neighbouring rates (for example the human-level and train errors, or the train and dev errors).</source>
        <translation>还无法计算任何差距：请给出两个相邻的误差率（例如人类水平误差和训练集误差，或训练集误差和验证集误差）。</translation>
    </message>
    <message>
        <source>Primary problem: {0} ({1})</source>
        <translation>主要问题：{0}（{1}）</translation>
    </message>
    <message>
        <source>Also worth working on (at least half the largest gap): {named}.</source>
        <translation>同样值得解决（至少为最大差距的一半）：{named}。</translation>
    </message>
    <message>
        <source>It is the only gap at least half the size of the largest: work on it first.</source>
        <translation>它是唯一一个至少为最大差距一半的差距：先解决它。</translation>
    </message>
    <message>
        <source>No human-level error yet: avoidable bias is unknown until you type it.</source>
        <translation>还没有人类水平误差：在你输入它之前，可避免偏差未知。</translation>
    </message>
    <message>
        <source>No train-dev error: variance is dev − train and includes any data mismatch between training and dev data.</source>
        <translation>没有训练-验证集误差：方差按“验证集 − 训练集”计算，其中包含训练数据与验证数据之间的任何数据不匹配。</translation>
    </message>
    <message>
        <source>This session was made from a folder of images, so only the rates you type (and the dev error, from the dev size) are known.</source>
        <translation>本会话由图像文件夹创建，因此只知道你输入的误差率（以及由验证集大小得出的验证集误差）。</translation>
    </message>
    <message>
        <source>Set {title} error to {0}</source>
        <translation>将{title}误差设为 {0}</translation>
    </message>
    <message>
        <source>Clear the typed {title} error</source>
        <translation>清除手动输入的{title}误差</translation>
    </message>
</context>
<context>
    <name>EditCategoryCommand</name>
    <message>
        <source>Edit category &apos;{name}&apos;</source>
        <translation>编辑类别“{name}”</translation>
    </message>
</context>
<context>
    <name>GainChart</name>
    <message>
        <source>Max gain, percentage points of dev error (whiskers: 95% interval)</source>
        <translation>最大收益，验证集误差的百分点（须线：95% 区间）</translation>
    </message>
    <message>
        <source>Share of reviewed errors, % (whiskers: 95% interval)</source>
        <translation>在已审阅错误中的占比，%（须线：95% 区间）</translation>
    </message>
    <message>
        <source>No categories yet: add one to start counting</source>
        <translation>还没有类别：添加一个即可开始计数</translation>
    </message>
    <message>
        <source>No reviewed errors yet: tick categories while reviewing and the bars appear</source>
        <translation>还没有已审阅的错误：审阅时勾选类别，柱状图就会出现</translation>
    </message>
</context>
<context>
    <name>GridView</name>
    <message>
        <source>Review order</source>
        <translation>审阅顺序</translation>
    </message>
    <message>
        <source>Score, highest first</source>
        <translation>分数从高到低</translation>
    </message>
    <message>
        <source>Score, lowest first</source>
        <translation>分数从低到高</translation>
    </message>
    <message>
        <source>True label</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confusion pair (true → predicted)</source>
        <translation>混淆对（真实 → 预测）</translation>
    </message>
    <message>
        <source>Blurriest first (sharpness)</source>
        <translation>最模糊的优先（清晰度）</translation>
    </message>
    <message>
        <source>Likely label errors first</source>
        <translation>可能的标注错误优先</translation>
    </message>
    <message>
        <source>The order of the grid (and of the spreadsheet)</source>
        <translation>网格（以及表格）的排序</translation>
    </message>
    <message>
        <source>Smaller thumbnails (Ctrl+-)</source>
        <translation>缩小缩略图（Ctrl+-）</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <source>Larger thumbnails (Ctrl+=)</source>
        <translation>放大缩略图（Ctrl+=）</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选中 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Select, then press a key</source>
        <translation>先选中，再按按键</translation>
    </message>
    <message>
        <source>Select thumbnails (click, Shift, Ctrl+A or drag a rectangle), then press a category&apos;s key to tick it on all of them; Shift+key rejects its suggestion</source>
        <translation>选中缩略图（点击、Shift、Ctrl+A 或拖出矩形），然后按类别的按键在它们上面全部勾选；Shift+按键拒绝它的建议</translation>
    </message>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1 of %2 items (the spreadsheet&apos;s filter)</source>
        <translation>正在显示 %1 / %2 个样本（表格的筛选）</translation>
    </message>
    <message>
        <source>Select thumbnails first</source>
        <translation>请先选中缩略图</translation>
    </message>
    <message>
        <source>No selected item has a suggested “%1” to reject</source>
        <translation>选中的样本中没有可拒绝的“%1”建议</translation>
    </message>
    <message numerus="yes">
        <source>Rejected the suggested “%1” on %n items</source>
        <translation>
            <numerusform>已在 %n 个样本上拒绝建议的“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ticked “%1” on %n items</source>
        <translation>
            <numerusform>已在 %n 个样本上勾选“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unticked “%1” on %n items</source>
        <translation>
            <numerusform>已在 %n 个样本上取消勾选“%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid view</source>
        <translation>网格视图</translation>
    </message>
    <message>
        <source>Tick (or untick) a category on the selection</source>
        <translation>在所选样本上勾选（或取消勾选）一个类别</translation>
    </message>
    <message>
        <source>its key</source>
        <translation>它的按键</translation>
    </message>
    <message>
        <source>Reject its suggestion on the selection</source>
        <translation>在所选样本上拒绝它的建议</translation>
    </message>
    <message>
        <source>Shift+its key</source>
        <translation>Shift+它的按键</translation>
    </message>
    <message>
        <source>Select all / extend the selection</source>
        <translation>全选 / 扩展选择</translation>
    </message>
    <message>
        <source>Ctrl+A, Shift+arrows</source>
        <translation>Ctrl+A、Shift+方向键</translation>
    </message>
    <message>
        <source>Larger / smaller thumbnails</source>
        <translation>放大 / 缩小缩略图</translation>
    </message>
    <message>
        <source>Ctrl+=, Ctrl+-</source>
        <translation>Ctrl+=、Ctrl+-</translation>
    </message>
    <message>
        <source>Open in the review view</source>
        <translation>在审阅视图中打开</translation>
    </message>
    <message>
        <source>Enter, double-click</source>
        <translation>回车、双击</translation>
    </message>
</context>
<context>
    <name>ImageCanvas</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <source>thumbnail size must be positive, got {size!r}</source>
        <translation>缩略图尺寸必须为正数，得到 {size!r}</translation>
    </message>
    <message>
        <source>The image did not load within {read_timeout_s:g} s (a slow or unreachable network drive?)</source>
        <translation>图像在 {read_timeout_s:g} 秒内未能加载（网络驱动器太慢或无法访问？）</translation>
    </message>
    <message>
        <source>Could not load image</source>
        <translation>无法加载图像</translation>
    </message>
</context>
<context>
    <name>ItemColumns</name>
    <message>
        <source>{name!r} changes with review edits: ask the session</source>
        <translation>{name!r} 会随审阅编辑而变化：请向会话查询</translation>
    </message>
    <message>
        <source>not an immutable sort key: {what!r}</source>
        <translation>不是不可变的排序键：{what!r}</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>not assessed: the category was added after this item was reviewed; a click ticks it, a second click says it does not apply</source>
        <translation>未评估：该类别是在此样本审阅之后添加的；点击一次为勾选，再点击一次表示不适用</translation>
    </message>
    <message>
        <source>not ticked</source>
        <translation>未勾选</translation>
    </message>
    <message>
        <source>ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source> by {reviewer}</source>
        <translation>（{reviewer}）</translation>
    </message>
    <message>
        <source>Skipped{by}: can&apos;t judge (in no share&apos;s denominator)</source>
        <translation>已跳过{by}：无法判断（不计入任何占比的分母）</translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation>尚未审阅</translation>
    </message>
    <message>
        <source>Reviewed{by}</source>
        <translation>已审阅{by}</translation>
    </message>
    <message>
        <source>Double-click to write a comment</source>
        <translation>双击以填写备注</translation>
    </message>
    <message>
        <source>score {score:.6g}</source>
        <translation>分数 {score:.6g}</translation>
    </message>
    <message>
        <source>
Key {shortcut} ticks it on the selected rows</source>
        <translation>
按 {shortcut} 在所选行上勾选它</translation>
    </message>
    <message>
        <source>
Kind: incorrect label</source>
        <translation>
类型：标注错误</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审阅</translation>
    </message>
    <message>
        <source>Thumbnail (sorts by image name)</source>
        <translation>缩略图（按图像名称排序）</translation>
    </message>
    <message>
        <source>Whether a reviewer has looked at the item</source>
        <translation>是否已有审阅者查看过该样本</translation>
    </message>
</context>
<context>
    <name>LabelsPanel</name>
    <message>
        <source>No category for incorrect labels</source>
        <translation>没有“标注错误”类别</translation>
    </message>
    <message>
        <source>To see how much of the dev error comes from wrong labels rather than from the model, the session needs a category of kind “incorrect label”. Add one here, or in Categories ▸ Edit categories (set its kind to “incorrect label”), then tick it on the errors whose true label is wrong.</source>
        <translation>要查看有多少验证集误差来自错误标签而不是模型，会话需要一个类型为“标注错误”的类别。可在这里添加，或在“类别 ▸ 编辑类别”中添加（将类型设为“标注错误”），然后在真实标签有误的错误样本上勾选它。</translation>
    </message>
    <message>
        <source>Add an “incorrect label” category</source>
        <translation>添加“标注错误”类别</translation>
    </message>
    <message>
        <source>How much of the dev error wrong labels cause</source>
        <translation>错误标签造成了多少验证集误差</translation>
    </message>
    <message>
        <source>Due to incorrect labels</source>
        <translation>由标注错误造成</translation>
    </message>
    <message>
        <source>Other causes</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>Dev error</source>
        <translation>验证集误差</translation>
    </message>
    <message>
        <source>Dev error with labels corrected</source>
        <translation>修正标签后的验证集误差</translation>
    </message>
    <message>
        <source>Add correct examples to review…</source>
        <translation>添加要审阅的正确样本…</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>查看它们</translation>
    </message>
    <message>
        <source>Show the correct examples sampled for label review</source>
        <translation>查看为标签审阅而抽样的正确样本</translation>
    </message>
    <message>
        <source>Compare with another model</source>
        <translation>与另一个模型比较</translation>
    </message>
    <message>
        <source>Pick a second model&apos;s predictions on the same dev set: are the two dev errors far enough apart that wrong labels cannot explain the difference?</source>
        <translation>选择第二个模型在同一验证集上的预测：两者的验证集误差之差是否大到错误标签无法解释？</translation>
    </message>
    <message>
        <source>Compare with another model…</source>
        <translation>与另一个模型比较…</translation>
    </message>
    <message>
        <source>This session was made from a folder of images: it has no dev predictions to compare. Make a session from a predictions file to compare two models.</source>
        <translation>本会话由图像文件夹创建：没有可比较的验证集预测。请由预测文件创建会话来比较两个模型。</translation>
    </message>
    <message>
        <source>Reviewed dev errors: {reviewed_errors:,} of {dev_errors:,}, with an incorrect label: {label_errors_among_errors:,}</source>
        <translation>已审阅的验证集错误：{reviewed_errors:,} / {dev_errors:,}，其中标注错误：{label_errors_among_errors:,}</translation>
    </message>
    <message>
        <source>The split needs the dev error rate: this session does not know the dev set size.</source>
        <translation>拆分需要验证集误差率：本会话不知道验证集大小。</translation>
    </message>
    <message>
        <source>No split yet: review some dev errors and tick “{name}” on those whose true label is wrong.</source>
        <translation>尚无拆分结果：请审阅一些验证集错误，并在真实标签有误的样本上勾选“{name}”。</translation>
    </message>
    <message>
        <source>{0} of the dev error</source>
        <translation>占验证集误差的 {0}</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>The corrected dev error needs the dev set size, which this session does not know.</source>
        <translation>修正后的验证集误差需要验证集大小，而本会话不知道它。</translation>
    </message>
    <message>
        <source>{0}  (at least {1}; no upper bound yet)</source>
        <translation>{0}（至少 {1}；暂无上界）</translation>
    </message>
    <message>
        <source>{0}  (95% interval {1} to {2})</source>
        <translation>{0}（95% 区间 {1} 至 {2}）</translation>
    </message>
    <message>
        <source>This assumes the correctly classified examples have right labels: none of the {waiting:,} in the session was reviewed yet. Review them to count the wrong labels they hide.</source>
        <translation>这里假定分类正确的样本标签都是对的：会话中的 {waiting:,} 个正确样本还没有审阅。审阅它们，才能统计其中隐藏的错误标签。</translation>
    </message>
    <message>
        <source>This assumes the correctly classified examples have right labels: a session made from a folder of images holds only the errors.</source>
        <translation>这里假定分类正确的样本标签都是对的：由图像文件夹创建的会话只包含错误样本。</translation>
    </message>
    <message>
        <source>This assumes the correctly classified examples have right labels: none was reviewed yet. Add some below and review them to count the wrong labels they hide.</source>
        <translation>这里假定分类正确的样本标签都是对的：还没有审阅任何正确样本。请在下方添加一些并审阅，以统计其中隐藏的错误标签。</translation>
    </message>
    <message>
        <source>Errors whose label is wrong are taken out; wrong labels found among the reviewed correct examples are model errors put back in.</source>
        <translation>标签有误的错误样本会被剔除；在已审阅的正确样本中发现的错误标签，会作为模型错误计入。</translation>
    </message>
    <message>
        <source>Reviewed correct examples: {reviewed_correct:,} of {correct_total:,}, with an incorrect label: {label_errors_among_correct:,}</source>
        <translation>已审阅的正确样本：{reviewed_correct:,} / {correct_total:,}，其中标注错误：{label_errors_among_correct:,}</translation>
    </message>
    <message>
        <source>Show the {in_session:,} in the session</source>
        <translation>查看会话中的 {in_session:,} 个</translation>
    </message>
    <message>
        <source>This session was made from a folder of images: it has no correctly classified examples to sample. Make a session from a predictions file to review them.</source>
        <translation>本会话由图像文件夹创建：没有可抽样的分类正确样本。请由预测文件创建会话来审阅它们。</translation>
    </message>
    <message>
        <source>Every correctly classified dev example is already in the session.</source>
        <translation>所有分类正确的验证集样本都已在会话中。</translation>
    </message>
    <message>
        <source>Sample some of the {available:,} correctly classified dev examples not in the session yet, to review their labels.</source>
        <translation>从尚未进入会话的 {available:,} 个分类正确的验证集样本中抽样一部分，审阅它们的标签。</translation>
    </message>
    <message>
        <source>This session was made from a folder of images: it has no dev predictions to compare.</source>
        <translation>本会话由图像文件夹创建：没有可比较的验证集预测。</translation>
    </message>
    <message>
        <source>This session&apos;s model (A)</source>
        <translation>本会话的模型（A）</translation>
    </message>
    <message>
        <source>{0} dev error ({dev_errors_a:,} of {dev_size:,})</source>
        <translation>验证集误差 {0}（{dev_errors_a:,} / {dev_size:,}）</translation>
    </message>
    <message>
        <source>{0} dev error ({dev_errors_b:,} of {dev_size:,})</source>
        <translation>验证集误差 {0}（{dev_errors_b:,} / {dev_size:,}）</translation>
    </message>
    <message>
        <source>Difference (A − B)</source>
        <translation>差值（A − B）</translation>
    </message>
    <message>
        <source>Label noise</source>
        <translation>标签噪声</translation>
    </message>
    <message>
        <source>{0} of the dev set could explain {1} of the difference</source>
        <translation>占验证集 {0} 的错误标签可解释差值中的 {1}</translation>
    </message>
    <message>
        <source>not known yet: review errors and tick the incorrect-label category</source>
        <translation>尚未知：请审阅错误并勾选标注错误类别</translation>
    </message>
    <message>
        <source>incorrect label</source>
        <translation>标注错误</translation>
    </message>
    <message>
        <source>incorrect label {number}</source>
        <translation>标注错误 {number}</translation>
    </message>
    <message>
        <source>the true label itself is wrong</source>
        <translation>真实标签本身有误</translation>
    </message>
    <message>
        <source>Added the category “{name}”</source>
        <translation>已添加类别“{name}”</translation>
    </message>
    <message>
        <source>Added {n_added:,} correctly classified dev example{0} to the review, after the errors and marked “correct”. Review their labels like the errors. (Adding examples cannot be undone with Undo; unreviewed ones do not count.)</source>
        <translation>已将 {n_added:,} 个分类正确的验证集样本加入审阅，排在错误样本之后并标记为“正确”。请像审阅错误一样审阅它们的标签。（添加样本无法用“撤销”撤回；未审阅的样本不计入统计。）</translation>
    </message>
    <message>
        <source>Added {n_added:,} correct examples to review</source>
        <translation>已添加 {n_added:,} 个待审阅的正确样本</translation>
    </message>
    <message>
        <source>correct examples sampled for label review</source>
        <translation>为标签审阅而抽样的正确样本</translation>
    </message>
    <message>
        <source>Another model&apos;s predictions on the same dev set</source>
        <translation>另一个模型在同一验证集上的预测</translation>
    </message>
    <message>
        <source>Predictions ({patterns});;All files (*)</source>
        <translation>预测文件（{patterns}）;;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>LadderChart</name>
    <message>
        <source>No error rates yet: type the ones you know above to see the ladder.</source>
        <translation>还没有误差率：在上方输入你知道的误差率即可看到阶梯图。</translation>
    </message>
    <message>
        <source>Error rate (lower is better)</source>
        <translation>误差率（越低越好）</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Suggest from sharpness</source>
        <translation>根据清晰度建议</translation>
    </message>
    <message>
        <source>Suggest label errors</source>
        <translation>建议标注错误</translation>
    </message>
    <message>
        <source>Items among the blurriest of the session (variance of the Laplacian on a grey thumbnail) show a dashed “suggested” chip for this category. A suggestion is never a tick: its key confirms it, Shift+key rejects it.</source>
        <translation>在本会话中最模糊的样本（灰度缩略图上拉普拉斯算子的方差）会为该类别显示一个虚线的“建议”标记。建议永远不是勾选：按它的按键确认，Shift+按键拒绝。</translation>
    </message>
    <message>
        <source>Items whose label the model&apos;s scores contradict (confident learning) show a dashed “suggested” chip for this category. A suggestion is never a tick: its key confirms it, Shift+key rejects it.</source>
        <translation>模型分数与其标签相矛盾的样本（置信学习）会为该类别显示一个虚线的“建议”标记。建议永远不是勾选：按它的按键确认，Shift+按键拒绝。</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Suggest items blurrier than this share of the scored images</source>
        <translation>建议比所评分图像中这一比例更模糊的样本</translation>
    </message>
    <message>
        <source>Blurrier than:</source>
        <translation>模糊程度超过：</translation>
    </message>
</context>
<context>
    <name>LocateImagesCommand</name>
    <message>
        <source>Locate images</source>
        <translation>定位图像</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Spreadsheet</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>One item at a time, large (Ctrl+1)</source>
        <translation>一次一个样本，大图显示（Ctrl+1）</translation>
    </message>
    <message>
        <source>Every item in a table: sort, filter, tick many (Ctrl+2)</source>
        <translation>所有样本列在表格中：排序、筛选、批量勾选（Ctrl+2）</translation>
    </message>
    <message>
        <source>Thumbnails of many items: select, tick in bulk (Ctrl+3)</source>
        <translation>大量样本的缩略图：选中后批量勾选（Ctrl+3）</translation>
    </message>
    <message>
        <source>Tally</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Read-only: {read_only_reason}. You can look, filter and export; ticks and comments cannot be saved. Save a copy to review it here.</source>
        <translation>只读：{read_only_reason}。你可以查看、筛选和导出；勾选和备注无法保存。保存一份副本即可在这里审阅。</translation>
    </message>
    <message>
        <source>Save a copy and review it…</source>
        <translation>保存副本并审阅…</translation>
    </message>
    <message>
        <source>Reviewing as {reviewer}: Edit ▸ Set reviewer name… changes it.</source>
        <translation>当前审阅者为 {reviewer}：可通过“编辑 ▸ 设置审阅者姓名…”更改。</translation>
    </message>
    <message>
        <source>✓ All changes saved</source>
        <translation>✓ 所有更改已保存</translation>
    </message>
    <message>
        <source>Every tick and comment is written to the session file the moment you make it.</source>
        <translation>每一次勾选和备注都会在你操作的瞬间写入会话文件。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open predictions file…</source>
        <translation>打开预测文件…</translation>
    </message>
    <message>
        <source>Open image folder…</source>
        <translation>打开图像文件夹…</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Export review spreadsheet…</source>
        <translation>导出审阅表格…</translation>
    </message>
    <message>
        <source>Export tally table…</source>
        <translation>导出统计表…</translation>
    </message>
    <message>
        <source>Export chart as PNG…</source>
        <translation>将图表导出为 PNG…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>保存副本…</translation>
    </message>
    <message>
        <source>A complete, consistent copy of the session (safe while it is open)</source>
        <translation>会话的一份完整、一致的副本（会话打开时也可安全保存）</translation>
    </message>
    <message>
        <source>Locate images…</source>
        <translation>定位图像…</translation>
    </message>
    <message>
        <source>The images moved, or the predictions file was copied away from them</source>
        <translation>图像被移动了，或者预测文件被复制到了别处</translation>
    </message>
    <message>
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <source>Where the session, its source and images are</source>
        <translation>会话、其来源和图像所在的位置</translation>
    </message>
    <message>
        <source>Close session</source>
        <translation>关闭会话</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
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
        <source>Add category…</source>
        <translation>添加类别…</translation>
    </message>
    <message>
        <source>A new category in the middle of the review (the “Instagram filter” moment)</source>
        <translation>在审阅途中新增一个类别（发现“Instagram 滤镜”的那一刻）</translation>
    </message>
    <message>
        <source>Categories…</source>
        <translation>类别…</translation>
    </message>
    <message>
        <source>Set reviewer name…</source>
        <translation>设置审阅者姓名…</translation>
    </message>
    <message>
        <source>Set dev set size…</source>
        <translation>设置验证集大小…</translation>
    </message>
    <message>
        <source>How many dev examples there are: turns shares into dev-error gains</source>
        <translation>验证集有多少个样本：把占比换算成验证集误差上的收益</translation>
    </message>
    <message>
        <source>Weights…</source>
        <translation>权重…</translation>
    </message>
    <message>
        <source>Weigh the errors that cost more (label=porn:10): weighted dev error</source>
        <translation>给代价更高的错误加权（label=porn:10）：加权验证集误差</translation>
    </message>
    <message>
        <source>95% intervals</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Exact (hypergeometric; never below 95%)</source>
        <translation>精确（超几何分布；覆盖率不低于 95%）</translation>
    </message>
    <message>
        <source>Wilson with finite-population correction (the first version&apos;s)</source>
        <translation>带有限总体校正的 Wilson 区间（第一版所用）</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审阅(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Tally panel</source>
        <translation>统计面板</translation>
    </message>
    <message>
        <source>Show the tally in front (again: hide it)</source>
        <translation>把统计面板放到最前（再按一次：隐藏）</translation>
    </message>
    <message>
        <source>Analysis panel (diagnosis, labels, metrics)</source>
        <translation>分析面板（诊断、标签、指标）</translation>
    </message>
    <message>
        <source>Show the analysis in front (again: hide it)</source>
        <translation>把分析面板放到最前（再按一次：隐藏）</translation>
    </message>
    <message>
        <source>Compact layout (small screens)</source>
        <translation>紧凑布局（小屏幕）</translation>
    </message>
    <message>
        <source>Show all items (clear category filter)</source>
        <translation>显示全部样本（清除类别筛选）</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <source>One optimizing metric, thresholds on the others: which model wins</source>
        <translation>一个优化指标，其余指标设阈值：哪个模型胜出</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About erroranalysis</source>
        <translation>关于 erroranalysis</translation>
    </message>
    <message>
        <source>Showing all items.</source>
        <translation>正在显示全部样本。</translation>
    </message>
    <message>
        <source>Showing only the {count} items ticked “{name}”. Esc (in the review) or View ▸ Show all items goes back.</source>
        <translation>仅显示勾选了“{name}”的 {count} 个样本。按 Esc（在审阅视图中）或“视图 ▸ 显示全部样本”返回。</translation>
    </message>
    <message>
        <source>Showing {n_item_ids} items: {description}</source>
        <translation>正在显示 {n_item_ids} 个样本：{description}</translation>
    </message>
    <message>
        <source>{done:,} / {total:,} reviewed</source>
        <translation>已审阅 {done:,} / {total:,}</translation>
    </message>
    <message>
        <source> · {skipped:,} skipped</source>
        <translation> · 已跳过 {skipped:,}</translation>
    </message>
    <message>
        <source>⚠ Not saved</source>
        <translation>⚠ 未保存</translation>
    </message>
    <message>
        <source>
The change is not shown as made. Try again once the cause is fixed: nothing saved before is lost.</source>
        <translation>
该更改没有生效。请在排除原因后重试：之前保存的内容都不会丢失。</translation>
    </message>
    <message>
        <source> — try again</source>
        <translation> —— 请重试</translation>
    </message>
    <message>
        <source> The change is not shown as made.</source>
        <translation> 该更改没有生效。</translation>
    </message>
    <message>
        <source> Make the change again once it is fixed.</source>
        <translation> 问题解决后请再做一次该更改。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>reviewer: {reviewer}</source>
        <translation>审阅者：{reviewer}</translation>
    </message>
    <message>
        <source>Undo {0}</source>
        <translation>撤销{0}</translation>
    </message>
    <message>
        <source>Redo {0}</source>
        <translation>重做{0}</translation>
    </message>
    <message>
        <source>Undo of “{text}”: {error}</source>
        <translation>撤销“{text}”：{error}</translation>
    </message>
    <message>
        <source>Redo of “{text}”: {error}</source>
        <translation>重做“{text}”：{error}</translation>
    </message>
    <message>
        <source>Undid: {text}</source>
        <translation>已撤销：{text}</translation>
    </message>
    <message>
        <source>Redid: {text}</source>
        <translation>已重做：{text}</translation>
    </message>
    <message>
        <source>exact intervals</source>
        <translation>精确区间</translation>
    </message>
    <message>
        <source>Wilson-FPC intervals</source>
        <translation>Wilson-FPC 区间</translation>
    </message>
    <message>
        <source>Use {0}</source>
        <translation>使用{0}</translation>
    </message>
    <message>
        <source>The tally now uses {0}.</source>
        <translation>统计现在使用{0}。</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审阅者</translation>
    </message>
    <message>
        <source>Your name (kept with each item you review):</source>
        <translation>你的姓名（与你审阅的每个样本一起保存）：</translation>
    </message>
    <message>
        <source>Reviewer: {0}</source>
        <translation>审阅者：{0}</translation>
    </message>
    <message>
        <source>Dev set size</source>
        <translation>验证集大小</translation>
    </message>
    <message>
        <source>Number of examples in the dev set (at least the {errors:,} dev errors):</source>
        <translation>验证集中的样本数（至少为 {errors:,} 个验证集错误）：</translation>
    </message>
    <message>
        <source>the dev set cannot be smaller than its {dev_errors} errors</source>
        <translation>验证集不能小于其中的 {dev_errors} 个错误</translation>
    </message>
    <message>
        <source>Dev set size {size:,}: dev error {rate:.2%}</source>
        <translation>验证集大小 {size:,}：验证集误差 {rate:.2%}</translation>
    </message>
    <message>
        <source>Dev set size forgotten</source>
        <translation>已清除验证集大小</translation>
    </message>
    <message>
        <source>Export review spreadsheet</source>
        <translation>导出审阅表格</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Wrote {rows} rows to {path}</source>
        <translation>已将 {rows} 行写入 {path}</translation>
    </message>
    <message>
        <source>Export tally table</source>
        <translation>导出统计表</translation>
    </message>
    <message>
        <source>Wrote the tally to {path}</source>
        <translation>已将统计表写入 {path}</translation>
    </message>
    <message>
        <source>Wrote the weighted tally to {path}</source>
        <translation>已将加权统计表写入 {path}</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>{path}: could not write the chart (is the folder writable?)</source>
        <translation>{path}：无法写入图表（该文件夹是否可写？）</translation>
    </message>
    <message>
        <source>Saved the chart to {path}</source>
        <translation>已将图表保存到 {path}</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML report (*.html);;Markdown (*.md)</source>
        <translation>HTML 报告 (*.html);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Wrote the report to {path}</source>
        <translation>已将报告写入 {path}</translation>
    </message>
    <message>
        <source>No other recent sessions</source>
        <translation>没有其他最近的会话</translation>
    </message>
    <message>
        <source>Review view</source>
        <translation>审阅视图</translation>
    </message>
    <message>
        <source>Spreadsheet view</source>
        <translation>表格视图</translation>
    </message>
    <message>
        <source>Grid view</source>
        <translation>网格视图</translation>
    </message>
    <message>
        <source>Window and menus</source>
        <translation>窗口和菜单</translation>
    </message>
    <message>
        <source>None of the {checked:,} images checked was found</source>
        <translation>检查的 {checked:,} 张图像一张都没有找到</translation>
    </message>
    <message>
        <source>{missing:,} of the {checked:,} images checked were not found</source>
        <translation>检查的 {checked:,} 张图像中有 {missing:,} 张没有找到</translation>
    </message>
    <message>
        <source>{share} (looked under {base_dir}). If the predictions file was copied away from its images, show the folder they are in.</source>
        <translation>{share}（查找位置：{base_dir}）。如果预测文件被复制到了别处，请指出图像所在的文件夹。</translation>
    </message>
    <message>
        <source>The folder the images are in</source>
        <translation>图像所在的文件夹</translation>
    </message>
    <message>
        <source>Found {found:,} of {total:,} images in {folder}.</source>
        <translation>在 {folder} 中找到了 {found:,} / {total:,} 张图像。</translation>
    </message>
    <message>
        <source>Save a copy of the session</source>
        <translation>保存会话副本</translation>
    </message>
    <message>
        <source>Review sessions (*{SESSION_SUFFIX})</source>
        <translation>审阅会话 (*{SESSION_SUFFIX})</translation>
    </message>
    <message>
        <source>Saved a copy as {copy}</source>
        <translation>已保存副本：{copy}</translation>
    </message>
    <message>
        <source>Save a copy to review</source>
        <translation>保存副本以便审阅</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language: {name}.</source>
        <translation>语言：{name}。</translation>
    </message>
    <message>
        <source>The app speaks {name} from its next start.</source>
        <translation>下次启动时将使用{name}。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;erroranalysis&lt;/h3&gt;&lt;p&gt;Error analysis as taught in &lt;i&gt;Structuring Machine Learning Projects&lt;/i&gt;: look at the dev examples your model gets wrong, tick why, and see how far fixing each cause could bring the dev error down.&lt;/p&gt;&lt;p&gt;Session: {0}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;erroranalysis&lt;/h3&gt;&lt;p&gt;按《构建机器学习项目》（Structuring Machine Learning Projects）课程所讲的方法做误差分析：查看模型在验证集上分错的样本，勾选原因，看看修复每种原因最多能把验证集误差降低多少。&lt;/p&gt;&lt;p&gt;会话：{0}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Macro: the mean over classes. Micro: pooled over all examples (equals accuracy).</source>
        <translation>宏平均：各类别的平均值。微平均：在所有样本上汇总计算（等于准确率）。</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Rows: true class · columns: predicted class</source>
        <translation>行：真实类别 · 列：预测类别</translation>
    </message>
    <message>
        <source>Click a cell to see its examples that are in this session.</source>
        <translation>点击单元格，查看其中属于本会话的样本。</translation>
    </message>
    <message>
        <source>No per-class metrics for this session</source>
        <translation>本会话没有按类别的指标</translation>
    </message>
    <message>
        <source>It was made from a folder of images, so it only holds the errors: precision, recall, F1 and the confusion matrix need every dev example&apos;s true label and prediction, right and wrong. Make a session from a predictions file (a CSV with label and prediction columns for the whole dev set) to see them.</source>
        <translation>它由图像文件夹创建，因此只包含错误样本：精确率、召回率、F1 和混淆矩阵需要每个验证集样本（无论对错）的真实标签和预测。请由预测文件（包含整个验证集 label 和 prediction 列的 CSV）创建会话来查看它们。</translation>
    </message>
    <message>
        <source>Dev split: {size:,} examples, accuracy {0}</source>
        <translation>验证集：{size:,} 个样本，准确率 {0}</translation>
    </message>
    <message>
        <source>weighted avg</source>
        <translation>加权平均</translation>
    </message>
    <message>
        <source>micro avg</source>
        <translation>微平均</translation>
    </message>
    <message>
        <source>Showing {n_ids:,} item{0}: {description}</source>
        <translation>正在显示 {n_ids:,} 个样本：{description}</translation>
    </message>
    <message>
        <source>No dev example is {description}.</source>
        <translation>没有验证集样本属于{description}。</translation>
    </message>
    <message>
        <source>None of the {description} examples is in this session: it holds the dev errors, and correct examples only once you sample some for label review (Labels tab).</source>
        <translation>本会话中没有“{description}”的样本：会话包含验证集错误；只有在你为标签审阅抽样后（“标签”页）才包含正确样本。</translation>
    </message>
    <message>
        <source>None of the {description} examples is in this session: it holds a sample of the dev errors.</source>
        <translation>本会话中没有“{description}”的样本：会话只包含验证集错误的一个样本子集。</translation>
    </message>
</context>
<context>
    <name>MetricsTableModel</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持数</translation>
    </message>
    <message>
        <source>Of the examples predicted as this class, the share that are it</source>
        <translation>被预测为该类别的样本中，真正属于该类别的比例</translation>
    </message>
    <message>
        <source>Of the examples of this class, the share predicted as it</source>
        <translation>属于该类别的样本中，被预测为该类别的比例</translation>
    </message>
    <message>
        <source>The harmonic mean of precision and recall: 2PR / (P + R)</source>
        <translation>精确率与召回率的调和平均：2PR / (P + R)</translation>
    </message>
    <message>
        <source>Dev examples whose true label is this class</source>
        <translation>真实标签为该类别的验证集样本数</translation>
    </message>
    <message>
        <source>{kind} avg</source>
        <translation>{kind}平均</translation>
    </message>
    <message>
        <source>Macro average: the plain mean over classes (F1 = mean of per-class F1)</source>
        <translation>宏平均：各类别的简单平均（F1 = 各类别 F1 的平均）</translation>
    </message>
    <message>
        <source>Weighted average: the mean over classes weighted by their support</source>
        <translation>加权平均：按各类别支持数加权的平均</translation>
    </message>
    <message>
        <source>Micro average: pooled over all examples; for one label per example it equals accuracy ({0})</source>
        <translation>微平均：在所有样本上汇总计算；每个样本只有一个标签时等于准确率（{0}）</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <source>New review session</source>
        <translation>新建审阅会话</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; has no review session yet. It will be saved as &lt;i&gt;{name2}&lt;/i&gt; beside it, and every tick is saved as you go.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; 还没有审阅会话。会话将保存为旁边的 &lt;i&gt;{name2}&lt;/i&gt;，每次勾选都会随时保存。</translation>
    </message>
    <message>
        <source>All of them</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>A random sample of</source>
        <translation>随机抽样</translation>
    </message>
    <message>
        <source> errors</source>
        <translation> 个错误</translation>
    </message>
    <message>
        <source>The same seed draws the same sample again</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>The course suggests looking at about 100 errors; a sample&apos;s tally comes with 95% intervals.</source>
        <translation>课程建议查看约 100 个错误；抽样的统计结果会附带 95% 区间。</translation>
    </message>
    <message>
        <source>Which errors to review</source>
        <translation>要审阅哪些错误</translation>
    </message>
    <message>
        <source>comma-separated names, or a categories file</source>
        <translation>以逗号分隔的名称，或一个类别文件</translation>
    </message>
    <message>
        <source>Also an “incorrect label” category (splits the dev error into wrong labels and the model&apos;s own errors)</source>
        <translation>另加一个“标注错误”类别（把验证集误差拆分为错误标签造成的部分和模型自身的错误）</translation>
    </message>
    <message>
        <source>Course examples</source>
        <translation>课程示例</translation>
    </message>
    <message>
        <source>dog, great cat, blurry: the course&apos;s cat-classifier examples</source>
        <translation>狗、大型猫科动物、模糊：课程中猫分类器的例子</translation>
    </message>
    <message>
        <source>What explains your model&apos;s errors? The course&apos;s cat-classifier examples are filled in: type your own, comma-separated (or give a file with one “name | kind | description” per line). You can add more while reviewing.</source>
        <translation>是什么导致了模型的错误？这里预填了课程中猫分类器的例子：请输入你自己的类别，用逗号分隔（或给出一个每行一条“名称 | 类型 | 说明”的文件）。审阅过程中还可以继续添加。</translation>
    </message>
    <message>
        <source>Categories to tick</source>
        <translation>要勾选的类别</translation>
    </message>
    <message>
        <source>Unknown: shares only, no ceilings</source>
        <translation>未知：只显示占比，不显示上限</translation>
    </message>
    <message>
        <source>Dev set size</source>
        <translation>验证集大小</translation>
    </message>
    <message>
        <source>Dev error rate</source>
        <translation>验证集误差率</translation>
    </message>
    <message>
        <source>Dev set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Every image in the folder is a dev error. Give the size of the dev set (or the error rate) to see how far each fix could bring the dev error down.</source>
        <translation>文件夹中的每张图像都是一个验证集错误。给出验证集大小（或误差率），即可看到每项修复最多能把验证集误差降低多少。</translation>
    </message>
    <message>
        <source>Start reviewing</source>
        <translation>开始审阅</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is given twice</source>
        <translation>“{name}”出现了两次</translation>
    </message>
    <message>
        <source>name at least one category (you can add more while reviewing)</source>
        <translation>请至少给出一个类别（审阅过程中还可以继续添加）</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Session properties</source>
        <translation>会话属性</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>RemoveCategoryCommand</name>
    <message>
        <source>Delete category &apos;{name}&apos;</source>
        <translation>删除类别“{name}”</translation>
    </message>
</context>
<context>
    <name>ReorderCategoriesCommand</name>
    <message>
        <source>Reorder categories</source>
        <translation>重新排序类别</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Stop the revisit pass (Esc); Ctrl+R resumes it</source>
        <translation>停止补查（Esc）；Ctrl+R 继续</translation>
    </message>
    <message>
        <source>True label</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Tick every one that applies: press its key. Enter: done (none, or no more, applies) · S: can&apos;t judge</source>
        <translation>勾选所有适用的类别：按对应按键。回车：完成（没有或不再有适用的类别）· S：无法判断</translation>
    </message>
    <message>
        <source>+  Add category…   Ctrl+N</source>
        <translation>+  添加类别…   Ctrl+N</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>C to write · Enter saves and goes back · Shift+Enter new line</source>
        <translation>按 C 填写 · 回车保存并返回 · Shift+回车换行</translation>
    </message>
    <message>
        <source>Go to the next item after a tick</source>
        <translation>勾选后转到下一个样本</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>下一个样本</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>上一个样本</translation>
    </message>
    <message>
        <source>First item</source>
        <translation>第一个样本</translation>
    </message>
    <message>
        <source>Last item</source>
        <translation>最后一个样本</translation>
    </message>
    <message>
        <source>Next unreviewed item</source>
        <translation>下一个未审阅样本</translation>
    </message>
    <message>
        <source>Done: reviewed, go to the next</source>
        <translation>完成：标记为已审阅，转到下一个</translation>
    </message>
    <message>
        <source>Reviewed: the ticked categories are all that apply (none, if nothing is ticked)</source>
        <translation>已审阅：勾选的类别就是全部适用的类别（未勾选则表示都不适用）</translation>
    </message>
    <message>
        <source>Skip: can&apos;t judge</source>
        <translation>跳过：无法判断</translation>
    </message>
    <message>
        <source>Unreadable or ambiguous: kept apart, in no share&apos;s denominator</source>
        <translation>无法辨认或有歧义：单独存放，不计入任何占比的分母</translation>
    </message>
    <message>
        <source>Mark unreviewed</source>
        <translation>标记为未审阅</translation>
    </message>
    <message>
        <source>Back to unreviewed (N will bring you here again)</source>
        <translation>恢复为未审阅（N 会再次带你回到这里）</translation>
    </message>
    <message>
        <source>Write a comment</source>
        <translation>填写备注</translation>
    </message>
    <message>
        <source>Resolve disagreements…</source>
        <translation>解决分歧…</translation>
    </message>
    <message>
        <source>A merged session: the items reviewers disagree on, each reviewer&apos;s answers shown; tick what applies, Enter when done</source>
        <translation>合并后的会话：审阅者意见不一致的样本，并显示每位审阅者的答案；勾选适用的类别，完成后按回车</translation>
    </message>
    <message>
        <source>Revisit earlier items for a new category…</source>
        <translation>为新类别补查之前的样本…</translation>
    </message>
    <message>
        <source>Walk the items reviewed before a category existed, for that category only</source>
        <translation>逐个查看在某个类别出现之前审阅过的样本，只针对该类别</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Actual size (1:1)</source>
        <translation>实际大小（1:1）</translation>
    </message>
    <message>
        <source>Show all items</source>
        <translation>显示全部样本</translation>
    </message>
    <message>
        <source>Stop a revisit pass, or stop showing only one category&apos;s items</source>
        <translation>停止补查，或停止只显示某一类别的样本</translation>
    </message>
    <message>
        <source>Next unreviewed</source>
        <translation>下一个未审阅</translation>
    </message>
    <message>
        <source>✓ Done   Enter</source>
        <translation>✓ 完成   回车</translation>
    </message>
    <message>
        <source>Skip: can&apos;t judge   S</source>
        <translation>跳过：无法判断   S</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Tick “{name}”</source>
        <translation>勾选“{name}”</translation>
    </message>
    <message>
        <source>Reject suggested “%1”</source>
        <translation>拒绝建议的“%1”</translation>
    </message>
    <message>
        <source>This session has no items</source>
        <translation>本会话没有样本</translation>
    </message>
    <message>
        <source> by {reviewer}</source>
        <translation>（{reviewer}）</translation>
    </message>
    <message>
        <source>✓ Reviewed</source>
        <translation>✓ 已审阅</translation>
    </message>
    <message>
        <source>Reviewed{by}. U marks it unreviewed.</source>
        <translation>已审阅{by}。按 U 标记为未审阅。</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Skipped{by}: can&apos;t judge. It is in no share&apos;s denominator. A tick or Enter reviews it after all; U makes it unreviewed.</source>
        <translation>已跳过{by}：无法判断。它不计入任何占比的分母。勾选或按回车仍可将其审阅；按 U 恢复为未审阅。</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>未审阅</translation>
    </message>
    <message>
        <source>Tick what applies, or press Enter if none does: either makes it reviewed. S skips it (can&apos;t judge).</source>
        <translation>勾选适用的类别；若都不适用，请按回车：两者都会将其标记为已审阅。按 S 跳过（无法判断）。</translation>
    </message>
    <message>
        <source>{done:,} of {total:,} reviewed</source>
        <translation>已审阅 {done:,} / {total:,}</translation>
    </message>
    <message>
        <source> · {skipped:,} skipped</source>
        <translation> · 已跳过 {skipped:,}</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>correctly classified (label check)</source>
        <translation>分类正确（标签检查）</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据划分</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>That was the last item. N goes to the next unreviewed one.</source>
        <translation>这是最后一个样本。按 N 转到下一个未审阅的样本。</translation>
    </message>
    <message>
        <source>This is the first item.</source>
        <translation>这是第一个样本。</translation>
    </message>
    <message>
        <source>Every item is reviewed, skipped or being reviewed by another reviewer.</source>
        <translation>每个样本都已审阅、已跳过或正由其他审阅者审阅。</translation>
    </message>
    <message>
        <source>Every item is reviewed or skipped. 🎉</source>
        <translation>所有样本都已审阅或跳过。🎉</translation>
    </message>
    <message>
        <source>Every item of this category is reviewed or skipped.</source>
        <translation>该类别的每个样本都已审阅或跳过。</translation>
    </message>
    <message>
        <source>{key}: reviewed, </source>
        <translation>{key}：已审阅，</translation>
    </message>
    <message>
        <source>no category applies.</source>
        <translation>没有适用的类别。</translation>
    </message>
    <message>
        <source>{ticked} categor{0}.</source>
        <translation>{ticked} 个类别。</translation>
    </message>
    <message>
        <source>{key} skipped: in no share&apos;s denominator. U makes it unreviewed again.</source>
        <translation>{key} 已跳过：不计入任何占比的分母。按 U 恢复为未审阅。</translation>
    </message>
    <message>
        <source>{key} is not reviewed yet.</source>
        <translation>{key} 尚未审阅。</translation>
    </message>
    <message>
        <source>{key} marked unreviewed; N will bring you back to it.</source>
        <translation>{key} 已标记为未审阅；按 N 会带你回到这里。</translation>
    </message>
    <message>
        <source>Ticked “{name}” on {key}</source>
        <translation>已在 {key} 上勾选“{name}”</translation>
    </message>
    <message>
        <source>Unticked “{name}” on {key}</source>
        <translation>已在 {key} 上取消勾选“{name}”</translation>
    </message>
    <message>
        <source>Nothing suggested to reject here</source>
        <translation>这里没有可拒绝的建议</translation>
    </message>
    <message>
        <source>Rejected the suggested “%1”</source>
        <translation>已拒绝建议的“%1”</translation>
    </message>
    <message>
        <source>Only a merged session has disagreements to resolve (erroranalysis merge).</source>
        <translation>只有合并后的会话才有需要解决的分歧（erroranalysis merge）。</translation>
    </message>
    <message>
        <source>No disagreement left: every reviewer agrees, or it was resolved.</source>
        <translation>没有剩余分歧：所有审阅者意见一致，或分歧已解决。</translation>
    </message>
    <message>
        <source>{n_disputed:,} items to resolve: tick what applies (each reviewer&apos;s answers are shown), Enter when done.</source>
        <translation>有 {n_disputed:,} 个样本待解决：勾选适用的类别（会显示每位审阅者的答案），完成后按回车。</translation>
    </message>
    <message>
        <source>Every disagreement is resolved.</source>
        <translation>所有分歧都已解决。</translation>
    </message>
    <message>
        <source>nothing ticked</source>
        <translation>未勾选任何类别</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>未审阅</translation>
    </message>
    <message>
        <source>Every category is assessed on every reviewed item: nothing to revisit.</source>
        <translation>每个类别都已在每个已审阅样本上评估过：没有需要补查的。</translation>
    </message>
    <message>
        <source>“{name}” is now assessed on every reviewed item.</source>
        <translation>“{name}”现已在每个已审阅样本上评估过。</translation>
    </message>
    <message>
        <source>Resolving disagreements: {left:,} items left. Tick what applies (each reviewer&apos;s answers are beside the categories), Enter when done, Esc to stop.</source>
        <translation>正在解决分歧：还剩 {left:,} 个样本。勾选适用的类别（每位审阅者的答案显示在类别旁），完成后按回车，按 Esc 停止。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>“{name}” is new: the {left:,} items reviewed before it were not checked for it, so its share counts only the items after. Revisit them for it alone?</source>
        <translation>“{name}”是新类别：在它之前审阅的 {left:,} 个样本没有针对它检查过，因此它的占比只统计之后的样本。要只针对它补查这些样本吗？</translation>
    </message>
    <message>
        <source>Revisit  Ctrl+R</source>
        <translation>补查  Ctrl+R</translation>
    </message>
    <message>
        <source>{key} if it applies</source>
        <translation>若适用请按 {key}</translation>
    </message>
    <message>
        <source>click the category if it applies</source>
        <translation>若适用请点击该类别</translation>
    </message>
    <message>
        <source>Revisiting for “{name}”: {left:,} left. Press {applies}, Enter if it does not, Esc to stop.</source>
        <translation>正在为“{name}”补查：还剩 {left:,} 个。{applies}；不适用请按回车，按 Esc 停止。</translation>
    </message>
    <message>
        <source>{here} of {n_positions}</source>
        <translation>第 {here} 个，共 {n_positions} 个</translation>
    </message>
    <message>
        <source>{n_positions} items</source>
        <translation>{n_positions} 个样本</translation>
    </message>
    <message>
        <source>Only “{name}”: {where}   ✕</source>
        <translation>仅“{name}”：{where}   ✕</translation>
    </message>
    <message>
        <source>Click or press Esc to move through all items again</source>
        <translation>点击或按 Esc 重新浏览全部样本</translation>
    </message>
    <message>
        <source>Comment saved.</source>
        <translation>备注已保存。</translation>
    </message>
    <message>
        <source>No items to review</source>
        <translation>没有要审阅的样本</translation>
    </message>
    <message>
        <source>Cannot show this image: {message}</source>
        <translation>无法显示此图像：{message}</translation>
    </message>
    <message>
        <source>Fit · {0:.0f}%</source>
        <translation>适应 · {0:.0f}%</translation>
    </message>
    <message>
        <source>Tick categories</source>
        <translation>勾选类别</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>审阅状态</translation>
    </message>
    <message>
        <source>Move through the review</source>
        <translation>在审阅中移动</translation>
    </message>
    <message>
        <source>Show all items again (after a category filter or a revisit)</source>
        <translation>重新显示全部样本（在类别筛选或补查之后）</translation>
    </message>
    <message>
        <source>Zoom at the mouse</source>
        <translation>以鼠标位置为中心缩放</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>拖动</translation>
    </message>
    <message>
        <source>Fit ↔ 1:1</source>
        <translation>适应 ↔ 1:1</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Comment box</source>
        <translation>备注框</translation>
    </message>
    <message>
        <source>Save and give the keys back</source>
        <translation>保存并交还按键</translation>
    </message>
    <message>
        <source>Enter, Ctrl+Enter or Esc</source>
        <translation>回车、Ctrl+回车或 Esc</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>换行</translation>
    </message>
</context>
<context>
    <name>SampleCorrectDialog</name>
    <message>
        <source>Add correct examples to review</source>
        <translation>添加要审阅的正确样本</translation>
    </message>
    <message>
        <source>A wrong label can hide a model error. Add a random sample of the dev examples the model got right ({available:,} not in the session yet) to review their labels like the errors. They are marked “correct” and counted apart from the errors.</source>
        <translation>错误的标签可能掩盖模型的错误。随机抽取一部分模型分类正确的验证集样本（尚未进入会话的有 {available:,} 个），像审阅错误一样审阅它们的标签。它们会被标记为“正确”，并与错误样本分开统计。</translation>
    </message>
    <message>
        <source>The same seed picks the same examples again.</source>
        <translation>相同的种子会再次抽取相同的样本。</translation>
    </message>
    <message>
        <source>Examples to add:</source>
        <translation>要添加的样本数：</translation>
    </message>
    <message>
        <source>Random seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Adding examples cannot be undone with Undo; examples you leave unreviewed do not count in any number.</source>
        <translation>添加样本无法用“撤销”撤回；未审阅的样本不计入任何数字。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>SetAssessedCommand</name>
    <message>
        <source>&apos;{name}&apos; does not apply</source>
        <translation>“{name}”不适用</translation>
    </message>
</context>
<context>
    <name>SetCommentCommand</name>
    <message>
        <source>Edit comment</source>
        <translation>编辑备注</translation>
    </message>
</context>
<context>
    <name>SetDevSizeCommand</name>
    <message>
        <source>Set dev set size</source>
        <translation>设置验证集大小</translation>
    </message>
    <message>
        <source>Forget dev set size</source>
        <translation>清除验证集大小</translation>
    </message>
</context>
<context>
    <name>SetMetaCommand</name>
    <message>
        <source>Set {0}</source>
        <translation>设置 {0}</translation>
    </message>
</context>
<context>
    <name>SetReviewStateCommand</name>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已审阅</translation>
    </message>
    <message>
        <source>Mark unreviewed</source>
        <translation>标记为未审阅</translation>
    </message>
    <message>
        <source>Skip (can&apos;t judge)</source>
        <translation>跳过（无法判断）</translation>
    </message>
    <message>
        <source>Done: nothing else applies</source>
        <translation>完成：没有其他适用的类别</translation>
    </message>
    <message>
        <source> ({count} items)</source>
        <translation>（{count} 个样本）</translation>
    </message>
</context>
<context>
    <name>SetTicksCommand</name>
    <message>
        <source>Tick</source>
        <translation>勾选</translation>
    </message>
    <message>
        <source>Untick</source>
        <translation>取消勾选</translation>
    </message>
    <message>
        <source> on {count} items</source>
        <translation>（{count} 个样本）</translation>
    </message>
</context>
<context>
    <name>SetWeightRulesCommand</name>
    <message>
        <source>Set weight rules</source>
        <translation>设置权重规则</translation>
    </message>
    <message>
        <source>Clear weight rules</source>
        <translation>清除权重规则</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>SlicesPanel</name>
    <message>
        <source>Which breakdown of the dev set to list</source>
        <translation>要列出验证集的哪种拆分</translation>
    </message>
    <message>
        <source>Hide slices with fewer dev errors than this</source>
        <translation>隐藏验证集错误少于此数的切片</translation>
    </message>
    <message>
        <source>Hide slices with fewer dev examples than this</source>
        <translation>隐藏验证集样本少于此数的切片</translation>
    </message>
    <message>
        <source>By:</source>
        <translation>按：</translation>
    </message>
    <message>
        <source>Min errors:</source>
        <translation>最少错误数：</translation>
    </message>
    <message>
        <source>Min examples:</source>
        <translation>最少样本数：</translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation>值得一看</translation>
    </message>
    <message>
        <source>A category among the slices</source>
        <translation>某个类别在各切片中的情况</translation>
    </message>
    <message>
        <source>Its share of the reviewed errors inside each slice, against outside it</source>
        <translation>它在每个切片内已审阅错误中的占比，与切片外相比</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Slice</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>Share [95%]</source>
        <translation>占比 [95%]</translation>
    </message>
    <message>
        <source>Elsewhere</source>
        <translation>切片外</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>Suggested ticks: how often you agreed</source>
        <translation>建议的勾选：你同意的频率</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>已建议</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Precision: accepted / decided. Suggestions are never ticks: the tally counts only the ones you confirmed. Review ▸ Suggested ticks links a category.</source>
        <translation>精确率：已接受 / 已决定。建议永远不是勾选：统计只计入你确认过的。“审阅 ▸ 建议的勾选”可以关联一个类别。</translation>
    </message>
    <message>
        <source>sharpness</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <source>label issues</source>
        <translation>标签问题</translation>
    </message>
    <message>
        <source>No slices for this session: it was made from a folder of images, so it has no predictions file to break down. Make a session from a predictions file (with metadata columns) to see where errors gather.</source>
        <translation>本会话没有切片：它由图像文件夹创建，没有可拆分的预测文件。请由预测文件（带元数据列）创建会话，以查看错误集中在哪里。</translation>
    </message>
    <message>
        <source>Computing the slices…</source>
        <translation>正在计算切片…</translation>
    </message>
    <message>
        <source>The slices could not be computed: %1</source>
        <translation>无法计算切片：%1</translation>
    </message>
    <message>
        <source>%1 dev examples, %2 errors (%3 dev error). Slices need at least %4 errors and %5 examples; rates with exact 95% intervals.</source>
        <translation>%1 个验证集样本，%2 个错误（验证集误差 %3）。切片至少需要 %4 个错误和 %5 个样本；误差率附精确 95% 区间。</translation>
    </message>
    <message>
        <source>Confusion pairs</source>
        <translation>混淆对</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>No slice stands out yet.</source>
        <translation>目前还没有突出的切片。</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>混淆对</translation>
    </message>
    <message>
        <source>Of dev error</source>
        <translation>占验证集误差</translation>
    </message>
    <message>
        <source>Of its class [95%]</source>
        <translation>占其类别 [95%]</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Error rate [95%]</source>
        <translation>错误率 [95%]</translation>
    </message>
    <message>
        <source>Elsewhere [95%]</source>
        <translation>切片外 [95%]</translation>
    </message>
    <message>
        <source>%1 more: erroranalysis slices SESSION --top 0</source>
        <translation>还有 %1 个：erroranalysis slices SESSION --top 0</translation>
    </message>
    <message>
        <source>%1 slices too small to judge are hidden (%2 errors)</source>
        <translation>%1 个过小而无法判断的切片已隐藏（%2 个错误）</translation>
    </message>
    <message>
        <source>* the two intervals do not overlap</source>
        <translation>* 两个区间不重叠</translation>
    </message>
    <message>
        <source>No slice has enough errors and examples.</source>
        <translation>没有切片的错误数和样本数足够。</translation>
    </message>
    <message>
        <source>No slice has %1 reviewed errors yet, or “%2” is not ticked anywhere.</source>
        <translation>还没有切片有 %1 个已审阅错误，或“%2”还没有在任何地方被勾选。</translation>
    </message>
</context>
<context>
    <name>SpreadsheetView</name>
    <message>
        <source>Tick category</source>
        <translation>勾选类别</translation>
    </message>
    <message>
        <source>Untick category</source>
        <translation>取消勾选类别</translation>
    </message>
    <message>
        <source>Tick category ▾</source>
        <translation>勾选类别 ▾</translation>
    </message>
    <message>
        <source>Tick a category on every selected row (or press its key)</source>
        <translation>在所有选中的行上勾选一个类别（或按它的按键）</translation>
    </message>
    <message>
        <source>Untick category ▾</source>
        <translation>取消勾选类别 ▾</translation>
    </message>
    <message>
        <source>Untick a category on every selected row</source>
        <translation>在所有选中的行上取消勾选一个类别</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已审阅</translation>
    </message>
    <message>
        <source>Mark not reviewed</source>
        <translation>标记为未审阅</translation>
    </message>
    <message>
        <source>Open in review view</source>
        <translation>在审阅视图中打开</translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Show all items again</source>
        <translation>重新显示全部样本</translation>
    </message>
    <message>
        <source>↻ Refresh filter</source>
        <translation>↻ 刷新筛选</translation>
    </message>
    <message>
        <source>Edits since the filter was applied may have changed which items match</source>
        <translation>应用筛选之后的编辑可能改变了哪些样本符合条件</translation>
    </message>
    <message>
        <source>Compact rows</source>
        <translation>紧凑行</translation>
    </message>
    <message>
        <source>Short rows: many more items on the screen</source>
        <translation>行高更小：屏幕上能显示更多样本</translation>
    </message>
    <message>
        <source>Show items with (or without) this category ticked</source>
        <translation>显示勾选了（或未勾选）该类别的样本</translation>
    </message>
    <message>
        <source>ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>not ticked</source>
        <translation>未勾选</translation>
    </message>
    <message>
        <source>Reviewed or not</source>
        <translation>是否已审阅</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审阅</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>未审阅</translation>
    </message>
    <message>
        <source>Skipped (can&apos;t judge)</source>
        <translation>已跳过（无法判断）</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Show items with this true label</source>
        <translation>显示具有此真实标签的样本</translation>
    </message>
    <message>
        <source>Any prediction</source>
        <translation>任意预测</translation>
    </message>
    <message>
        <source>Show items with this prediction</source>
        <translation>显示具有此预测的样本</translation>
    </message>
    <message>
        <source>Search image, comments, metadata…</source>
        <translation>搜索图像、备注、元数据…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>任意类别</translation>
    </message>
    <message>
        <source>Selected items</source>
        <translation>选中的样本</translation>
    </message>
    <message>
        <source>Showing only: {text}. Click to show all items again.</source>
        <translation>仅显示：{text}。点击重新显示全部样本。</translation>
    </message>
    <message>
        <source>{total:,} items</source>
        <translation>{total:,} 个样本</translation>
    </message>
    <message>
        <source>Showing {shown:,} of {total:,} items</source>
        <translation>正在显示 {shown:,} / {total:,} 个样本</translation>
    </message>
    <message>
        <source>{count:,} selected</source>
        <translation>已选中 {count:,} 个</translation>
    </message>
    <message>
        <source>Select rows, then press a category&apos;s key</source>
        <translation>先选中行，再按类别的按键</translation>
    </message>
    <message>
        <source>Select rows first</source>
        <translation>请先选中行</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>Unticked</source>
        <translation>已取消勾选</translation>
    </message>
    <message>
        <source>{verb} &apos;{name}&apos; on {n_ids:,} item{0}</source>
        <translation>已在 {n_ids:,} 个样本上{verb}“{name}”</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>Look at the examples your model gets wrong, tick why, and see which fix is worth it.</source>
        <translation>查看模型分错的样本，勾选原因，看看哪项修复值得去做。</translation>
    </message>
    <message>
        <source>Start a review</source>
        <translation>开始审阅</translation>
    </message>
    <message>
        <source>Open predictions file…</source>
        <translation>打开预测文件…</translation>
    </message>
    <message>
        <source>CSV, TSV or Parquet: image, label, prediction</source>
        <translation>CSV、TSV 或 Parquet：image、label、prediction</translation>
    </message>
    <message>
        <source>Open image folder…</source>
        <translation>打开图像文件夹…</translation>
    </message>
    <message>
        <source>A folder of misclassified images</source>
        <translation>一个包含分类错误图像的文件夹</translation>
    </message>
    <message>
        <source>Open review session…</source>
        <translation>打开审阅会话…</translation>
    </message>
    <message>
        <source>A {SESSION_SUFFIX} file, resumed where you stopped</source>
        <translation>一个 {SESSION_SUFFIX} 文件，从上次停下的地方继续</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>试用演示</translation>
    </message>
    <message>
        <source>62 real handwritten digits a real classifier got wrong</source>
        <translation>62 个真实分类器分错的真实手写数字</translation>
    </message>
    <message>
        <source>Open a server session…</source>
        <translation>打开服务器会话…</translation>
    </message>
    <message>
        <source>A team&apos;s live review on a PostgreSQL server (Ctrl+Alt+S): postgresql://user@host/database?session=NAME</source>
        <translation>团队在 PostgreSQL 服务器上的实时审阅（Ctrl+Alt+S）：postgresql://user@host/database?session=NAME</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>最近的会话</translation>
    </message>
    <message>
        <source>Enter or double-click opens a session</source>
        <translation>按回车或双击打开会话</translation>
    </message>
    <message>
        <source>Sessions you open show up here.</source>
        <translation>你打开过的会话会显示在这里。</translation>
    </message>
    <message>
        <source>Everything is saved as you go and works from the keyboard: in a review, press ? for every shortcut. Esc or Ctrl+Q quits.</source>
        <translation>所有内容都会随时保存，并且都可以用键盘操作：在审阅中按 ? 查看所有快捷键。按 Esc 或 Ctrl+Q 退出。</translation>
    </message>
    <message>
        <source>%d %b %Y, %H:%M</source>
        <translation>%Y年%m月%d日 %H:%M</translation>
    </message>
    <message>
        <source>{parent}  ·  opened {when}</source>
        <translation>{parent}  ·  打开于 {when}</translation>
    </message>
</context>
<context>
    <name>SuggestionMenu</name>
    <message>
        <source>Suggested ticks</source>
        <translation>建议的勾选</translation>
    </message>
    <message>
        <source>Suggest from sharpness…</source>
        <translation>根据清晰度建议…</translation>
    </message>
    <message>
        <source>Suggest likely label errors…</source>
        <translation>建议可能的标注错误…</translation>
    </message>
    <message>
        <source>Stop suggesting</source>
        <translation>停止建议</translation>
    </message>
    <message>
        <source>Scoring the sharpness of %1 images in the background…</source>
        <translation>正在后台为 %1 张图像的清晰度打分…</translation>
    </message>
    <message>
        <source>Label-error suggestions are unavailable: %1.</source>
        <translation>无法给出标注错误建议：%1。</translation>
    </message>
    <message>
        <source>%1 items suggested as likely label errors</source>
        <translation>%1 个样本被建议为可能的标注错误</translation>
    </message>
    <message>
        <source>No category is suggested any more</source>
        <translation>不再建议任何类别</translation>
    </message>
    <message>
        <source>Sharpness: %1 of %2 images scored</source>
        <translation>清晰度：已为 %1 / %2 张图像打分</translation>
    </message>
    <message>
        <source>Sharpness scored: suggestions are up to date</source>
        <translation>清晰度打分完成：建议已是最新</translation>
    </message>
</context>
<context>
    <name>SuggestionState</name>
    <message>
        <source>the session was made from a folder of images: it has no predictions</source>
        <translation>本会话由图像文件夹创建：没有预测</translation>
    </message>
</context>
<context>
    <name>TallyPanel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>Share (95%)</source>
        <translation>占比（95%）</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Max gain</source>
        <translation>最大收益</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Incorrect labels</source>
        <translation>标注错误</translation>
    </message>
    <message>
        <source>Max gain: the most that fixing every error of a category can cut the dev error. Ceiling: the dev error left if it were fixed. Click a category to see its items.</source>
        <translation>最大收益：修复某个类别的全部错误最多能让验证集误差降低多少。上限：修复之后剩下的验证集误差。点击类别可查看其样本。</translation>
    </message>
    <message>
        <source>Agreed answers</source>
        <translation>一致的答案</translation>
    </message>
    <message>
        <source>Majority of reviewers</source>
        <translation>多数审阅者</translation>
    </message>
    <message>
        <source>{name}&apos;s answers</source>
        <translation>{name} 的答案</translation>
    </message>
    <message>
        <source>Agreed: where every reviewer who looked agrees (disagreements out of the n until resolved). Majority: most reviewers&apos; answer (ties out). Or one reviewer&apos;s own.</source>
        <translation>一致：所有看过的审阅者意见一致（有分歧的样本在解决前不计入 n）。多数：多数审阅者的答案（平票不计）。也可以只看某一位审阅者的答案。</translation>
    </message>
    <message>
        <source>Where to work next</source>
        <translation>下一步该做什么</translation>
    </message>
    <message>
        <source>Max gain by category</source>
        <translation>各类别的最大收益</translation>
    </message>
    <message>
        <source>Share of reviewed errors</source>
        <translation>在已审阅错误中的占比</translation>
    </message>
    <message>
        <source>Dev error {rate} ({dev_errors:,} / {dev_size:,})</source>
        <translation>验证集误差 {rate}（{dev_errors:,} / {dev_size:,}）</translation>
    </message>
    <message>
        <source>{dev_errors:,} dev errors</source>
        <translation>{dev_errors:,} 个验证集错误</translation>
    </message>
    <message>
        <source>Dev set size unknown, so only shares of the reviewed errors are shown: a gain or a ceiling needs the dev error rate. Make the session from the predictions file (every example, right and wrong), or give the dev set size.</source>
        <translation>验证集大小未知，因此只显示在已审阅错误中的占比：收益和上限需要验证集误差率。请由预测文件（包含所有样本，无论对错）创建会话，或给出验证集大小。</translation>
    </message>
    <message>
        <source>{reviewed:,} of {total:,} reviewed</source>
        <translation>已审阅 {reviewed:,} / {total:,}</translation>
    </message>
    <message>
        <source> · {skipped:,} skipped (can&apos;t judge: in no share)</source>
        <translation> · 已跳过 {skipped:,}（无法判断：不计入任何占比）</translation>
    </message>
    <message>
        <source>Kind: incorrect label (the true label is wrong)</source>
        <translation>类型：标注错误（真实标签有误）</translation>
    </message>
    <message>
        <source>Click to see its items</source>
        <translation>点击查看其样本</translation>
    </message>
    <message>
        <source>Ticked on {count:,} of the {assessed:,} reviewed errors assessed for it; the {0:,} reviewed before it existed were not. Review ▸ Revisit (Ctrl+R) asks about those.</source>
        <translation>在针对它评估过的 {assessed:,} 个已审阅错误中有 {count:,} 个勾选了它；在它出现之前审阅的 {0:,} 个没有评估。“审阅 ▸ 补查”（Ctrl+R）会询问这些样本。</translation>
    </message>
    <message>
        <source>Ticked on {count:,} of {reviewed:,} reviewed errors</source>
        <translation>在 {reviewed:,} 个已审阅错误中有 {count:,} 个勾选了它</translation>
    </message>
    <message>
        <source>{0} of reviewed errors; 95% interval {share_interval}</source>
        <translation>占已审阅错误的 {0}；95% 区间 {share_interval}</translation>
    </message>
    <message>
        <source>Dev error if every error of this category were fixed; 95% interval </source>
        <translation>若修复该类别的全部错误后的验证集误差；95% 区间 </translation>
    </message>
    <message>
        <source>The most that fixing this category can cut the dev error; 95% interval </source>
        <translation>修复该类别最多能让验证集误差降低多少；95% 区间 </translation>
    </message>
    <message>
        <source>Ranking: </source>
        <translation>排名：</translation>
    </message>
    <message>
        <source>The probability that the leading category has more errors than the runner-up among all the dev errors, not only the reviewed ones (settled at 95%); otherwise about how many more errors to review at the current shares.</source>
        <translation>领先类别在全部验证集错误（而不仅是已审阅的错误）中比第二名更多的概率（达到 95% 即视为确定）；否则给出按当前占比大约还需审阅多少个错误。</translation>
    </message>
    <message>
        <source>Intervals: Wilson with the finite-population correction (the first version&apos;s; can cover less than 95%).</source>
        <translation>区间：带有限总体校正的 Wilson 区间（第一版所用；覆盖率可能低于 95%）。</translation>
    </message>
    <message>
        <source>Intervals: Clopper–Pearson (the number of dev errors is unknown).</source>
        <translation>区间：Clopper–Pearson（验证集错误总数未知）。</translation>
    </message>
    <message>
        <source>No category of kind “incorrect label”.</source>
        <translation>没有类型为“标注错误”的类别。</translation>
    </message>
    <message>
        <source>Add one (Categories &gt; kind: incorrect label) to see how much of the dev error comes from wrong labels rather than from the model.</source>
        <translation>添加一个（类别 &gt; 类型：标注错误），即可查看有多少验证集误差来自错误标签而不是模型。</translation>
    </message>
    <message>
        <source>No errors reviewed yet.</source>
        <translation>还没有审阅任何错误。</translation>
    </message>
    <message>
        <source>Once errors are reviewed, this splits the dev error into the part due to wrong labels and the part due to the model.</source>
        <translation>审阅错误后，这里会把验证集误差拆分为错误标签造成的部分和模型造成的部分。</translation>
    </message>
    <message>
        <source>Incorrect labels: {0} of reviewed errors (95%: {1})</source>
        <translation>标注错误：占已审阅错误的 {0}（95%：{1}）</translation>
    </message>
    <message>
        <source>The split of the dev error needs the dev set size.</source>
        <translation>拆分验证集误差需要验证集大小。</translation>
    </message>
    <message>
        <source>Errors due to incorrect labels: {0} · other causes: {1}</source>
        <translation>标注错误造成的误差：{0} · 其他原因：{1}</translation>
    </message>
    <message>
        <source>{0} of the reviewed errors have a wrong label (95%: {1}). Fix the larger part first; fix labels in dev and test alike.</source>
        <translation>已审阅错误中有 {0} 的标签有误（95%：{1}）。先解决较大的部分；验证集和测试集中的标签要同样修正。</translation>
    </message>
    <message>
        <source>{reviewed} of {dev_errors} dev errors reviewed</source>
        <translation>已审阅 {reviewed} / {dev_errors} 个验证集错误</translation>
    </message>
    <message>
        <source>Max gain by category · dev error {0} · {reviewed}</source>
        <translation>各类别的最大收益 · 验证集误差 {0} · {reviewed}</translation>
    </message>
    <message>
        <source>Share of reviewed errors by category · {reviewed}</source>
        <translation>各类别在已审阅错误中的占比 · {reviewed}</translation>
    </message>
</context>
<context>
    <name>WeightedView</name>
    <message>
        <source>Weighted (as the users count errors)</source>
        <translation>加权（按用户计算错误的方式）</translation>
    </message>
    <message>
        <source>The session has example weights (Edit ▸ Weights…): shares, gains, ceilings and the label split use the weighted dev error. Untick to count every error once.</source>
        <translation>本会话有样本权重（编辑 ▸ 权重…）：占比、收益、上限和标签拆分都使用加权验证集误差。取消勾选则每个错误只计一次。</translation>
    </message>
    <message>
        <source>Max gain by category (weighted)</source>
        <translation>各类别的最大收益（加权）</translation>
    </message>
    <message>
        <source>Weights not applied: {0}</source>
        <translation>未应用权重：{0}</translation>
    </message>
    <message>
        <source>Shares of the weighted dev error · weights: {0}</source>
        <translation>加权验证集误差中的占比 · 权重：{0}</translation>
    </message>
    <message>
        <source> · updating…</source>
        <translation> · 正在更新…</translation>
    </message>
    <message>
        <source>Weighted dev error {0}</source>
        <translation>加权验证集误差 {0}</translation>
    </message>
    <message>
        <source>Unweighted: {0} ({1} / {2})</source>
        <translation>不加权：{0}（{1} / {2}）</translation>
    </message>
    <message>
        <source>Weighted: a category&apos;s share is the weight of its reviewed errors over the weight of all reviewed errors (METHOD.md §6). The ranking verdict counts errors: untick Weighted to see it. Hover for the interval method.</source>
        <translation>加权：某个类别的占比 = 其已审阅错误的权重 / 全部已审阅错误的权重（METHOD.md §6）。排名结论按错误个数计算：取消勾选“加权”即可查看。悬停可查看区间方法。</translation>
    </message>
    <message>
        <source>Weighted errors due to incorrect labels: {0} · other causes: {1}</source>
        <translation>由标注错误造成的加权误差：{0} · 其他原因：{1}</translation>
    </message>
    <message>
        <source>{0} of the reviewed errors&apos; weight has a wrong label (95%: {1}). Fix the larger part first; fix labels in dev and test alike.</source>
        <translation>已审阅错误的权重中有 {0} 的标签有误（95%：{1}）。先解决较大的部分；验证集和测试集中的标签要同样修正。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>Weighted share (95%)</source>
        <translation>加权占比（95%）</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Max gain</source>
        <translation>最大收益</translation>
    </message>
    <message>
        <source>Computed rates are weighted (weights: {0}).</source>
        <translation>计算出的误差率是加权的（权重：{0}）。</translation>
    </message>
    <message>
        <source>Unweighted: every example counts once here (the tally and the diagnosis use the weights: {0}).</source>
        <translation>未加权：此处每个样本只计一次（统计表和诊断使用权重：{0}）。</translation>
    </message>
</context>
<context>
    <name>WeightsDialog</name>
    <message>
        <source>Example weights</source>
        <translation>样本权重</translation>
    </message>
    <message>
        <source>When some errors cost more than others (a pornographic image let through costs 10 times a cat missed), weigh them. The dev error becomes Σ w·error / Σ w, and the tally, the max-gain chart, the label split and the diagnosis use it, labelled “weighted”.</source>
        <translation>当某些错误的代价比其他错误更高时（放过一张色情图片的代价是漏掉一只猫的 10 倍），给它们加权。验证集误差变为 Σ w·error / Σ w，统计表、最大收益图、标签拆分和诊断都使用它，并标注为“加权”。</translation>
    </message>
    <message>
        <source>label=porn:10</source>
        <translation>label=porn:10</translation>
    </message>
    <message>
        <source>One rule per line: COLUMN=VALUE:WEIGHT. COLUMN is label, prediction, split or a column of the predictions file; later rules win where several match. Empty: no rules (a weight column still counts).</source>
        <translation>每行一条规则：COLUMN=VALUE:WEIGHT。COLUMN 是 label、prediction、split 或预测文件中的某一列；多条规则匹配时以后面的为准。留空：没有规则（weight 列仍然有效）。</translation>
    </message>
    <message>
        <source>Weight column of the predictions file: {0}</source>
        <translation>预测文件的权重列：{0}</translation>
    </message>
    <message>
        <source>The predictions file has no weight column: every example weighs 1.</source>
        <translation>预测文件没有权重列：每个样本的权重都是 1。</translation>
    </message>
    <message>
        <source>No weights: every error counts once.</source>
        <translation>没有权重：每个错误只计一次。</translation>
    </message>
    <message>
        <source>Weighted dev error {0} (unweighted {1}).</source>
        <translation>加权验证集误差 {0}（不加权 {1}）。</translation>
    </message>
</context>
<context>
    <name>_DecodeRunnable</name>
    <message>
        <source>Not enough memory to show image</source>
        <translation>内存不足，无法显示图像</translation>
    </message>
    <message>
        <source>Could not load image: {exc}</source>
        <translation>无法加载图像：{exc}</translation>
    </message>
</context>
<context>
    <name>_ValueCombo</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{error}

Nothing saved before is lost; the app reconnects by itself when the server is back.</source>
        <translation>{error}

之前保存的内容都不会丢失；服务器恢复后程序会自动重新连接。</translation>
    </message>
    <message>
        <source>Something went wrong: {error}

Your review is safe: every change was already saved. Details were printed to the terminal.</source>
        <translation>出错了：{error}

你的审阅是安全的：每项更改都已保存。详细信息已输出到终端。</translation>
    </message>
</context>
<context>
    <name>categories</name>
    <message>
        <source>dog</source>
        <translation>狗</translation>
    </message>
    <message>
        <source>great cat</source>
        <translation>大型猫科动物</translation>
    </message>
    <message>
        <source>blurry</source>
        <translation>模糊</translation>
    </message>
    <message>
        <source>incorrect label</source>
        <translation>标注错误</translation>
    </message>
    <message>
        <source>a dog mistaken for a cat</source>
        <translation>被误认为猫的狗</translation>
    </message>
    <message>
        <source>a lion, panther or other big cat</source>
        <translation>狮子、豹或其他大型猫科动物</translation>
    </message>
    <message>
        <source>the image is blurry</source>
        <translation>图像模糊</translation>
    </message>
    <message>
        <source>the true label itself is wrong</source>
        <translation>真实标签本身有误</translation>
    </message>
    <message>
        <source>label error</source>
        <translation>标注错误</translation>
    </message>
</context>
<context>
    <name>category_editor</name>
    <message>
        <source>key &apos;{shortcut}&apos; already moves through the review; choose another (digits and most letters are free)</source>
        <translation>按键“{shortcut}”已用于在审阅中移动；请另选一个（数字和大多数字母都可用）</translation>
    </message>
    <message>
        <source>Add category &apos;{name}&apos;</source>
        <translation>添加类别“{name}”</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{prog}: error: {message} (see {prog} --help)</source>
        <translation>{prog}：错误：{message}（参见 {prog} --help）</translation>
    </message>
    <message>
        <source>Review a classifier&apos;s dev errors, tick the categories that explain them and see the most that fixing each category can gain. Without a command, opens the start screen.</source>
        <translation>审阅分类器的验证集错误，勾选解释这些错误的类别，看看修复每个类别最多能带来多少收益。不带命令时打开开始界面。</translation>
    </message>
    <message>
        <source>Any SESSION may be a session on a PostgreSQL server (a team&apos;s): postgresql://user@host[:port]/database?session=NAME, or --server URL --session NAME.</source>
        <translation>任何 SESSION 都可以是 PostgreSQL 服务器上的会话（团队共享）：postgresql://user@host[:port]/database?session=NAME，或 --server URL --session NAME。</translation>
    </message>
    <message>
        <source>erroranalysis: error: {error}</source>
        <translation>erroranalysis：错误：{error}</translation>
    </message>
    <message>
        <source>erroranalysis: interrupted</source>
        <translation>erroranalysis：已中断</translation>
    </message>
    <message>
        <source>agreement of several reviewers on each category (kappa, Gwet&apos;s AC1)</source>
        <translation>多位审阅者在每个类别上的一致性（kappa、Gwet 的 AC1）</translation>
    </message>
    <message>
        <source>Line up one session file per reviewer (made from the same predictions file or the same seeded sample; items matched by id, else by image path; categories by name) and print, per category: the items every reviewer assessed, the share of them on which all agree, Cohen&apos;s kappa (two reviewers) or Fleiss&apos; kappa (three or more) with its 95% interval, and Gwet&apos;s AC1, which stays meaningful for rare categories. A category below 0.6 (kappa; AC1 when kappa is undefined) needs a sharper description.</source>
        <translation>把每位审阅者的会话文件对齐（由同一个预测文件或同一个带种子的抽样创建；样本按 id 匹配，否则按图像路径；类别按名称匹配），并按类别输出：所有审阅者都评估过的样本数、其中意见一致的比例、Cohen&apos;s kappa（两位审阅者）或 Fleiss&apos; kappa（三位及以上）及其 95% 区间，以及对罕见类别依然有意义的 Gwet 的 AC1。低于 0.6 的类别（kappa；kappa 无定义时看 AC1）需要更明确的说明。</translation>
    </message>
    <message>
        <source>two or more session files, one per reviewer, or one merged session (merge)</source>
        <translation>两个或更多会话文件（每位审阅者一个），或一个合并后的会话（merge）</translation>
    </message>
    <message>
        <source>output format (default: table)</source>
        <translation>输出格式（默认：table）</translation>
    </message>
    <message>
        <source>bias, variance or data mismatch: which gap to work on</source>
        <translation>偏差、方差还是数据不匹配：该先解决哪个差距</translation>
    </message>
    <message>
        <source>Read the error ladder human-level -&gt; train -&gt; train-dev -&gt; dev -&gt; test and name the largest gap (avoidable bias, variance, data mismatch, overfitting to the dev set) with the remedies for it. Rates come from the predictions file&apos;s split column; flags give or override them. Rates are fractions (0.08) or percentages (8%), all written the same way: a bare number beside a percentage (--human 1 --train 8%) is refused, and so is a bare 1.</source>
        <translation>读取误差阶梯 人类水平 -&gt; 训练集 -&gt; 训练-验证集 -&gt; 验证集 -&gt; 测试集，指出最大的差距（可避免偏差、方差、数据不匹配、对验证集过拟合）及相应的改进方法。误差率来自预测文件的 split 列；也可用参数给出或覆盖。误差率写成小数（0.08）或百分数（8%），所有误差率的写法必须一致：裸数字与百分数混用（--human 1 --train 8%）会被拒绝，单独的 1 也会被拒绝。</translation>
    </message>
    <message>
        <source>predictions file (CSV, TSV or Parquet) with a split column, or a session file (its predictions and the rates typed into it); optional</source>
        <translation>带 split 列的预测文件（CSV、TSV 或 Parquet），或会话文件（其中的预测以及输入过的误差率）；可选</translation>
    </message>
    <message>
        <source>with a session: store the given rates (e.g. --human) in it for next time</source>
        <translation>对于会话：把给出的误差率（如 --human）保存到会话中供下次使用</translation>
    </message>
    <message>
        <source>human-level error (a proxy for Bayes error)</source>
        <translation>人类水平误差（贝叶斯误差的近似）</translation>
    </message>
    <message>
        <source>training error</source>
        <translation>训练集误差</translation>
    </message>
    <message>
        <source>training-dev error (same distribution as training, not trained on)</source>
        <translation>训练-验证集误差（与训练集同分布，但未参与训练）</translation>
    </message>
    <message>
        <source>dev error</source>
        <translation>验证集误差</translation>
    </message>
    <message>
        <source>test error</source>
        <translation>测试集误差</translation>
    </message>
    <message>
        <source>with weights (a weight column, --weight rules or a weighted session): count every error once; by default the rates are weighted (METHOD.md §6)</source>
        <translation>有权重时（weight 列、--weight 规则或加权的会话）：每个错误只计一次；默认误差率是加权的（METHOD.md §6）</translation>
    </message>
    <message>
        <source>precision, recall, F1 per class and the confusion matrix</source>
        <translation>每个类别的精确率、召回率、F1 以及混淆矩阵</translation>
    </message>
    <message>
        <source>Per-class precision, recall, F1 and support, their macro, micro and weighted averages (micro = accuracy for single-label data; weighted by support, as scikit-learn&apos;s report) and the confusion matrix (rows: true class, columns: predicted class) of one split. The precision of a class never predicted and the recall of a class that only appears as a prediction are undefined (&apos;–&apos; in the table, empty in CSV, null in JSON) and left out of the averages. The CSV&apos;s first column, kind, says whether a row is a class or an average.</source>
        <translation>一个数据划分上每个类别的精确率、召回率、F1 和支持数，它们的宏平均、微平均和加权平均（单标签数据的微平均即准确率；按支持数加权，与 scikit-learn 的报告相同），以及混淆矩阵（行：真实类别，列：预测类别）。从未被预测到的类别的精确率、以及只作为预测出现的类别的召回率没有定义（表格中为“–”，CSV 中为空，JSON 中为 null），也不计入平均。CSV 的第一列 kind 说明该行是类别还是平均值。</translation>
    </message>
    <message>
        <source>predictions file (CSV, TSV or Parquet), or a session (the predictions it was made from)</source>
        <translation>预测文件（CSV、TSV 或 Parquet），或会话（用其创建时的预测）</translation>
    </message>
    <message>
        <source>which split to score (default: dev)</source>
        <translation>要评估的数据划分（默认：dev）</translation>
    </message>
    <message>
        <source>table (metrics and confusion matrix), json (everything) or csv (the metrics table only; default: table)</source>
        <translation>table（指标和混淆矩阵）、json（全部内容）或 csv（仅指标表；默认：table）</translation>
    </message>
    <message>
        <source>compare two models&apos; dev errors, allowing for wrong labels</source>
        <translation>比较两个模型的验证集误差，并考虑错误标签的影响</translation>
    </message>
    <message>
        <source>Compare two models&apos; dev errors on the same dev examples (matched by id, or by image path when a file has no id column) and say whether the share of the dev set with wrong labels (--label-noise) could explain the difference. With weights (a weight column or --weight rules) both the unweighted and the weighted ranking are shown, and whether they disagree.</source>
        <translation>在相同的验证集样本上（按 id 匹配；文件没有 id 列时按图像路径）比较两个模型的验证集误差，并判断验证集中错误标签的比例（--label-noise）能否解释两者的差异。有权重时（weight 列或 --weight 规则），会同时给出不加权和加权的排名，以及两者是否矛盾。</translation>
    </message>
    <message>
        <source>model A&apos;s predictions</source>
        <translation>模型 A 的预测</translation>
    </message>
    <message>
        <source>model B&apos;s predictions</source>
        <translation>模型 B 的预测</translation>
    </message>
    <message>
        <source>share of the dev set with wrong labels, e.g. 0.6%% (dev error x share of reviewed errors ticked &apos;incorrect label&apos;); default 0</source>
        <translation>验证集中错误标签的比例，例如 0.6%%（验证集误差 × 已审阅错误中勾选“incorrect label”的占比）；默认 0</translation>
    </message>
    <message>
        <source>open the main window on the demo, tick one category, check the tally, exit 0 (1 with the reason otherwise)</source>
        <translation>在演示上打开主窗口，勾选一个类别并检查统计，成功时退出码为 0（否则为 1 并给出原因）</translation>
    </message>
    <message>
        <source>language of the app and of these messages: zh_CN or en (default: the Settings entry, then LC_ALL / LC_MESSAGES / LANG)</source>
        <translation>界面和这些消息的语言：zh_CN 或 en（默认：设置中的选项，其次是 LC_ALL / LC_MESSAGES / LANG）</translation>
    </message>
    <message>
        <source>open the review window on a predictions file, folder or session</source>
        <translation>在预测文件、文件夹或会话上打开审阅窗口</translation>
    </message>
    <message>
        <source>A predictions file or folder gets a session beside it (or at --session); an existing session is resumed where the reviewer stopped.</source>
        <translation>预测文件或文件夹会在旁边（或 --session 指定处）得到一个会话；已有的会话从审阅者上次停下的地方继续。</translation>
    </message>
    <message>
        <source>predictions file, image folder, session file or server session (postgresql://user@host/db?session=NAME)</source>
        <translation>预测文件、图像文件夹、会话文件或服务器会话（postgresql://user@host/db?session=NAME）</translation>
    </message>
    <message>
        <source>session file to create or resume</source>
        <translation>要创建或继续的会话文件</translation>
    </message>
    <message>
        <source>open the review window on the bundled demo (real digit errors)</source>
        <translation>在自带的演示（真实的手写数字错误）上打开审阅窗口</translation>
    </message>
    <message>
        <source>The demo session is kept in your user data folder, so it resumes too.</source>
        <translation>演示会话保存在你的用户数据文件夹中，因此也会从上次的位置继续。</translation>
    </message>
    <message>
        <source>start the demo review over</source>
        <translation>重新开始演示审阅</translation>
    </message>
    <message>
        <source>pick a model: maximise one metric subject to thresholds on the others</source>
        <translation>选择模型：在满足其他指标阈值的前提下使某一指标最优</translation>
    </message>
    <message>
        <source>Drop the candidate models that miss a constraint (--satisfice), rank the rest by one metric (--optimize) and say whether the winner&apos;s lead is larger than the dev set&apos;s noise. Candidates come from a table (one row per model: a name column and metric columns; F1 is added from precision and recall) and/or from predictions files (--model NAME=FILE: accuracy, error and macro precision, recall and F1 on the dev rows; a table then adds columns such as latency, joined by name). Exit status 1 when no model meets every constraint (the nearest misses are listed).</source>
        <translation>去掉不满足约束（--satisfice）的候选模型，按一个指标（--optimize）对其余模型排序，并判断胜出者的领先是否大于验证集的噪声。候选模型来自一张表（每个模型一行：名称列和各指标列；F1 由精确率和召回率补算）和/或预测文件（--model NAME=FILE：验证集上的准确率、错误率以及宏平均精确率、召回率和 F1；表格可再按名称补充延迟等列）。没有任何模型满足全部约束时退出码为 1（会列出最接近的模型）。</translation>
    </message>
    <message>
        <source>table of candidates (CSV, TSV or Parquet); optional with --model</source>
        <translation>候选模型表（CSV、TSV 或 Parquet）；使用 --model 时可选</translation>
    </message>
    <message>
        <source>a candidate&apos;s predictions file; repeat for each model (same dev set)</source>
        <translation>一个候选模型的预测文件；每个模型重复一次（同一验证集）</translation>
    </message>
    <message>
        <source>the one metric to optimise, e.g. accuracy, f1, error</source>
        <translation>要优化的唯一指标，例如 accuracy、f1、error</translation>
    </message>
    <message>
        <source>a threshold every model must meet, e.g. &apos;latency_ms&lt;=100&apos;; repeatable</source>
        <translation>每个模型都必须满足的阈值，例如 &apos;latency_ms&lt;=100&apos;；可重复</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>dev set size behind a table&apos;s accuracies (for the resolution of the lead)</source>
        <translation>表中准确率所基于的验证集大小（用于判断领先的分辨率）</translation>
    </message>
    <message>
        <source>the table&apos;s model name column</source>
        <translation>表中的模型名称列</translation>
    </message>
    <message>
        <source>predictions columns (found automatically when omitted)</source>
        <translation>预测文件的列（省略时自动查找）</translation>
    </message>
    <message>
        <source>image path column (image, path, filepath, ...)</source>
        <translation>图像路径列（image、path、filepath 等）</translation>
    </message>
    <message>
        <source>true label column (label, y_true, ...)</source>
        <translation>真实标签列（label、y_true 等）</translation>
    </message>
    <message>
        <source>prediction column (prediction, pred, y_pred, ...)</source>
        <translation>预测列（prediction、pred、y_pred 等）</translation>
    </message>
    <message>
        <source>example id column (id, example_id, ...)</source>
        <translation>样本 id 列（id、example_id 等）</translation>
    </message>
    <message>
        <source>score/confidence column</source>
        <translation>分数/置信度列</translation>
    </message>
    <message>
        <source>split column (train, train_dev, dev, test)</source>
        <translation>数据划分列（train、train_dev、dev、test）</translation>
    </message>
    <message>
        <source>example weight column (weight, w, sample_weight)</source>
        <translation>样本权重列（weight、w、sample_weight）</translation>
    </message>
    <message>
        <source>weigh the examples whose COLUMN (label, prediction, split or a metadata column) is VALUE, e.g. &apos;label=porn:10&apos;; repeat for several rules, later rules win; they override a weight column on the rows they match, other rows keep it (or 1)</source>
        <translation>对 COLUMN（label、prediction、split 或某个元数据列）等于 VALUE 的样本加权，例如 &apos;label=porn:10&apos;；可重复给出多条规则，后面的规则优先；它们会覆盖所匹配行上的 weight 列，其他行保持原值（或 1）</translation>
    </message>
    <message>
        <source>how much of the dev error wrong labels cause, and the corrected dev error</source>
        <translation>错误标签造成了多少验证集误差，以及修正标签后的验证集误差</translation>
    </message>
    <message>
        <source>The split of the dev error into incorrect labels and other causes, a verdict on fixing labels now, and the dev error once labels are corrected (using the reviewed correct examples, see sample-correct).</source>
        <translation>把验证集误差拆分为标注错误和其他原因，给出现在是否值得修正标签的结论，以及修正标签后的验证集误差（使用已审阅的正确样本，见 sample-correct）。</translation>
    </message>
    <message>
        <source>add N correctly classified dev examples to review their labels</source>
        <translation>添加 N 个分类正确的验证集样本以审阅它们的标签</translation>
    </message>
    <message>
        <source>A wrong label can hide a model error: review some examples the model got right too. They are kept apart from the errors in the tally.</source>
        <translation>错误的标签可能掩盖模型的错误：也要审阅一些模型分类正确的样本。它们在统计中与错误样本分开计算。</translation>
    </message>
    <message>
        <source>write even if the session is open in another program</source>
        <translation>即使会话已在另一个程序中打开也写入</translation>
    </message>
    <message>
        <source>merge reviewers&apos; sessions into one (their answers, the agreed ones, disputes)</source>
        <translation>把多位审阅者的会话合并为一个（各自的答案、一致的答案、分歧）</translation>
    </message>
    <message>
        <source>One session per reviewer, made from the same predictions file or seeded sample, become one session: every item and category of any of them (items matched by id, else image path; categories by name; what only some have is reported), each reviewer&apos;s ticks, states and comments, and the agreed answers: a category is ticked where every reviewer who assessed it ticked it, and left not assessed where they disagree, until resolved in the app&apos;s disagreement queue.</source>
        <translation>每位审阅者一个会话（由同一个预测文件或同一个带种子的抽样创建），合并为一个会话：包含其中任意一个会话的所有样本和类别（样本按 id 匹配，否则按图像路径；类别按名称；只有部分会话才有的内容会被报告），每位审阅者的勾选、状态和备注，以及一致的答案：某个类别在每位评估过它的审阅者都勾选时才算勾选，有分歧时保持未评估，直到在程序的分歧队列中解决。</translation>
    </message>
    <message>
        <source>two or more sessions</source>
        <translation>两个或更多会话</translation>
    </message>
    <message>
        <source>the merged session to write</source>
        <translation>要写入的合并会话</translation>
    </message>
    <message>
        <source>reviewer names, comma-separated, one per session (default: each session&apos;s reviewer, else its file name)</source>
        <translation>审阅者姓名，用逗号分隔，每个会话一个（默认：各会话的审阅者，否则用文件名）</translation>
    </message>
    <message>
        <source>replace an existing file</source>
        <translation>替换已有文件</translation>
    </message>
    <message>
        <source>the review as one self-contained HTML file (or Markdown) for the team</source>
        <translation>把审阅结果生成一个自包含的 HTML 文件（或 Markdown），供团队查看</translation>
    </message>
    <message>
        <source>Write what a team lead needs to decide what to work on next: the dev error and what the review is made of, the tally with 95% intervals and the max-gain chart, the ranking verdict, the incorrect-label split and the corrected dev error, the bias / variance / data-mismatch ladder, the slices of the dev set where errors gather, reviewer agreement (a merged session, or --reviewer-session), a few examples per category and every comment. The HTML has no external asset (it opens offline and prints to PDF); --format markdown is for pasting into an issue tracker. The session is only read.</source>
        <translation>写出团队负责人决定下一步工作所需的内容：验证集误差和审阅的构成、带 95% 区间的统计表和最大收益图、排名结论、标注错误拆分和修正后的验证集误差、偏差/方差/数据不匹配阶梯、错误集中的验证集切片、审阅者一致性（合并会话或 --reviewer-session）、每个类别的几个样本以及所有备注。HTML 不依赖任何外部资源（可离线打开并打印为 PDF）；--format markdown 适合粘贴到问题跟踪系统。会话只会被读取。</translation>
    </message>
    <message>
        <source>the session file (.easession)</source>
        <translation>会话文件（.easession）</translation>
    </message>
    <message>
        <source>where to write the report (&apos;-&apos; for standard output)</source>
        <translation>报告的写入位置（&apos;-&apos; 表示标准输出）</translation>
    </message>
    <message>
        <source>html or markdown (default: markdown for a .md file, else html)</source>
        <translation>html 或 markdown（默认：.md 文件为 markdown，否则为 html）</translation>
    </message>
    <message>
        <source>examples shown per category (default 6, 0 for none; only these images are read)</source>
        <translation>每个类别显示的样本数（默认 6，0 表示不显示；只读取这些图像）</translation>
    </message>
    <message>
        <source>another reviewer&apos;s session of the same items, for the agreement section (repeatable)</source>
        <translation>另一位审阅者对相同样本的会话，用于一致性部分（可重复）</translation>
    </message>
    <message>
        <source>upload a session file to a PostgreSQL server, for a team to review at once</source>
        <translation>把会话文件上传到 PostgreSQL 服务器，供团队同时审阅</translation>
    </message>
    <message>
        <source>Creates the session on the server (a schema of the database) with everything in the file: items, categories, ticks, comments, predictions. Each reviewer then opens the URL (erroranalysis review URL). The password comes from ~/.pgpass (or PGPASSFILE), else it is asked for; it is never stored.</source>
        <translation>在服务器上创建会话（数据库中的一个 schema），包含文件中的全部内容：样本、类别、勾选、备注、预测。之后每位审阅者打开该 URL（erroranalysis review URL）。密码取自 ~/.pgpass（或 PGPASSFILE），否则会询问；密码从不保存。</translation>
    </message>
    <message>
        <source>the session file to upload</source>
        <translation>要上传的会话文件</translation>
    </message>
    <message>
        <source>postgresql://user@host[:port]/database[?session=NAME&amp;sslmode=...]</source>
        <translation>postgresql://user@host[:port]/database[?session=NAME&amp;sslmode=...]</translation>
    </message>
    <message>
        <source>the server&apos;s URL (instead of URL)</source>
        <translation>服务器的 URL（代替 URL）</translation>
    </message>
    <message>
        <source>the session&apos;s name on the server (default: the URL&apos;s ?session=, else the file&apos;s name)</source>
        <translation>会话在服务器上的名称（默认：URL 中的 ?session=，否则为文件名）</translation>
    </message>
    <message>
        <source>replace a session of that name on the server</source>
        <translation>替换服务器上同名的会话</translation>
    </message>
    <message>
        <source>copy a session from a PostgreSQL server into a session file</source>
        <translation>把 PostgreSQL 服务器上的会话复制到一个会话文件</translation>
    </message>
    <message>
        <source>A consistent copy of the server session as it is now (one snapshot), which opens like any session file.</source>
        <translation>服务器会话当前状态的一致副本（一个快照），可以像任何会话文件一样打开。</translation>
    </message>
    <message>
        <source>postgresql://user@host/database?session=NAME</source>
        <translation>postgresql://user@host/database?session=NAME</translation>
    </message>
    <message>
        <source>the session file to write</source>
        <translation>要写入的会话文件</translation>
    </message>
    <message>
        <source>review a seeded random sample of N dev errors (the course suggests ~100)</source>
        <translation>审阅 N 个验证集错误的带种子随机抽样（课程建议约 100 个）</translation>
    </message>
    <message>
        <source>seed of the sample (default 0)</source>
        <translation>抽样的种子（默认 0）</translation>
    </message>
    <message>
        <source>categories as &apos;dog,great cat,blurry&apos; or a file with one per line (default: dog, great cat, blurry, incorrect label)</source>
        <translation>类别，写作 &apos;dog,great cat,blurry&apos;，或每行一个类别的文件（默认：dog、great cat、blurry、incorrect label；界面语言为中文时创建会话使用中文名称）</translation>
    </message>
    <message>
        <source>number of dev examples (needed for a folder of images)</source>
        <translation>验证集样本数（图像文件夹需要）</translation>
    </message>
    <message>
        <source>dev error rate, for a folder of images (0.1 or 10%%)</source>
        <translation>图像文件夹的验证集误差率（0.1 或 10%%）</translation>
    </message>
    <message>
        <source>the reviewer&apos;s name, stored with each review</source>
        <translation>审阅者姓名，与每条审阅一起保存</translation>
    </message>
    <message>
        <source>folder the image paths are relative to (default: the predictions file&apos;s folder)</source>
        <translation>图像路径的相对基准文件夹（默认：预测文件所在文件夹）</translation>
    </message>
    <message>
        <source>create a review session from a predictions file or an image folder</source>
        <translation>由预测文件或图像文件夹创建审阅会话</translation>
    </message>
    <message>
        <source>Create a review session (an SQLite file) without opening a window.</source>
        <translation>创建审阅会话（一个 SQLite 文件），不打开窗口。</translation>
    </message>
    <message>
        <source>session file to write (default: beside the source, .easession), or a server session to create: postgresql://user@host/db?session=NAME</source>
        <translation>要写入的会话文件（默认：来源旁边的 .easession），或要创建的服务器会话：postgresql://user@host/db?session=NAME</translation>
    </message>
    <message>
        <source>replace an existing session file</source>
        <translation>替换已有的会话文件</translation>
    </message>
    <message>
        <source>make the session even if none of its images is found (locate them later)</source>
        <translation>即使一张图像都找不到也创建会话（之后再定位图像）</translation>
    </message>
    <message>
        <source>print the tally of a session or a review spreadsheet</source>
        <translation>输出会话或审阅表格的统计</translation>
    </message>
    <message>
        <source>Per category: count, share of reviewed dev errors with its 95% interval, max gain and ceiling error (METHOD.md), and whether the ranking of the leading categories is settled or how many more errors to review. For a spreadsheet, the intervals need the number of dev errors the reviewed rows were drawn from: give --predictions, --dev-errors N, or --dev-error RATE with --dev-size. Without them that number is unknown and the interval is Clopper-Pearson on the reviewed rows alone.</source>
        <translation>按类别输出：数量、在已审阅验证集错误中的占比及其 95% 区间、最大收益和误差上限（METHOD.md），以及领先类别的排名是否已确定、还需再审阅多少个错误。对于表格，区间需要知道已审阅行抽自多少个验证集错误：请给出 --predictions、--dev-errors N，或 --dev-error RATE 加 --dev-size。否则这个数未知，区间只基于已审阅的行，采用 Clopper-Pearson 方法。</translation>
    </message>
    <message>
        <source>a session (file or postgresql://...?session=NAME) or a review spreadsheet (CSV)</source>
        <translation>会话（文件或 postgresql://...?session=NAME）或审阅表格（CSV）</translation>
    </message>
    <message>
        <source>predictions file giving dev_size and dev_errors (for a spreadsheet)</source>
        <translation>给出 dev_size 和 dev_errors 的预测文件（用于表格）</translation>
    </message>
    <message>
        <source>number of dev examples. Alone with a spreadsheet it assumes the sheet has a row for every dev error (reviewed or not): dev error = error rows / N. If the sheet holds a sample, add --dev-errors or --dev-error</source>
        <translation>验证集样本数。对表格单独使用时，假定表格中每个验证集错误都有一行（无论是否已审阅）：验证集误差 = 错误行数 / N。如果表格只是一个抽样，请加上 --dev-errors 或 --dev-error</translation>
    </message>
    <message>
        <source>number of dev errors the spreadsheet&apos;s reviewed rows were drawn from (assumes the reviewed rows are a random sample of them); with --dev-size it gives the dev error</source>
        <translation>表格中已审阅的行抽自多少个验证集错误（假定已审阅的行是其中的随机抽样）；与 --dev-size 一起可得出验证集误差</translation>
    </message>
    <message>
        <source>dev error rate (0.1 or 10%%), with --dev-size: the dev errors are RATE x dev size, rounded (assumes the reviewed rows are a random sample of them)</source>
        <translation>验证集误差率（0.1 或 10%%），与 --dev-size 一起使用：验证集错误数 = RATE × 验证集大小，四舍五入（假定已审阅的行是其中的随机抽样）</translation>
    </message>
    <message>
        <source>interval method: exact (hypergeometric; Clopper-Pearson when the number of dev errors is unknown) or wilson-fpc (the first version&apos;s, to reproduce old reports). Default: exact, or the session&apos;s setting</source>
        <translation>区间方法：exact（超几何分布；验证集错误数未知时为 Clopper-Pearson）或 wilson-fpc（第一版的方法，用于复现旧报告）。默认：exact，或会话中的设置</translation>
    </message>
    <message>
        <source>a weighted session (a weight column or weight rules): count every error once</source>
        <translation>加权的会话（weight 列或权重规则）：每个错误只计一次</translation>
    </message>
    <message>
        <source>a merged session&apos;s answers to tally: agreed (default), majority, or one reviewer&apos;s name</source>
        <translation>要统计合并会话中的哪种答案：agreed（默认）、majority，或某位审阅者的姓名</translation>
    </message>
    <message>
        <source>the spreadsheet&apos;s tick columns, comma-separated (found when omitted)</source>
        <translation>表格中的勾选列，用逗号分隔（省略时自动查找）</translation>
    </message>
    <message>
        <source>the tick column that marks incorrect labels</source>
        <translation>标记标注错误的勾选列</translation>
    </message>
    <message>
        <source>write the review spreadsheet (CSV) of a session</source>
        <translation>写出会话的审阅表格（CSV）</translation>
    </message>
    <message>
        <source>One row per item; opens in Excel and LibreOffice; round-trips with import.</source>
        <translation>每个样本一行；可在 Excel 和 LibreOffice 中打开；可用 import 导回。</translation>
    </message>
    <message>
        <source>spreadsheet to write</source>
        <translation>要写入的表格</translation>
    </message>
    <message>
        <source>also write the per-category tally table</source>
        <translation>同时写出按类别的统计表</translation>
    </message>
    <message>
        <source>a weighted session: the tally table counts every error once (default: shares of the weighted dev error, as tally and the app show them)</source>
        <translation>加权会话：统计表中每个错误只计一次（默认：加权验证集误差的占比，与 tally 命令和应用中显示的一致）</translation>
    </message>
    <message>
        <source>what separates cells (default &apos;,&apos;; &apos;;&apos; for Excel in locales with a decimal comma); import reads either</source>
        <translation>单元格分隔符（默认 &apos;,&apos;；在使用小数逗号的地区的 Excel 请用 &apos;;&apos;）；import 两种都能读取</translation>
    </message>
    <message>
        <source>bring ticks and comments edited in a spreadsheet back into a session</source>
        <translation>把在表格中编辑的勾选和备注导回会话</translation>
    </message>
    <message>
        <source>Rows are matched by id, else by image path; unmatched rows are reported.</source>
        <translation>各行按 id 匹配，否则按图像路径；未匹配的行会被报告。</translation>
    </message>
    <message>
        <source>report what would change, change nothing</source>
        <translation>报告将会更改什么，但不做任何更改</translation>
    </message>
    <message>
        <source>apply the sheet even to items changed in the session after it was exported (without it, such rows are listed and nothing is imported)</source>
        <translation>即使样本在导出之后已在会话中被更改，也应用表格（不加此参数时，这些行会被列出，且不导入任何内容）</translation>
    </message>
    <message>
        <source>who reviewed the imported rows (default: the session&apos;s reviewer)</source>
        <translation>导入行的审阅者（默认：会话的审阅者）</translation>
    </message>
    <message>
        <source>write a consistent copy of a session (safe while it is open)</source>
        <translation>写出会话的一致副本（会话打开时也安全）</translation>
    </message>
    <message>
        <source>Copies the session with SQLite&apos;s backup API: the copy holds every acknowledged change, even those still in the write-ahead log.</source>
        <translation>用 SQLite 的备份 API 复制会话：副本包含所有已确认的更改，包括仍在预写日志中的更改。</translation>
    </message>
    <message>
        <source>file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <source>categories: {names}</source>
        <translation>类别：{names}</translation>
    </message>
    <message>
        <source>categories: {names} (the course&apos;s defaults; name yours with --categories)</source>
        <translation>类别：{names}（课程的默认类别；用 --categories 指定你自己的类别）</translation>
    </message>
    <message>
        <source>where dev errors gather: confusion pairs, classes, metadata columns</source>
        <translation>验证集错误集中在哪里：混淆对、类别、元数据列</translation>
    </message>
    <message>
        <source>Break the dev set down by confusion pair (true -&gt; predicted), true class and every metadata column (numeric ones in quartiles). For each slice: its dev errors, their share of all dev errors, its error rate against the rate in the rest of the dev set (exact 95% intervals) and the ratio of the two (lift). Slices with fewer than --min-errors errors or --min-examples examples are hidden; a lift is significant (*) when the two intervals do not overlap. With a session, --category crosses a reviewed category with the slices.</source>
        <translation>按混淆对（真实 -&gt; 预测）、真实类别以及每个元数据列（数值列按四分位）拆分验证集。每个切片给出：其中的验证集错误数、占全部验证集错误的比例、与验证集其余部分相比的错误率（精确 95% 区间）以及两者之比（提升度）。错误数少于 --min-errors 或样本数少于 --min-examples 的切片会被隐藏；两个区间不重叠时提升度显著（*）。对于会话，--category 可把一个已审阅的类别与切片交叉。</translation>
    </message>
    <message>
        <source>predictions file (CSV, TSV, Parquet) or session file</source>
        <translation>预测文件（CSV、TSV、Parquet）或会话文件</translation>
    </message>
    <message>
        <source>breakdowns: confusion, label (true class), prediction, score, or a metadata column (default: confusion, label and every metadata column)</source>
        <translation>拆分方式：confusion、label（真实类别）、prediction、score 或某个元数据列（默认：confusion、label 以及每个元数据列）</translation>
    </message>
    <message>
        <source>with a session: cross this category with the slices (repeatable)</source>
        <translation>对于会话：把该类别与切片交叉（可重复）</translation>
    </message>
    <message>
        <source>hide slices with fewer dev errors (default 5)</source>
        <translation>隐藏验证集错误数少于此值的切片（默认 5）</translation>
    </message>
    <message>
        <source>hide slices with fewer dev examples (default 20)</source>
        <translation>隐藏验证集样本数少于此值的切片（默认 20）</translation>
    </message>
    <message>
        <source>quantile bins for numeric columns (default 4: quartiles)</source>
        <translation>数值列的分位数分箱数（默认 4：四分位）</translation>
    </message>
    <message>
        <source>rows per breakdown in the table (default 10, 0 for all; json has all)</source>
        <translation>表格中每种拆分显示的行数（默认 10，0 表示全部；json 包含全部）</translation>
    </message>
    <message>
        <source>rank dev examples by how likely their label is wrong (confident learning)</source>
        <translation>按标签出错的可能性对验证集样本排序（置信学习）</translation>
    </message>
    <message>
        <source>Rank the dev examples by label quality (lower = the label is more likely wrong). With per-class probability columns (p_&lt;class&gt;, prob_&lt;class&gt;, proba_&lt;class&gt;, probability_&lt;class&gt;, score_&lt;class&gt;, or named like each class): confident learning, as cleanlab&apos;s find_label_issues(filter_by=&apos;confident_learning&apos;), ranked by self-confidence or normalised margin. With only the score (the model&apos;s confidence in its prediction): a confident wrong prediction ranks as a likely label error. Otherwise it says why it is unavailable.</source>
        <translation>按标签质量对验证集样本排序（越低表示标签越可能有误）。有每个类别的概率列时（p_&lt;class&gt;、prob_&lt;class&gt;、proba_&lt;class&gt;、probability_&lt;class&gt;、score_&lt;class&gt;，或直接以各类别命名）：使用置信学习，与 cleanlab 的 find_label_issues(filter_by=&apos;confident_learning&apos;) 相同，按自置信度或归一化边际排序。只有分数（模型对其预测的置信度）时：高置信度的错误预测会被排为可能的标注错误。否则说明为什么无法使用。</translation>
    </message>
    <message>
        <source>predictions file or session file</source>
        <translation>预测文件或会话文件</translation>
    </message>
    <message>
        <source>label-quality score with per-class probabilities (default: self_confidence)</source>
        <translation>有每类概率时的标签质量分数（默认：self_confidence）</translation>
    </message>
    <message>
        <source>list only dev errors (label != prediction)</source>
        <translation>只列出验证集错误（label != prediction）</translation>
    </message>
    <message>
        <source>rows to list (default 20, 0 for all)</source>
        <translation>列出的行数（默认 20，0 表示全部）</translation>
    </message>
    <message>
        <source>score how sharp the dev errors&apos; images are; suggest the blurriest</source>
        <translation>为验证集错误的图像打清晰度分，并建议最模糊的那些</translation>
    </message>
    <message>
        <source>Score each image by the variance of the Laplacian on a grey thumbnail (longest side 256 pixels; lower = blurrier) and suggest as blurry those at or below the chosen percentile of blurriness (--percentile 90: the blurriest 10%). Scores the dev errors&apos; images (a session: its error items); --all-dev scores every dev image, which also makes them the reference for the percentile.</source>
        <translation>用灰度缩略图（长边 256 像素）上拉普拉斯算子的方差为每张图像打分（越低越模糊），并把模糊程度达到所选百分位（--percentile 90：最模糊的 10%）的图像建议为模糊。默认为验证集错误的图像打分（对于会话：其中的错误样本）；--all-dev 为每张验证集图像打分，这些图像也作为百分位的参照。</translation>
    </message>
    <message>
        <source>suggest images blurrier than P%% of those scored (default 90)</source>
        <translation>建议比所评分图像中 P%% 更模糊的图像（默认 90）</translation>
    </message>
    <message>
        <source>score every dev image, not only the errors</source>
        <translation>为每张验证集图像打分，而不仅是错误</translation>
    </message>
    <message>
        <source>decoding threads (default 2)</source>
        <translation>解码线程数（默认 2）</translation>
    </message>
    <message>
        <source>show a session&apos;s example weights, or set its weight rules</source>
        <translation>显示会话的样本权重，或设置其权重规则</translation>
    </message>
    <message>
        <source>When an error on some examples costs more (course 1.7: a pornographic image let through costs 10 times a cat missed), weigh them: the weighted dev error is sum(w * error) / sum(w), and the tally&apos;s shares, gains and ceilings, the label split and the diagnosis use it. Weights come from the predictions file&apos;s weight column (--weight-col when the session was made) and from rules COLUMN=VALUE:WEIGHT kept in the session (later rules win). Without --rule or --clear, prints what is in force.</source>
        <translation>当某些样本上的错误代价更高时（课程 1.7：放过一张色情图片的代价是漏掉一只猫的 10 倍），给它们加权：加权验证集误差为 sum(w * error) / sum(w)，统计表的占比、收益和上限、标签拆分以及诊断都使用它。权重来自预测文件的 weight 列（创建会话时的 --weight-col），以及保存在会话中的规则 COLUMN=VALUE:WEIGHT（后面的规则优先）。不带 --rule 或 --clear 时，输出当前生效的权重。</translation>
    </message>
    <message>
        <source>replace the session&apos;s rules by these, e.g. &apos;label=porn:10&apos;; repeatable</source>
        <translation>用这些规则替换会话中的规则，例如 &apos;label=porn:10&apos;；可重复</translation>
    </message>
    <message>
        <source>remove every weight rule</source>
        <translation>删除所有权重规则</translation>
    </message>
</context>
<context>
    <name>cli.argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多只能有一个参数</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可能匹配 %(matches)s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须提供参数 %s 之一</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个参数</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个参数</translation>
    </message>
</context>
<context>
    <name>cli.choose</name>
    <message>
        <source>No model meets every constraint.</source>
        <translation>没有模型满足所有约束。</translation>
    </message>
    <message>
        <source>Nearest: {name}, which misses {missed}.</source>
        <translation>最接近的是 {name}，它未满足 {missed}。</translation>
    </message>
    <message>
        <source>{winner} wins: the only model that meets every constraint.</source>
        <translation>{winner} 胜出：唯一满足所有约束的模型。</translation>
    </message>
    <message>
        <source>{winner} and {runner_up} tie on {metric}.</source>
        <translation>{winner} 与 {runner_up} 的 {metric} 持平。</translation>
    </message>
    <message>
        <source>{winner} wins: {points} points higher {metric} than {runner_up}.</source>
        <translation>{winner} 胜出：{metric} 比 {runner_up} 高 {points} 个百分点。</translation>
    </message>
    <message>
        <source>{winner} wins: {points} points lower {metric} than {runner_up}.</source>
        <translation>{winner} 胜出：{metric} 比 {runner_up} 低 {points} 个百分点。</translation>
    </message>
    <message>
        <source>{winner} wins: {points} point higher {metric} than {runner_up}.</source>
        <translation>{winner} 胜出：{metric} 比 {runner_up} 高 {points} 个百分点。</translation>
    </message>
    <message>
        <source>{winner} wins: {points} point lower {metric} than {runner_up}.</source>
        <translation>{winner} 胜出：{metric} 比 {runner_up} 低 {points} 个百分点。</translation>
    </message>
    <message>
        <source>{winner} wins: {lead} higher {metric} than {runner_up}.</source>
        <translation>{winner} 胜出：{metric} 比 {runner_up} 高 {lead}。</translation>
    </message>
    <message>
        <source>{winner} wins: {lead} lower {metric} than {runner_up}.</source>
        <translation>{winner} 胜出：{metric} 比 {runner_up} 低 {lead}。</translation>
    </message>
    <message>
        <source>Both models are right and wrong on exactly the same dev examples: the dev set cannot tell them apart.</source>
        <translation>两个模型在完全相同的验证集样本上分类正确、在完全相同的样本上出错：验证集无法区分它们。</translation>
    </message>
    <message>
        <source>{winner_only} dev examples right only by the winner, {runner_up_only} only by the runner-up: the lead of {lead} has the paired 95% interval {low} to {high} (exact McNemar p = {p}): larger than the dev set&apos;s noise.</source>
        <translation>只有胜出者分类正确的验证集样本有 {winner_only} 个，只有第二名分类正确的有 {runner_up_only} 个：{lead} 的领先幅度的配对 95% 区间为 {low} 至 {high}（精确 McNemar 检验 p = {p}）：大于验证集的噪声。</translation>
    </message>
    <message>
        <source>{winner_only} dev examples right only by the winner, {runner_up_only} only by the runner-up: the lead of {lead} has the paired 95% interval {low} to {high} (exact McNemar p = {p}): within the dev set&apos;s noise; the two cannot be told apart on this dev set.</source>
        <translation>只有胜出者分类正确的验证集样本有 {winner_only} 个，只有第二名分类正确的有 {runner_up_only} 个：{lead} 的领先幅度的配对 95% 区间为 {low} 至 {high}（精确 McNemar 检验 p = {p}）：在验证集的噪声范围之内；在这个验证集上无法区分两者。</translation>
    </message>
    <message>
        <source>The lead of {lead} ({count} of {size} dev examples) has the 95% interval {low} to {high} (two independent proportions, Newcombe): larger than the dev set&apos;s noise.</source>
        <translation>{lead} 的领先幅度（{size} 个验证集样本中的 {count} 个）的 95% 区间为 {low} 至 {high}（两个独立比例，Newcombe 法）：大于验证集的噪声。</translation>
    </message>
    <message>
        <source>The lead of {lead} ({count} of {size} dev examples) has the 95% interval {low} to {high} (two independent proportions, Newcombe): within the dev set&apos;s noise; the two cannot be told apart on this dev set (a paired test on both models&apos; predictions may still tell: give --model NAME=FILE).</source>
        <translation>{lead} 的领先幅度（{size} 个验证集样本中的 {count} 个）的 95% 区间为 {low} 至 {high}（两个独立比例，Newcombe 法）：在验证集的噪声范围之内；在这个验证集上无法区分两者（基于两个模型预测的配对检验也许仍能区分：请给出 --model NAME=FILE）。</translation>
    </message>
    <message>
        <source>The dev set&apos;s resolution is computed for accuracy and error only, not {metric}.</source>
        <translation>验证集的分辨力只对 accuracy 和 error 计算，不对 {metric} 计算。</translation>
    </message>
    <message>
        <source>Without the dev set size (--dev-size N) or both models&apos; predictions (--model), it cannot tell whether the lead is larger than the dev set&apos;s noise.</source>
        <translation>没有验证集大小（--dev-size N）或两个模型的预测（--model），就无法判断领先幅度是否大于验证集的噪声。</translation>
    </message>
    <message>
        <source>Dropped: {dropped}.</source>
        <translation>已淘汰：{dropped}。</translation>
    </message>
    <message>
        <source>{metric} read as percentages (values above 1)</source>
        <translation>{metric} 按百分比读取（取值大于 1）</translation>
    </message>
    <message>
        <source>f1 = 2PR/(P+R) from the precision and recall columns</source>
        <translation>f1 = 2PR/(P+R)，由 precision 和 recall 列算出</translation>
    </message>
    <message>
        <source>{metrics} computed from the predictions, not taken from the table</source>
        <translation>{metrics} 由预测算出，没有取自表格</translation>
    </message>
    <message>
        <source>weighted_error: the dev error weighted by the files&apos; weights (METHOD.md §6)</source>
        <translation>weighted_error：按文件中的权重加权的验证集误差（METHOD.md §6）</translation>
    </message>
</context>
<context>
    <name>cli.choose.parts</name>
    <message>
        <source>{constraint} (is {actual})</source>
        <translation>{constraint}（实际为 {actual}）</translation>
    </message>
    <message>
        <source>no {metric} value</source>
        <translation>没有 {metric} 值</translation>
    </message>
    <message>
        <source>{name} misses {missed}</source>
        <translation>{name} 未满足 {missed}</translation>
    </message>
</context>
<context>
    <name>cli.errors</name>
    <message>
        <source>{flag} needs a value</source>
        <translation>{flag} 需要一个值</translation>
    </message>
    <message>
        <source>agreement needs at least two session files, one per reviewer, or one merged session (got {paths}, which holds one reviewer&apos;s answers)</source>
        <translation>agreement 需要至少两个会话文件（每位审阅者一个），或一个合并后的会话（给出的 {paths} 只含一位审阅者的回答）</translation>
    </message>
    <message>
        <source>{path}: given twice; give each reviewer&apos;s session once</source>
        <translation>{path}：给出了两次；每位审阅者的会话只需给一次</translation>
    </message>
    <message>
        <source>{paths}: no item is in every session (matched by {matched_by}); were they made from the same predictions file or seeded sample?</source>
        <translation>{paths}：没有哪个样本同时出现在所有会话中（按{matched_by}匹配）；它们是否由同一个预测文件或同一个带种子的抽样创建？</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>image path</source>
        <translation>图像路径</translation>
    </message>
    <message>
        <source>{paths}: the sessions have no categories</source>
        <translation>{paths}：这些会话没有类别</translation>
    </message>
    <message>
        <source>{paths}: no item was reviewed by all {n_paths} reviewers; review the same items in every session first</source>
        <translation>{paths}：没有哪个样本被全部 {n_paths} 位审阅者审阅过；请先在每个会话中审阅相同的样本</translation>
    </message>
    <message>
        <source>--weight: a session keeps its own weight rules; set them with erroranalysis weights SESSION --rule ...</source>
        <translation>--weight：会话自己保存权重规则；请用 erroranalysis weights SESSION --rule ... 设置</translation>
    </message>
    <message>
        <source>diagnose needs a predictions file or at least one rate (--human, --train, --train-dev, --dev, --test), e.g. --human 1% --train 8% --dev 10%</source>
        <translation>diagnose 需要一个预测文件或至少一个误差率（--human、--train、--train-dev、--dev、--test），例如 --human 1% --train 8% --dev 10%</translation>
    </message>
    <message>
        <source>{command}: a session knows its columns; --{flag}-col is for a predictions file</source>
        <translation>{command}：会话已知道自己的列；--{flag}-col 只用于预测文件</translation>
    </message>
    <message>
        <source>the file has no split column, so every row is dev</source>
        <translation>文件没有 split 列，因此每一行都属于验证集</translation>
    </message>
    <message>
        <source>it has: {splits}</source>
        <translation>文件中有：{splits}</translation>
    </message>
    <message>
        <source>{path}: no rows in split &apos;{split}&apos; ({hint}); choose another with --split</source>
        <translation>{path}：划分“{split}”中没有行（{hint}）；请用 --split 选择其他划分</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}：没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>--dev-size must be a positive number of examples, not {dev_size}</source>
        <translation>--dev-size 必须是正的样本数，而不是 {dev_size}</translation>
    </message>
    <message>
        <source>--model &apos;{text}&apos;: write NAME=FILE, e.g. --model B=b_predictions.csv</source>
        <translation>--model &apos;{text}&apos;：请写成 NAME=FILE，例如 --model B=b_predictions.csv</translation>
    </message>
    <message>
        <source>N must be a positive number, not {count}</source>
        <translation>N 必须是正数，而不是 {count}</translation>
    </message>
    <message>
        <source>a session is given twice; give each reviewer&apos;s session once</source>
        <translation>有一个会话给出了两次；每位审阅者的会话只需给一次</translation>
    </message>
    <message>
        <source>--names gives {n_names} names for {n_paths} sessions</source>
        <translation>--names 为 {n_paths} 个会话给出了 {n_names} 个名字</translation>
    </message>
    <message>
        <source>give the server once: URL or --server URL, not both</source>
        <translation>服务器只需给一次：URL 或 --server URL，不要同时给</translation>
    </message>
    <message>
        <source>say which server: erroranalysis push FILE postgresql://user@host/db</source>
        <translation>请指明服务器：erroranalysis push FILE postgresql://user@host/db</translation>
    </message>
    <message>
        <source>{local}: no such session file</source>
        <translation>{local}：没有这个会话文件</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; must be positive</source>
        <translation>“{text}”必须是正数</translation>
    </message>
    <message>
        <source>--images-root {root}: no such folder</source>
        <translation>--images-root {root}：没有这个文件夹</translation>
    </message>
    <message>
        <source>{source}: no such session or spreadsheet</source>
        <translation>{source}：没有这个会话或表格</translation>
    </message>
    <message>
        <source>{flag}: {source} is a session, which knows its dev errors; the flag is for a spreadsheet</source>
        <translation>{flag}：{source} 是会话，它知道自己的验证集错误数；这个选项用于表格</translation>
    </message>
    <message>
        <source>{flag}: the session is weighted ({weights}), and its tally uses the weighted dev error and the stratified exact intervals; add --unweighted to use {flag}</source>
        <translation>{flag}：该会话带权重（{weights}），其统计使用加权验证集误差和分层精确区间；要使用 {flag}，请加上 --unweighted</translation>
    </message>
    <message>
        <source>--dev-size {dev_size} is smaller than the {dev_errors} dev errors</source>
        <translation>--dev-size {dev_size} 小于 {dev_errors} 个验证集错误</translation>
    </message>
    <message>
        <source>give one of --dev-errors N and --dev-error RATE, not both</source>
        <translation>--dev-errors N 和 --dev-error RATE 只能给一个，不要同时给</translation>
    </message>
    <message>
        <source>--dev-error needs --dev-size: the number of dev errors is the rate times the dev size</source>
        <translation>--dev-error 需要 --dev-size：验证集错误数等于误差率乘以验证集大小</translation>
    </message>
    <message>
        <source>{flag}: --predictions already gives the dev errors; drop one of them</source>
        <translation>{flag}：--predictions 已经给出了验证集错误；请去掉其中一个</translation>
    </message>
    <message>
        <source>{source}: {rows} error rows, but {given} means only {dev_errors} dev errors; is it the right predictions file?</source>
        <translation>{source}：有 {rows} 行错误，但按 {given} 只有 {dev_errors} 个验证集错误；预测文件是否正确？</translation>
    </message>
    <message>
        <source>{source}: {rows} error rows, but {given} means only {dev_errors} dev errors; check the number</source>
        <translation>{source}：有 {rows} 行错误，但按 {given} 只有 {dev_errors} 个验证集错误；请检查这个数字</translation>
    </message>
    <message>
        <source>--dev-size {dev_size} is smaller than the number of dev errors</source>
        <translation>--dev-size {dev_size} 小于验证集错误数</translation>
    </message>
    <message>
        <source>say where to write: -o review.csv (and/or --tally tally.csv)</source>
        <translation>请指明写到哪里：-o review.csv（和/或 --tally tally.csv）</translation>
    </message>
    <message>
        <source>{source}: no such predictions or session file</source>
        <translation>{source}：没有这个预测文件或会话文件</translation>
    </message>
    <message>
        <source>{source}: the session has no predictions rows (it was made from a folder of images); slice the predictions file instead</source>
        <translation>{source}：该会话没有预测行（它由图像文件夹创建）；请改为对预测文件做切片</translation>
    </message>
    <message>
        <source>--category needs a session file (the ticks live there); {source} is a predictions file</source>
        <translation>--category 需要会话文件（勾选保存在其中）；{source} 是预测文件</translation>
    </message>
    <message>
        <source>no category &apos;{name}&apos; in {path}; the categories are: {names}</source>
        <translation>{path} 中没有类别“{name}”；现有类别：{names}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; must be between 0 and 100</source>
        <translation>“{text}”必须在 0 到 100 之间</translation>
    </message>
    <message>
        <source>{source}: no predictions rows to rank (a session made from a folder)</source>
        <translation>{source}：没有可排序的预测行（该会话由文件夹创建）</translation>
    </message>
    <message>
        <source>{source}: no images to score</source>
        <translation>{source}：没有可评分的图像</translation>
    </message>
    <message>
        <source>give --rule or --clear, not both</source>
        <translation>--rule 和 --clear 只能给一个，不要同时给</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number</source>
        <translation>“{text}”不是整数</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; cannot be negative</source>
        <translation>“{text}”不能是负数</translation>
    </message>
    <message>
        <source>no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); run it on a desktop, or use the headless commands (new, tally, export, import, diagnose)</source>
        <translation>没有可以打开窗口的显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置）；请在桌面环境中运行，或使用无界面命令（new、tally、export、import、diagnose）</translation>
    </message>
</context>
<context>
    <name>cli.output</name>
    <message>
        <source>erroranalysis: the server refused that password</source>
        <translation>erroranalysis：服务器拒绝了这个密码</translation>
    </message>
    <message>
        <source>Password for {url}: </source>
        <translation>{url} 的密码：</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>items</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>kappa</source>
        <translation>kappa</translation>
    </message>
    <message>
        <source>kappa 95%</source>
        <translation>kappa 95%</translation>
    </message>
    <message>
        <source>&lt;- sharpen its description</source>
        <translation>&lt;- 请把说明写得更明确</translation>
    </message>
    <message>
        <source>Agreement of {count} reviewers ({names}); kappa is {kappa}.</source>
        <translation>{count} 位审阅者（{names}）之间的一致性；kappa 为 {kappa}。</translation>
    </message>
    <message>
        <source>items: assessed by every reviewer; agreement: the share of them on which all answers agree. Flagged below {below:g} (kappa; AC1 when kappa is undefined): the reviewers read the category differently, so its description needs sharpening. Gwet&apos;s AC1 stays near the agreement for rare categories, where kappa can be low despite high agreement.</source>
        <translation>样本数：每位审阅者都评估过的样本；一致率：其中所有答案一致的比例。低于 {below:g}（kappa；kappa 无定义时用 AC1）会被标出：审阅者对这个类别的理解不一致，其说明需要写得更明确。对于少见的类别，Gwet&apos;s AC1 会接近一致率，而 kappa 即使在一致率很高时也可能偏低。</translation>
    </message>
    <message>
        <source>{flag} {text} is {percent}</source>
        <translation>{flag} {text} 即 {percent}</translation>
    </message>
    <message>
        <source>{errors} of {rows} {split} rows</source>
        <translation>{split} 的 {rows} 行中有 {errors} 个错误</translation>
    </message>
    <message>
        <source>, weighted</source>
        <translation>，加权</translation>
    </message>
    <message>
        <source>from the session&apos;s predictions</source>
        <translation>来自会话的预测</translation>
    </message>
    <message>
        <source>typed, in the session</source>
        <translation>手动输入，保存在会话中</translation>
    </message>
    <message>
        <source>, weighted ({weights})</source>
        <translation>，加权（{weights}）</translation>
    </message>
    <message>
        <source>Error ladder (error rates, lowest rung first):</source>
        <translation>误差阶梯（误差率，从最低一级开始）：</translation>
    </message>
    <message>
        <source>   &lt;- primary problem</source>
        <translation>   &lt;- 主要问题</translation>
    </message>
    <message>
        <source>   &lt;- also a problem</source>
        <translation>   &lt;- 也是问题</translation>
    </message>
    <message>
        <source>No gap above zero: nothing in this ladder to reduce.</source>
        <translation>没有大于零的差距：这个阶梯中没有需要减小的部分。</translation>
    </message>
    <message>
        <source>No gap can be computed: give two neighbouring rates (for example --human and --train, or --train and --dev).</source>
        <translation>无法计算任何差距：请给出两个相邻的误差率（例如 --human 和 --train，或 --train 和 --dev）。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{gap} ({size})</source>
        <translation>{gap}（{size}）</translation>
    </message>
    <message>
        <source>Primary problem: {gap}.</source>
        <translation>主要问题：{gap}。</translation>
    </message>
    <message>
        <source>Problems worth working on (at least half the largest gap): {named}.</source>
        <translation>值得处理的问题（至少为最大差距的一半）：{named}。</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>下一步做什么：</translation>
    </message>
    <message>
        <source>No human-level error (--human): avoidable bias is unknown.</source>
        <translation>没有人类水平误差（--human）：可避免偏差未知。</translation>
    </message>
    <message>
        <source>No train-dev error (--train-dev): variance is dev - train and includes any data mismatch between training and dev.</source>
        <translation>没有训练-验证集误差（--train-dev）：方差按验证集误差减训练集误差计算，其中包含训练集与验证集之间的数据不匹配。</translation>
    </message>
    <message>
        <source>Rates without a % sign were read as fractions: {rates} (write 0.5% for half a percent).</source>
        <translation>没有 % 号的误差率按比例读取：{rates}（百分之零点五请写 0.5%）。</translation>
    </message>
    <message>
        <source>Note: </source>
        <translation>注意：</translation>
    </message>
    <message>
        <source>the metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>macro avg</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <source>micro avg</source>
        <translation>微平均</translation>
    </message>
    <message>
        <source>weighted avg</source>
        <translation>加权平均</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>f1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>支持数</translation>
    </message>
    <message>
        <source>true \ predicted</source>
        <translation>真实 \ 预测</translation>
    </message>
    <message>
        <source>{name}, {split} split: {size} examples, accuracy {accuracy}</source>
        <translation>{name}，{split} 划分：{size} 个样本，准确率 {accuracy}</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted class):</source>
        <translation>混淆矩阵（行：真实类别，列：预测类别）：</translation>
    </message>
    <message>
        <source>neither (a tie)</source>
        <translation>两者都不（打平）</translation>
    </message>
    <message>
        <source>model {side}</source>
        <translation>模型 {side}</translation>
    </message>
    <message>
        <source>The weighted dev error prefers {better}, as the unweighted one does.</source>
        <translation>加权验证集误差与不加权的一样，更倾向于{better}。</translation>
    </message>
    <message>
        <source>The rankings disagree: the unweighted dev error prefers {unweighted}, the weighted one prefers {better}. The metric and dev set do not say what the users care about (METHOD.md §6): rank by the weighted error.</source>
        <translation>两种排名不一致：不加权的验证集误差倾向于{unweighted}，加权的倾向于{better}。评估指标和验证集没有反映用户真正在意的东西（METHOD.md §6）：请按加权误差排名。</translation>
    </message>
    <message>
        <source>Weighted ({weights}):</source>
        <translation>加权（{weights}）：</translation>
    </message>
    <message>
        <source>Model A  {rate} weighted dev error</source>
        <translation>模型 A  加权验证集误差 {rate}</translation>
    </message>
    <message>
        <source>Model B  {rate} weighted dev error</source>
        <translation>模型 B  加权验证集误差 {rate}</translation>
    </message>
    <message>
        <source>Difference (A - B): {difference}</source>
        <translation>差值（A - B）：{difference}</translation>
    </message>
    <message>
        <source>Model A  {rate} dev error ({errors} of {size})  {name}</source>
        <translation>模型 A  验证集误差 {rate}（{size} 个中 {errors} 个）  {name}</translation>
    </message>
    <message>
        <source>Model B  {rate} dev error ({errors} of {size})  {name}</source>
        <translation>模型 B  验证集误差 {rate}（{size} 个中 {errors} 个）  {name}</translation>
    </message>
    <message>
        <source>Label noise: {noise} of the dev set, could explain {share} of the difference</source>
        <translation>标签噪声：占验证集的 {noise}，可解释差值中的 {share}</translation>
    </message>
    <message>
        <source>Label noise: not given (--label-noise E: the share of the dev set with wrong labels)</source>
        <translation>标签噪声：未给出（--label-noise E：验证集中标签错误的比例）</translation>
    </message>
    <message>
        <source>demo session: {path}</source>
        <translation>演示会话：{path}</translation>
    </message>
    <message>
        <source>Optimizing {metric} (higher is better)</source>
        <translation>优化 {metric}（越高越好）</translation>
    </message>
    <message>
        <source>Optimizing {metric} (lower is better)</source>
        <translation>优化 {metric}（越低越好）</translation>
    </message>
    <message>
        <source> subject to {constraints}</source>
        <translation>，约束条件为 {constraints}</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&lt;- winner</source>
        <translation>&lt;- 胜出</translation>
    </message>
    <message>
        <source>misses {constraints}</source>
        <translation>未满足 {constraints}</translation>
    </message>
    <message>
        <source>No correctly classified example reviewed yet: the corrected dev error ignores the wrong labels hidden among the {count} correct ones, which can only raise it, so it has a lower bound but no upper one. Review some (sample-correct) for an interval.</source>
        <translation>还没有审阅任何分类正确的样本：校正后的验证集误差忽略了藏在 {count} 个正确样本中的错误标签，而它们只会让误差变大，所以目前只有下界、没有上界。审阅一些正确样本（sample-correct）即可得到区间。</translation>
    </message>
    <message>
        <source>Reviewed dev errors: {reviewed}, with an incorrect label: {found}</source>
        <translation>已审阅的验证集错误：{reviewed}，其中标注错误：{found}</translation>
    </message>
    <message>
        <source>Reviewed correct examples: {reviewed} of {total}, with an incorrect label: {found}</source>
        <translation>已审阅的正确样本：{total} 个中 {reviewed} 个，其中标注错误：{found}</translation>
    </message>
    <message>
        <source>No split yet: review some errors (and give the dev size for a folder).</source>
        <translation>还无法拆分：请先审阅一些错误（由文件夹创建的会话还需给出验证集大小）。</translation>
    </message>
    <message>
        <source>{value} (at least {low}; no upper bound yet)</source>
        <translation>{value}（至少 {low}；暂无上界）</translation>
    </message>
    <message>
        <source>{value} (95% interval {low} to {high})</source>
        <translation>{value}（95% 区间 {low} 至 {high}）</translation>
    </message>
    <message>
        <source>Dev error with labels corrected: {figure}</source>
        <translation>修正标签后的验证集误差：{figure}</translation>
    </message>
    <message>
        <source>{session}: {count} correctly classified dev examples added for label review</source>
        <translation>{session}：已添加 {count} 个分类正确的验证集样本供标签审阅</translation>
    </message>
    <message>
        <source>{path}: the HTML report of {source}</source>
        <translation>{path}：{source} 的 HTML 报告</translation>
    </message>
    <message>
        <source>{path}: the Markdown report of {source}</source>
        <translation>{path}：{source} 的 Markdown 报告</translation>
    </message>
    <message>
        <source>{location}: {items:,} items, uploaded from {local}</source>
        <translation>{location}：{items:,} 个样本，从 {local} 上传</translation>
    </message>
    <message>
        <source>each reviewer opens it with: erroranalysis review &apos;{location}&apos;</source>
        <translation>每位审阅者用以下命令打开：erroranalysis review &apos;{location}&apos;</translation>
    </message>
    <message>
        <source>{path}: {items:,} items, a copy of {location}</source>
        <translation>{path}：{items:,} 个样本，{location} 的副本</translation>
    </message>
    <message>
        <source>{where}: {count} items to review</source>
        <translation>{where}：{count} 个待审阅样本</translation>
    </message>
    <message>
        <source> (a sample of {dev_errors} dev errors)</source>
        <translation>（从 {dev_errors} 个验证集错误中抽样）</translation>
    </message>
    <message>
        <source>, dev error {dev_errors}/{dev_size}</source>
        <translation>，验证集误差 {dev_errors}/{dev_size}</translation>
    </message>
    <message>
        <source>warning: {missing} of {count} images not found (looked under {base_dir}, e.g. {example}); --images-root DIR names their folder</source>
        <translation>警告：{count} 张图像中有 {missing} 张没有找到（在 {base_dir} 下查找，例如 {example}）；请用 --images-root DIR 指定它们所在的文件夹</translation>
    </message>
    <message>
        <source>note: --dev-size alone assumes {name} has a row for every dev error ({rows}); if it holds a sample, give --dev-errors N or --dev-error RATE</source>
        <translation>注意：只给 --dev-size 时，假定 {name} 中每个验证集错误都有一行（{rows}）；如果它只是抽样，请给出 --dev-errors N 或 --dev-error RATE</translation>
    </message>
    <message>
        <source>{path}: {rows} rows</source>
        <translation>{path}：{rows} 行</translation>
    </message>
    <message>
        <source>{path}: {count} categories</source>
        <translation>{path}：{count} 个类别</translation>
    </message>
    <message>
        <source>{path}: {count} categories, weighted ({weights})</source>
        <translation>{path}：{count} 个类别，已加权（{weights}）</translation>
    </message>
    <message>
        <source>{copy}: a copy of {session} ({count:,} items)</source>
        <translation>{copy}：{session} 的副本（{count:,} 个样本）</translation>
    </message>
    <message>
        <source>{path}: {matched} rows matched, {changed} items would change</source>
        <translation>{path}：匹配了 {matched} 行，将修改 {changed} 个样本</translation>
    </message>
    <message>
        <source>{path}: {matched} rows matched, {changed} items changed</source>
        <translation>{path}：匹配了 {matched} 行，修改了 {changed} 个样本</translation>
    </message>
    <message>
        <source>warning: {count} of them had changed in the session after the sheet was exported; the sheet&apos;s values would replace those changes (--overwrite-newer)</source>
        <translation>警告：其中 {count} 个在导出表格之后已在会话中修改过；表格中的值将替换那些修改（--overwrite-newer）</translation>
    </message>
    <message>
        <source>warning: {count} of them had changed in the session after the sheet was exported; the sheet&apos;s values replaced those changes (--overwrite-newer)</source>
        <translation>警告：其中 {count} 个在导出表格之后已在会话中修改过；表格中的值已替换那些修改（--overwrite-newer）</translation>
    </message>
    <message>
        <source>note: {count} of them already had review work in the session, and their rows carry no as_exported stamp of this session (the sheet was not exported from it, or the column was cleared), so whether the sheet is older than that work could not be checked</source>
        <translation>注意：其中 {count} 个在会话中已有审阅结果，而它们的行没有本会话的 as_exported 标记（表格不是从本会话导出的，或该列被清空了），因此无法检查表格是否比那些审阅结果更旧</translation>
    </message>
    <message>
        <source>warning: columns that are not categories of the session were ignored: {columns} (add them as categories first to import them)</source>
        <translation>警告：以下列不是会话的类别，已忽略：{columns}（要导入它们，请先把它们添加为类别）</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等另外 {count} 行</translation>
    </message>
    <message>
        <source>warning: {count} rows match no item (lines {shown}{more}); they were not imported</source>
        <translation>警告：有 {count} 行没有匹配到任何样本（第 {shown}{more} 行）；它们没有被导入</translation>
    </message>
    <message>
        <source>the slices</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>Confusion pairs (true -&gt; predicted), by share of dev error:</source>
        <translation>混淆对（真实 -&gt; 预测），按占验证集误差的比例排序：</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>混淆对</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>of the true class [95%]</source>
        <translation>占真实类别 [95%]</translation>
    </message>
    <message>
        <source>True class, by share of dev error:</source>
        <translation>真实类别，按占验证集误差的比例排序：</translation>
    </message>
    <message>
        <source>Predicted class, by share of dev error:</source>
        <translation>预测类别，按占验证集误差的比例排序：</translation>
    </message>
    <message>
        <source>numeric, quartiles</source>
        <translation>数值，四分位</translation>
    </message>
    <message>
        <source>numeric, quantile bins</source>
        <translation>数值，分位数分箱</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>{name} ({kind}): significant (*) by lift, then the rest:</source>
        <translation>{name}（{kind}）：显著的（*）按提升度排序，然后是其余的：</translation>
    </message>
    <message>
        <source>slice</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>error rate [95%]</source>
        <translation>错误率 [95%]</translation>
    </message>
    <message>
        <source>elsewhere [95%]</source>
        <translation>切片外 [95%]</translation>
    </message>
    <message>
        <source>lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>  (no slice large enough)</source>
        <translation>  （没有足够大的切片）</translation>
    </message>
    <message>
        <source>{count} more with --top 0 or --format json</source>
        <translation>还有 {count} 个：用 --top 0 或 --format json 查看</translation>
    </message>
    <message>
        <source>{count} too small to judge, hidden ({errors} errors)</source>
        <translation>{count} 个过小而无法判断，已隐藏（{errors} 个错误）</translation>
    </message>
    <message>
        <source>  ({notes})</source>
        <translation>  （{notes}）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{name}: {dev_size} dev examples, {dev_errors} errors ({rate} dev error)</source>
        <translation>{name}：{dev_size} 个验证集样本，{dev_errors} 个错误（验证集误差 {rate}）</translation>
    </message>
    <message>
        <source>Slices need at least {errors} errors and {examples} examples; rates with exact 95% intervals.</source>
        <translation>切片至少需要 {errors} 个错误和 {examples} 个样本；错误率附精确 95% 区间。</translation>
    </message>
    <message>
        <source>Worth a look:</source>
        <translation>值得一看：</translation>
    </message>
    <message>
        <source>&apos;{category}&apos; among the reviewed errors of each slice, by lift; * = significant:</source>
        <translation>“{category}”在各切片已审阅错误中的情况，按提升度排序；* = 显著：</translation>
    </message>
    <message>
        <source>  (no slice has enough reviewed errors, or the category has no tick)</source>
        <translation>  （没有切片有足够的已审阅错误，或者这个类别没有勾选）</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已审阅</translation>
    </message>
    <message>
        <source>ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>share [95%]</source>
        <translation>占比 [95%]</translation>
    </message>
    <message>
        <source>confident learning on per-class probabilities ({columns}), ranked by self confidence</source>
        <translation>基于各类别概率（{columns}）的置信学习，按自置信度排序</translation>
    </message>
    <message>
        <source>confident learning on per-class probabilities ({columns}), ranked by normalized margin</source>
        <translation>基于各类别概率（{columns}）的置信学习，按归一化间隔排序</translation>
    </message>
    <message>
        <source>only the model&apos;s confidence in its prediction (score): a confident wrong prediction ranks as a likely label error; label quality = 1 - score (exact for two classes)</source>
        <translation>只用模型对其预测的置信度（分数）：置信度高的错误预测会排为可能的标注错误；标签质量 = 1 - 分数（二分类时精确）</translation>
    </message>
    <message>
        <source>only the model&apos;s confidence in its prediction (score): a confident wrong prediction ranks as a likely label error; label quality = 1 - score (an upper bound with more classes)</source>
        <translation>只用模型对其预测的置信度（分数）：置信度高的错误预测会排为可能的标注错误；标签质量 = 1 - 分数（多于两类时为上界）</translation>
    </message>
    <message>
        <source>only the model&apos;s confidence in its prediction (score): a confident wrong prediction ranks as a likely label error; label quality = 1 - score (exact for two classes) (per-class columns not used: {problem})</source>
        <translation>只用模型对其预测的置信度（分数）：置信度高的错误预测会排为可能的标注错误；标签质量 = 1 - 分数（二分类时精确）（未使用各类别概率列：{problem}）</translation>
    </message>
    <message>
        <source>only the model&apos;s confidence in its prediction (score): a confident wrong prediction ranks as a likely label error; label quality = 1 - score (an upper bound with more classes) (per-class columns not used: {problem})</source>
        <translation>只用模型对其预测的置信度（分数）：置信度高的错误预测会排为可能的标注错误；标签质量 = 1 - 分数（多于两类时为上界）（未使用各类别概率列：{problem}）</translation>
    </message>
    <message>
        <source>per-class probability columns found but unusable: {problem}</source>
        <translation>找到了各类别概率列，但无法使用：{problem}</translation>
    </message>
    <message>
        <source>the predictions have neither per-class probability columns (p_&lt;class&gt;, prob_&lt;class&gt;, proba_&lt;class&gt;, probability_&lt;class&gt;, score_&lt;class&gt; or one named like each class) nor a score column with the model&apos;s confidence</source>
        <translation>预测中既没有各类别概率列（p_&lt;class&gt;、prob_&lt;class&gt;、proba_&lt;class&gt;、probability_&lt;class&gt;、score_&lt;class&gt; 或与各类别同名的列），也没有记录模型置信度的 score 列</translation>
    </message>
    <message>
        <source>Label issues unavailable: {reason}.</source>
        <translation>无法查找标签问题：{reason}。</translation>
    </message>
    <message>
        <source>{name}: {reason}.</source>
        <translation>{name}：{reason}。</translation>
    </message>
    <message>
        <source>{count} of {size} dev examples flagged as likely label errors (*); lower label quality = more likely wrong.</source>
        <translation>{size} 个验证集样本中有 {count} 个被标为可能的标注错误（*）；标签质量越低 = 越可能有误。</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>{name}: {count} dev images scored</source>
        <translation>{name}：已为 {count} 张验证集图像评分</translation>
    </message>
    <message>
        <source>{name}: {count} dev errors&apos; images scored</source>
        <translation>{name}：已为 {count} 张验证集错误图像评分</translation>
    </message>
    <message>
        <source>, {count} unreadable</source>
        <translation>，{count} 张无法读取</translation>
    </message>
    <message>
        <source>; {count} suggested blurry (sharpness &lt;= {threshold:.4g}, the blurriest {share:g}%), blurriest first.</source>
        <translation>；{count} 张建议标为模糊（清晰度 &lt;= {threshold:.4g}，最模糊的 {share:g}%），最模糊的排在前面。</translation>
    </message>
    <message>
        <source>sharpness</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <source>blurrier than %</source>
        <translation>比 % 更模糊</translation>
    </message>
    <message>
        <source>{where}: no weights (every example counts once); set rules with --rule &apos;label=porn:10&apos;</source>
        <translation>{where}：没有权重（每个样本计一次）；可用 --rule &apos;label=porn:10&apos; 设置规则</translation>
    </message>
    <message>
        <source>Weights: {weights}</source>
        <translation>权重：{weights}</translation>
    </message>
    <message>
        <source>Weighted dev error {rate:.2%} (unweighted {unweighted:.2%}; dev weight {weight:g})</source>
        <translation>加权验证集误差 {rate:.2%}（不加权 {unweighted:.2%}；验证集总权重 {weight:g}）</translation>
    </message>
    <message>
        <source>  {split} weighted error {rate:.2%}</source>
        <translation>  {split} 加权误差 {rate:.2%}</translation>
    </message>
    <message>
        <source>note: the session is weighted ({weights}); {what} count every example once (tally and diagnose use the weights)</source>
        <translation>注意：本会话已加权（{weights}）；{what}中每个样本只计一次（tally 和 diagnose 使用权重）</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>human-level</source>
        <translation>人类水平</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>train-dev</source>
        <translation>训练-验证集</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>avoidable bias</source>
        <translation>可避免偏差</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>data mismatch</source>
        <translation>数据不匹配</translation>
    </message>
    <message>
        <source>overfitting to the dev set</source>
        <translation>对验证集过拟合</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen&apos;s kappa</translation>
    </message>
    <message>
        <source>Fleiss&apos; kappa</source>
        <translation>Fleiss&apos; kappa</translation>
    </message>
    <message>
        <source>label error</source>
        <translation>标注错误</translation>
    </message>
    <message>
        <source>macro</source>
        <translation>宏</translation>
    </message>
    <message>
        <source>micro</source>
        <translation>微</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>加权</translation>
    </message>
    <message>
        <source>Reduce avoidable bias: train a bigger model, train longer or with a better optimiser (momentum, RMSprop, Adam), or try another architecture or a hyper-parameter search.</source>
        <translation>减小可避免偏差：训练更大的模型、训练更久或使用更好的优化算法（momentum、RMSprop、Adam），或尝试其他网络结构或超参数搜索。</translation>
    </message>
    <message>
        <source>Reduce variance: get more training data, add regularisation (L2, dropout, data augmentation), or try another architecture or a hyper-parameter search.</source>
        <translation>减小方差：获取更多训练数据、加入正则化（L2、dropout、数据增强），或尝试其他网络结构或超参数搜索。</translation>
    </message>
    <message>
        <source>Reduce data mismatch: do error analysis to see how the training data differs from dev/test, then make the training data more like dev/test (for example by artificial data synthesis) or collect more data like dev/test.</source>
        <translation>减小数据不匹配：做误差分析，弄清训练数据与验证/测试集的差异，然后让训练数据更接近验证/测试集（例如通过人工数据合成），或收集更多与验证/测试集相似的数据。</translation>
    </message>
    <message>
        <source>Reduce overfitting to the dev set: get a bigger dev set.</source>
        <translation>减小对验证集的过拟合：使用更大的验证集。</translation>
    </message>
    <message>
        <source>Ranking: {leader} and {runner_up} are level so far: not settled.</source>
        <translation>排名：{leader} 与 {runner_up} 目前持平：尚未确定。</translation>
    </message>
    <message>
        <source>Ranking: {leader} leads {runner_up} with over 99% probability: settled.</source>
        <translation>排名：{leader} 以超过 99% 的概率领先 {runner_up}：已确定。</translation>
    </message>
    <message>
        <source>Ranking: {leader} leads {runner_up} with {p} probability: settled.</source>
        <translation>排名：{leader} 以 {p} 的概率领先 {runner_up}：已确定。</translation>
    </message>
    <message>
        <source>Ranking: {leader} leads {runner_up} with over 99% probability: not settled, and more reviews at the current shares would not settle it.</source>
        <translation>排名：{leader} 以超过 99% 的概率领先 {runner_up}：尚未确定，且按当前占比继续审阅也无法确定。</translation>
    </message>
    <message>
        <source>Ranking: {leader} leads {runner_up} with {p} probability: not settled, and more reviews at the current shares would not settle it.</source>
        <translation>排名：{leader} 以 {p} 的概率领先 {runner_up}：尚未确定，且按当前占比继续审阅也无法确定。</translation>
    </message>
    <message>
        <source>Ranking: {leader} leads {runner_up} with {p} probability: not settled: review about {more} more error.</source>
        <translation>排名：{leader} 以 {p} 的概率领先 {runner_up}：尚未确定：大约还需审阅 {more} 个错误。</translation>
    </message>
    <message>
        <source>Ranking: {leader} leads {runner_up} with {p} probability: not settled: review about {more} more errors.</source>
        <translation>排名：{leader} 以 {p} 的概率领先 {runner_up}：尚未确定：大约还需审阅 {more} 个错误。</translation>
    </message>
    <message>
        <source>Incorrect labels cause {due} of the {error} dev error ({share} of it); other causes {other}.</source>
        <translation>在 {error} 的验证集误差中，标注错误造成了 {due}（占 {share}）；其他原因造成了 {other}。</translation>
    </message>
    <message>
        <source>There is no dev error, so there are no label errors among the errors to fix.</source>
        <translation>验证集误差为零，因此没有需要修复的标注错误。</translation>
    </message>
    <message>
        <source>That is at least half of the {gain} the best other category could gain: fixing the labels is worth it now.</source>
        <translation>这至少是最佳其他类别可获收益 {gain} 的一半：现在就值得修正标签。</translation>
    </message>
    <message>
        <source>The best other category could gain {gain}: work on it first and fix the labels later.</source>
        <translation>最佳其他类别可获收益 {gain}：先解决它，之后再修正标签。</translation>
    </message>
    <message>
        <source>Labels are a large part of the error: fixing them is worth it now.</source>
        <translation>标签占了误差的很大一部分：现在就值得修正。</translation>
    </message>
    <message>
        <source>Fix the other causes first; the labels can wait.</source>
        <translation>先解决其他原因；标签可以稍后再修。</translation>
    </message>
    <message>
        <source>Correct the dev and test sets the same way, and review examples the model got right too.</source>
        <translation>用同样的方式修正验证集和测试集，并且也审阅模型分类正确的样本。</translation>
    </message>
    <message>
        <source>Both models have a {a} dev error: they tie.</source>
        <translation>两个模型的验证集误差都是 {a}：不分高下。</translation>
    </message>
    <message>
        <source>Label noise ({noise} of the dev set) could hide a difference either way: correct the dev labels before choosing.</source>
        <translation>标签噪声（占验证集的 {noise}）可能掩盖任一方向的差异：请先修正验证集标签再做选择。</translation>
    </message>
    <message>
        <source>Model {winner} makes {gap} fewer dev errors than model {loser} and no dev labels are known to be wrong: {winner} is better.</source>
        <translation>模型 {winner} 比模型 {loser} 少 {gap} 的验证集错误，且没有已知的验证集错误标签：{winner} 更好。</translation>
    </message>
    <message>
        <source>Model {winner} makes {gap} fewer dev errors than model {loser}; label noise ({noise} of the dev set) could explain at most {share} of that difference: {winner} is better.</source>
        <translation>模型 {winner} 比模型 {loser} 少 {gap} 的验证集错误；标签噪声（占验证集的 {noise}）最多只能解释该差异的 {share}：{winner} 更好。</translation>
    </message>
    <message>
        <source>Model {winner} makes {gap} fewer dev errors than model {loser}.</source>
        <translation>模型 {winner} 比模型 {loser} 少 {gap} 的验证集错误。</translation>
    </message>
    <message>
        <source>Label noise ({noise} of the dev set) could explain the whole {gap} difference: the models cannot be ranked until the dev labels are corrected.</source>
        <translation>标签噪声（占验证集的 {noise}）足以解释全部 {gap} 的差异：在修正验证集标签之前，无法对这两个模型排序。</translation>
    </message>
    <message>
        <source>errors of class {label} predicted as {prediction} are {share} of dev error ({errors} error, {rate} of class {label})</source>
        <translation>被预测为 {prediction} 的 {label} 类错误占验证集误差的 {share}（{errors} 个错误，占 {label} 类的 {rate}）</translation>
    </message>
    <message>
        <source>errors of class {label} predicted as {prediction} are {share} of dev error ({errors} errors, {rate} of class {label})</source>
        <translation>被预测为 {prediction} 的 {label} 类错误占验证集误差的 {share}（{errors} 个错误，占 {label} 类的 {rate}）</translation>
    </message>
    <message>
        <source>errors of class {value} are {share} of dev error (error rate {rate} vs {other} elsewhere)</source>
        <translation>{value} 类的错误占验证集误差的 {share}（错误率 {rate}，其余部分为 {other}）</translation>
    </message>
    <message>
        <source>errors of class {value} are {share} of dev error (error rate {rate} vs {other} elsewhere; within noise)</source>
        <translation>{value} 类的错误占验证集误差的 {share}（错误率 {rate}，其余部分为 {other}；在噪声范围内）</translation>
    </message>
    <message>
        <source>errors of class {value} are {share} of dev error (error rate {rate}; the whole dev set)</source>
        <translation>{value} 类的错误占验证集误差的 {share}（错误率 {rate}；即整个验证集）</translation>
    </message>
    <message>
        <source>errors predicted as {value} are {share} of dev error (error rate {rate} vs {other} elsewhere)</source>
        <translation>被预测为 {value} 的错误占验证集误差的 {share}（错误率 {rate}，其余部分为 {other}）</translation>
    </message>
    <message>
        <source>errors predicted as {value} are {share} of dev error (error rate {rate} vs {other} elsewhere; within noise)</source>
        <translation>被预测为 {value} 的错误占验证集误差的 {share}（错误率 {rate}，其余部分为 {other}；在噪声范围内）</translation>
    </message>
    <message>
        <source>errors predicted as {value} are {share} of dev error (error rate {rate}; the whole dev set)</source>
        <translation>被预测为 {value} 的错误占验证集误差的 {share}（错误率 {rate}；即整个验证集）</translation>
    </message>
    <message>
        <source>{name} has an error rate of {rate} ({share} of dev error)</source>
        <translation>{name} 的错误率为 {rate}（占验证集误差的 {share}）</translation>
    </message>
    <message>
        <source>{name} has every dev error ({rate} error rate)</source>
        <translation>{name} 包含全部验证集错误（错误率 {rate}）</translation>
    </message>
    <message>
        <source>{name} has {lift} the error rate ({rate} vs {other} elsewhere)</source>
        <translation>{name} 的错误率是其余部分的 {lift}（{rate}，其余部分为 {other}）</translation>
    </message>
    <message>
        <source>{name} has {lift} the error rate ({rate} vs {other} elsewhere; within noise)</source>
        <translation>{name} 的错误率是其余部分的 {lift}（{rate}，其余部分为 {other}；在噪声范围内）</translation>
    </message>
    <message>
        <source>{name} has {lift} the error rate ({rate}; the whole dev set)</source>
        <translation>{name} 的错误率是其余部分的 {lift}（{rate}；即整个验证集）</translation>
    </message>
</context>
<context>
    <name>core.errors</name>
    <message>
        <source>a category needs a name</source>
        <translation>类别需要一个名称</translation>
    </message>
    <message>
        <source>category name &apos;{start}...&apos; is too long (80 characters at most)</source>
        <translation>类别名称“{start}...”太长（最多 80 个字符）</translation>
    </message>
    <message>
        <source>&apos;{cleaned}&apos; cannot be a category name: the review spreadsheet uses it as a column</source>
        <translation>“{cleaned}”不能作为类别名称：审阅表格把它用作列名</translation>
    </message>
    <message>
        <source>unknown category kind &apos;{kind}&apos;; use normal or label_error</source>
        <translation>未知的类别种类“{kind}”；请使用 normal 或 label_error</translation>
    </message>
    <message>
        <source>{path}: no such categories file</source>
        <translation>{path}：没有这个类别文件</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text; save the categories file as UTF-8</source>
        <translation>{path}：不是 UTF-8 文本；请把类别文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>{path}, line {number}: {error}</source>
        <translation>{path}，第 {number} 行：{error}</translation>
    </message>
    <message>
        <source>{path}: no categories in the file (one name per line)</source>
        <translation>{path}：文件中没有类别（每行一个名称）</translation>
    </message>
    <message>
        <source>category &apos;{name}&apos; is given twice</source>
        <translation>类别“{name}”给出了两次</translation>
    </message>
    <message>
        <source>--satisfice &apos;{text}&apos;: write METRIC&lt;=VALUE (or &lt;, &gt;=, &gt;, ==), e.g. --satisfice &apos;latency_ms&lt;=100&apos;</source>
        <translation>--satisfice &apos;{text}&apos;：请写成 METRIC&lt;=VALUE（或 &lt;、&gt;=、&gt;、==），例如 --satisfice &apos;latency_ms&lt;=100&apos;</translation>
    </message>
    <message>
        <source>--satisfice &apos;{text}&apos;: &apos;{value}&apos; is not a number; e.g. --satisfice &apos;latency_ms&lt;=100&apos;</source>
        <translation>--satisfice &apos;{text}&apos;：“{value}”不是数字；例如 --satisfice &apos;latency_ms&lt;=100&apos;</translation>
    </message>
    <message>
        <source>--satisfice &apos;{text}&apos;: the threshold must be a finite number</source>
        <translation>--satisfice &apos;{text}&apos;：阈值必须是有限的数</translation>
    </message>
    <message>
        <source>give --maximize or --minimize, not both</source>
        <translation>--maximize 和 --minimize 只能给一个，不要同时给</translation>
    </message>
    <message>
        <source>--optimize {metric}: cannot tell whether higher or lower is better; add --maximize or --minimize</source>
        <translation>--optimize {metric}：无法判断越高越好还是越低越好；请加上 --maximize 或 --minimize</translation>
    </message>
    <message>
        <source>no metric column &apos;{name}&apos;; the metrics are: {metrics}</source>
        <translation>没有指标列“{name}”；现有指标：{metrics}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{source}: model &apos;{model}&apos; appears twice in column &apos;{name_source}&apos;; give each candidate one row</source>
        <translation>{source}：模型“{model}”在列“{name_source}”中出现了两次；每个候选模型只能占一行</translation>
    </message>
    <message>
        <source>{table_path}: no row for model &apos;{missing}&apos; (given by --model); the table&apos;s models are: {models}</source>
        <translation>{table_path}：没有模型“{missing}”（由 --model 给出）的行；表中的模型：{models}</translation>
    </message>
    <message>
        <source>{source}: no column &apos;{name_column}&apos; (given by --name-col); the columns are: {columns}</source>
        <translation>{source}：没有列“{name_column}”（由 --name-col 给出）；现有列：{columns}</translation>
    </message>
    <message>
        <source>{source}, line {row}: empty model name in column &apos;{name_source}&apos;</source>
        <translation>{source}，第 {row} 行：列“{name_source}”中的模型名称为空</translation>
    </message>
    <message>
        <source>{source}, line {row}: &apos;{value}&apos; in column &apos;{column}&apos; is not a number</source>
        <translation>{source}，第 {row} 行：列“{column}”中的“{value}”不是数字</translation>
    </message>
    <message>
        <source>choose needs a table of candidates (RUNS) or --model NAME=FILE</source>
        <translation>choose 需要一张候选模型表（RUNS）或 --model NAME=FILE</translation>
    </message>
    <message>
        <source>--dev-size must be a positive number of examples, not {dev_size}</source>
        <translation>--dev-size 必须是正的样本数，而不是 {dev_size}</translation>
    </message>
    <message>
        <source>{table_path}: the table has a header but no rows</source>
        <translation>{table_path}：表格只有表头，没有数据行</translation>
    </message>
    <message>
        <source>--model: the name &apos;{duplicate}&apos; is given twice</source>
        <translation>--model：名称“{duplicate}”给出了两次</translation>
    </message>
    <message>
        <source>{path}: cannot write ({strerror})</source>
        <translation>{path}：无法写入（{strerror}）</translation>
    </message>
    <message>
        <source>{path}: a spreadsheet workbook (.xlsx/.xls/.ods), not a CSV; save it as CSV UTF-8 and use that file</source>
        <translation>{path}：这是电子表格工作簿（.xlsx/.xls/.ods），不是 CSV；请另存为 CSV UTF-8 并使用那个文件</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text (byte 0x{byte:02x} on line {line}), nor GBK/GB18030; save it as UTF-8 (in Excel: &apos;CSV UTF-8&apos;) and try again</source>
        <translation>{path}：既不是 UTF-8 文本（第 {line} 行的字节 0x{byte:02x}），也不是 GBK/GB18030；请另存为 UTF-8（在 Excel 中选“CSV UTF-8”）后重试</translation>
    </message>
    <message>
        <source>{path}: {count} columns; at most {most:,} are read (save a copy with only the columns you need)</source>
        <translation>{path}：共 {count} 列；最多只读取 {most:,} 列（请另存一份只含所需列的副本）</translation>
    </message>
    <message>
        <source>{path}: column &apos;{name}&apos; appears twice (columns {seen} and {number}); rename one, every column needs its own name</source>
        <translation>{path}：列“{name}”出现了两次（第 {seen} 列和第 {number} 列）；请重命名其中一个，每一列都需要自己的名称</translation>
    </message>
    <message>
        <source>{path}: the file is empty; it needs a header row and one row per {what}</source>
        <translation>{path}：文件为空；需要一行表头，以及每个{what}一行</translation>
    </message>
    <message>
        <source>{path}, line {line}: a NUL byte (is the file UTF-16? save it as UTF-8 text); cells cannot hold NUL</source>
        <translation>{path}，第 {line} 行：含有 NUL 字节（文件是 UTF-16 吗？请另存为 UTF-8 文本）；单元格不能含有 NUL</translation>
    </message>
    <message>
        <source>{path}: the file is empty; it needs a header row</source>
        <translation>{path}：文件为空；需要一行表头</translation>
    </message>
    <message>
        <source>{path}, line {line}: {seen} fields, but the header names {width} columns; give every column a name in the header (an unnamed score column?) or remove the extra fields, so that no column shifts</source>
        <translation>{path}，第 {line} 行：有 {seen} 个字段，但表头只命名了 {width} 列；请在表头为每一列命名（是否有未命名的分数列？）或删除多余的字段，以免列错位</translation>
    </message>
    <message>
        <source>{path}: not a well-formed table ({first})</source>
        <translation>{path}：不是格式正确的表格（{first}）</translation>
    </message>
    <message>
        <source>dev error</source>
        <translation>验证集误差</translation>
    </message>
    <message>
        <source>label error share</source>
        <translation>标注错误占比</translation>
    </message>
    <message>
        <source>largest other category gain</source>
        <translation>其他类别的最大收益</translation>
    </message>
    <message>
        <source>dev size</source>
        <translation>验证集大小</translation>
    </message>
    <message>
        <source>dev errors</source>
        <translation>验证集错误数</translation>
    </message>
    <message>
        <source>reviewed errors</source>
        <translation>已审阅的错误数</translation>
    </message>
    <message>
        <source>label errors among reviewed errors</source>
        <translation>已审阅错误中的标注错误数</translation>
    </message>
    <message>
        <source>correct examples</source>
        <translation>正确样本数</translation>
    </message>
    <message>
        <source>reviewed correct examples</source>
        <translation>已审阅的正确样本数</translation>
    </message>
    <message>
        <source>label errors among reviewed correct examples</source>
        <translation>已审阅正确样本中的标注错误数</translation>
    </message>
    <message>
        <source>model A dev error</source>
        <translation>模型 A 的验证集误差</translation>
    </message>
    <message>
        <source>model B dev error</source>
        <translation>模型 B 的验证集误差</translation>
    </message>
    <message>
        <source>label noise rate</source>
        <translation>标注噪声率</translation>
    </message>
    <message>
        <source>{name} &apos;{value}&apos; is not a number; give a fraction like 0.08</source>
        <translation>{name}“{value}”不是数字；请给出 0.08 这样的比例</translation>
    </message>
    <message>
        <source>{name} {value} is not a fraction between 0 and 1; give it like 0.08</source>
        <translation>{name} {value} 不是 0 到 1 之间的比例；请写成 0.08 这样</translation>
    </message>
    <message>
        <source>{name} must be a whole number of examples, 0 or more (got {value})</source>
        <translation>{name}必须是不小于 0 的整数样本数（给出的是 {value}）</translation>
    </message>
    <message>
        <source>{reviewed_name} ({reviewed}) is more than the {population} examples there are to review</source>
        <translation>{reviewed_name}（{reviewed}）超过了可审阅的 {population} 个样本</translation>
    </message>
    <message>
        <source>{found_name} ({found}) is more than {reviewed_name} ({reviewed})</source>
        <translation>{found_name}（{found}）超过了{reviewed_name}（{reviewed}）</translation>
    </message>
    <message>
        <source>the dev set is empty; a corrected dev error needs dev examples</source>
        <translation>验证集为空；校正后的验证集误差需要验证集样本</translation>
    </message>
    <message>
        <source>dev errors ({dev_errors}) plus correct examples ({correct_total}) must equal the dev size ({dev_size})</source>
        <translation>验证集错误数（{dev_errors}）加正确样本数（{correct_total}）必须等于验证集大小（{dev_size}）</translation>
    </message>
    <message>
        <source>merge needs two sessions or more (one per reviewer)</source>
        <translation>merge 需要两个或更多会话（每位审阅者一个）</translation>
    </message>
    <message>
        <source>{output}: that is one of the sessions being merged; choose a new file</source>
        <translation>{output}：这是要合并的会话之一；请选择一个新文件</translation>
    </message>
    <message>
        <source>{where}: made from another dev set ({dev_errors} errors of {dev_size}) than {where2} ({dev_errors2} of {dev_size2}); merge sessions made from the same predictions file</source>
        <translation>{where}：与 {where2}（{dev_size2} 个中 {dev_errors2} 个错误）来自不同的验证集（{dev_size} 个中 {dev_errors} 个错误）；请合并由同一个预测文件创建的会话</translation>
    </message>
    <message>
        <source>{where}: not a merged session (it holds one reviewer&apos;s answers); merge reviewers&apos; sessions with `erroranalysis merge`</source>
        <translation>{where}：不是合并后的会话（只含一位审阅者的回答）；请用 `erroranalysis merge` 合并各审阅者的会话</translation>
    </message>
    <message>
        <source>no reviewer &apos;{who}&apos; in {where}; its reviewers are {reviewers} (or {agreed}, {majority})</source>
        <translation>{where} 中没有审阅者“{who}”；其审阅者为 {reviewers}（或 {agreed}、{majority}）</translation>
    </message>
    <message>
        <source>{what} must be one value per example (got an array of shape {shape})</source>
        <translation>{what}必须每个样本一个值（给出的数组形状为 {shape}）</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>labels and predictions differ in length ({n_truth} vs {n_guess}); give one prediction per label</source>
        <translation>标签与预测的长度不同（{n_truth} 对 {n_guess}）；请为每个标签给出一个预测</translation>
    </message>
    <message>
        <source>no examples to compute metrics on; the selected rows are empty</source>
        <translation>没有可计算指标的样本；所选的行为空</translation>
    </message>
    <message>
        <source>ids</source>
        <translation>id</translation>
    </message>
    <message>
        <source>image paths</source>
        <translation>图像路径</translation>
    </message>
    <message>
        <source>{name}: image path &apos;{image}&apos; appears twice among the dev rows; give both files an id column to match examples</source>
        <translation>{name}：图像路径“{image}”在验证集行中出现了两次；请给两个文件都加上 id 列来匹配样本</translation>
    </message>
    <message>
        <source>{name_a} and {name_b} have different dev examples (matched by {what}): {only_a} only in the first, {only_b} only in the second; compare predictions on the same dev set</source>
        <translation>{name_a} 和 {name_b} 的验证集样本不同（按{what}匹配）：{only_a} 只在第一个中，{only_b} 只在第二个中；请比较同一验证集上的预测</translation>
    </message>
    <message>
        <source>{name_a} and {name_b} disagree on {count} dev label (e.g. &apos;{key}&apos;: &apos;{label}&apos; vs &apos;{other_label}&apos;); compare both models against the same labels</source>
        <translation>{name_a} 和 {name_b} 有 {count} 个验证集标签不一致（例如“{key}”：“{label}”对“{other_label}”）；请用相同的标签比较两个模型</translation>
    </message>
    <message>
        <source>{name_a} and {name_b} disagree on {count} dev labels (e.g. &apos;{key}&apos;: &apos;{label}&apos; vs &apos;{other_label}&apos;); compare both models against the same labels</source>
        <translation>{name_a} 和 {name_b} 有 {count} 个验证集标签不一致（例如“{key}”：“{label}”对“{other_label}”）；请用相同的标签比较两个模型</translation>
    </message>
    <message>
        <source>{name_a} and {name_b} give {count} dev examples different weights (e.g. &apos;{key}&apos;: {weight_a:g} vs {weight_b:g}); weigh examples by label or by a column both files share, not by prediction</source>
        <translation>{name_a} 和 {name_b} 给 {count} 个验证集样本的权重不同（例如“{key}”：{weight_a:g} 对 {weight_b:g}）；请按标签或两个文件共有的列加权，不要按预测加权</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：没有这个文件</translation>
    </message>
    <message>
        <source>{path}: is a folder; give a predictions file (.csv, .tsv, .parquet)</source>
        <translation>{path}：这是文件夹；请给出预测文件（.csv、.tsv、.parquet）</translation>
    </message>
    <message>
        <source>{path}: a review session, not a predictions file; give the predictions file (.csv, .tsv, .parquet) it was made from</source>
        <translation>{path}：这是审查会话，不是预测文件；请给出创建它所用的预测文件（.csv、.tsv、.parquet）</translation>
    </message>
    <message>
        <source>{path}: not a readable Parquet file ({name})</source>
        <translation>{path}：不是可读的 Parquet 文件（{name}）</translation>
    </message>
    <message>
        <source>{path}, row {row}: a NUL character in column &apos;{name}&apos;; cells cannot hold NUL</source>
        <translation>{path}，第 {row} 行：列“{name}”中含有 NUL 字符；单元格不能含有 NUL</translation>
    </message>
    <message>
        <source>example</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>{path}: no column &apos;{wanted}&apos; (given by {flag}); the columns are: {columns}</source>
        <translation>{path}：没有列“{wanted}”（由 {flag} 给出）；现有列：{columns}</translation>
    </message>
    <message>
        <source>{path}: no {role} column (looked for {aliases}); the columns are: {columns}; name it with {flag}</source>
        <translation>{path}：没有 {role} 列（查找过 {aliases}）；现有列：{columns}；请用 {flag} 指定</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: empty {role} in column &apos;{column}&apos; ({count} rows in all); every row needs one</source>
        <translation>{path}，{what} {first}：列“{column}”中的 {role} 为空（共 {count} 行）；每一行都需要</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: empty id in column &apos;{column}&apos;</source>
        <translation>{path}，{what} {first}：列“{column}”中的 id 为空</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: score &apos;{value}&apos; in column &apos;{column}&apos; is not a number</source>
        <translation>{path}，{what} {first}：列“{column}”中的分数“{value}”不是数字</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: unknown split &apos;{value}&apos; in column &apos;{column}&apos;; use train, train_dev, dev or test</source>
        <translation>{path}，{what} {first}：列“{column}”中有未知的划分“{value}”；请使用 train、train_dev、dev 或 test</translation>
    </message>
    <message>
        <source>{path}: no dev rows in column &apos;{column}&apos; (values must include dev, val or validation)</source>
        <translation>{path}：列“{column}”中没有验证集行（取值中必须有 dev、val 或 validation）</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: weight &apos;{value}&apos; in column &apos;{column}&apos; is not a number above 0 ({count} such rows); every row needs a positive weight (1 = an ordinary example)</source>
        <translation>{path}，{what} {first}：列“{column}”中的权重“{value}”不是大于 0 的数（共 {count} 行如此）；每一行都需要正的权重（1 = 普通样本）</translation>
    </message>
    <message>
        <source>{path}: the file has a header but no rows</source>
        <translation>{path}：文件只有表头，没有数据行</translation>
    </message>
    <message>
        <source>{path}: reading Parquet needs pyarrow or fastparquet ({error}); pip install pyarrow, or save the predictions as CSV</source>
        <translation>{path}：读取 Parquet 需要 pyarrow 或 fastparquet（{error}）；请 pip install pyarrow，或将预测另存为 CSV</translation>
    </message>
    <message>
        <source>line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: &apos;{key}&apos; appears twice in column &apos;{source}&apos;; ids must be unique</source>
        <translation>{path}，{what} {first}：“{key}”在列“{source}”中出现了两次；id 必须唯一</translation>
    </message>
    <message>
        <source>{path}, {what} {first}: &apos;{key}&apos; appears twice in column &apos;{source}&apos;; ids must be unique (add an id column or name one with --id-col)</source>
        <translation>{path}，{what} {first}：“{key}”在列“{source}”中出现了两次；id 必须唯一（请添加 id 列，或用 --id-col 指定一列）</translation>
    </message>
    <message>
        <source>{where}rate &apos;{raw}&apos; is not a number; write a fraction like 0.08 or a percentage like 8%</source>
        <translation>{where}误差率“{raw}”不是数字；请写成 0.08 这样的比例或 8% 这样的百分比</translation>
    </message>
    <message>
        <source>{where}rate &apos;{raw}&apos; is not a finite number; write a fraction like 0.08 or a percentage like 8%</source>
        <translation>{where}误差率“{raw}”不是有限的数；请写成 0.08 这样的比例或 8% 这样的百分比</translation>
    </message>
    <message>
        <source>{where}rate &apos;{raw}&apos; is negative; error rates are 0 or more</source>
        <translation>{where}误差率“{raw}”是负数；误差率不小于 0</translation>
    </message>
    <message>
        <source>{where}rate &apos;{raw}&apos; is above 100%; error rates are 0%-100%</source>
        <translation>{where}误差率“{raw}”超过 100%；误差率在 0%-100% 之间</translation>
    </message>
    <message>
        <source>{where}rate &apos;{raw}&apos; must be a fraction like 0.08 or a percentage like 8%</source>
        <translation>{where}误差率“{raw}”必须是 0.08 这样的比例或 8% 这样的百分比</translation>
    </message>
    <message>
        <source>{first_bare} {bare_text} has no % sign but {first_sign} {sign_text} has one: write every rate the same way, as percentages (1%, 8%, 10%) or as fractions (0.01, 0.08, 0.1)</source>
        <translation>{first_bare} {bare_text} 没有 % 号，而 {first_sign} {sign_text} 有：请用同一种写法给出所有误差率，都写成百分比（1%、8%、10%）或都写成比例（0.01、0.08、0.1）</translation>
    </message>
    <message>
        <source>{name}: &apos;{text}&apos; is ambiguous: write 1% for one percent, or 100% for every example wrong</source>
        <translation>{name}：“{text}”有歧义：百分之一请写 1%，全部样本出错请写 100%</translation>
    </message>
    <message>
        <source>{path}: a session already exists there; open it or pass --force</source>
        <translation>{path}：那里已有一个会话；请打开它，或加上 --force</translation>
    </message>
    <message>
        <source>{path}: cannot create the session ({strerror})</source>
        <translation>{path}：无法创建会话（{strerror}）</translation>
    </message>
    <message>
        <source>{path}: cannot create the session ({error})</source>
        <translation>{path}：无法创建会话（{error}）</translation>
    </message>
    <message>
        <source>{path}: could not create the session ({error})</source>
        <translation>{path}：未能创建会话（{error}）</translation>
    </message>
    <message>
        <source>{path}: no such session file</source>
        <translation>{path}：没有这个会话文件</translation>
    </message>
    <message>
        <source>{path}: cannot read the session file ({strerror})</source>
        <translation>{path}：无法读取会话文件（{strerror}）</translation>
    </message>
    <message>
        <source>{path}: an empty file, not an erroranalysis session</source>
        <translation>{path}：这是空文件，不是 erroranalysis 会话</translation>
    </message>
    <message>
        <source>{path}: not an erroranalysis session (not an SQLite file)</source>
        <translation>{path}：不是 erroranalysis 会话（不是 SQLite 文件）</translation>
    </message>
    <message>
        <source>{path}: cannot open the session ({error})</source>
        <translation>{path}：无法打开会话（{error}）</translation>
    </message>
    <message>
        <source>{path}: an SQLite file, but not an erroranalysis session</source>
        <translation>{path}：这是 SQLite 文件，但不是 erroranalysis 会话</translation>
    </message>
    <message>
        <source>{path}: made by a newer erroranalysis (schema {version}); update the app</source>
        <translation>{path}：由更新版本的 erroranalysis 创建（schema {version}）；请更新本程序</translation>
    </message>
    <message>
        <source>{path}: cannot read the session ({error})</source>
        <translation>{path}：无法读取会话（{error}）</translation>
    </message>
    <message>
        <source>{location}: cannot open the session ({error})</source>
        <translation>{location}：无法打开会话（{error}）</translation>
    </message>
    <message>
        <source>{location}: no such session on the server (erroranalysis push SESSION.easession URL puts one there)</source>
        <translation>{location}：服务器上没有这个会话（可用 erroranalysis push SESSION.easession URL 上传一个）</translation>
    </message>
    <message>
        <source>{location}: made by a newer erroranalysis (schema {version}); update the app</source>
        <translation>{location}：由更新版本的 erroranalysis 创建（schema {version}）；请更新本程序</translation>
    </message>
    <message>
        <source>{where}: the session cannot be read ({error})</source>
        <translation>{where}：无法读取会话（{error}）</translation>
    </message>
    <message>
        <source>{path}: the session file is damaged ({error})</source>
        <translation>{path}：会话文件已损坏（{error}）</translation>
    </message>
    <message>
        <source>{path}: the session file is damaged ({problems}); restore a copy (erroranalysis backup makes one)</source>
        <translation>{path}：会话文件已损坏（{problems}）；请恢复一份副本（erroranalysis backup 可以制作副本）</translation>
    </message>
    <message>
        <source>{destination}: that is the session itself; choose another name</source>
        <translation>{destination}：这就是会话本身；请选择另一个名称</translation>
    </message>
    <message>
        <source>{destination}: cannot write the copy ({error})</source>
        <translation>{destination}：无法写入副本（{error}）</translation>
    </message>
    <message>
        <source>{destination}: cannot write the copy ({strerror})</source>
        <translation>{destination}：无法写入副本（{strerror}）</translation>
    </message>
    <message>
        <source>dev size {dev_size} is smaller than the {dev_errors} dev errors</source>
        <translation>验证集大小 {dev_size} 小于 {dev_errors} 个验证集错误</translation>
    </message>
    <message>
        <source>{root}: not a folder</source>
        <translation>{root}：不是文件夹</translation>
    </message>
    <message>
        <source>this session has no items</source>
        <translation>本会话没有样本</translation>
    </message>
    <message>
        <source>{root}: {name} is not in this folder or below it; choose the folder that holds the images (or one of their parent folders)</source>
        <translation>{root}：{name} 不在这个文件夹或其子文件夹中；请选择存放这些图像的文件夹（或它们的某个上级文件夹）</translation>
    </message>
    <message>
        <source>a category named &apos;{name}&apos; already exists</source>
        <translation>名为“{name}”的类别已存在</translation>
    </message>
    <message>
        <source>shortcut &apos;{shortcut}&apos; must be a single key (or F1-F12)</source>
        <translation>快捷键“{shortcut}”必须是单个按键（或 F1-F12）</translation>
    </message>
    <message>
        <source>key &apos;{shortcut}&apos; already ticks &apos;{name}&apos;</source>
        <translation>按键“{shortcut}”已用于勾选“{name}”</translation>
    </message>
    <message>
        <source>the comment was changed elsewhere since it was shown; it was not overwritten</source>
        <translation>显示之后，这条备注已在别处被修改；没有覆盖它</translation>
    </message>
    <message>
        <source>{where}: interval_method &apos;{method}&apos; is not one of {methods}; set it again in the app&apos;s settings</source>
        <translation>{where}：interval_method“{method}”不是 {methods} 之一；请在程序的设置中重新设置</translation>
    </message>
    <message>
        <source>the session has no category of kind label_error (such as &apos;incorrect label&apos;); add one to review labels</source>
        <translation>该会话没有 label_error 种类的类别（例如“incorrect label”）；要审阅标签，请添加一个</translation>
    </message>
    <message>
        <source>the session has no {split} predictions (made from a folder of images?)</source>
        <translation>该会话没有 {split} 预测（是否由图像文件夹创建？）</translation>
    </message>
    <message>
        <source>weight rule</source>
        <translation>权重规则</translation>
    </message>
    <message>
        <source>{where}: the stored weight rules are not readable ({text!r}); set them again (Edit ▸ Weights… or erroranalysis weights SESSION --clear)</source>
        <translation>{where}：保存的权重规则无法读取（{text!r}）；请重新设置（“编辑 ▸ 权重…”或 erroranalysis weights SESSION --clear）</translation>
    </message>
    <message>
        <source>a session made from a folder of images has no predictions to weigh; make it from a predictions file (with a weight column, or rules on its columns)</source>
        <translation>由图像文件夹创建的会话没有可加权的预测；请由预测文件创建会话（带权重列，或对其列设置规则）</translation>
    </message>
    <message>
        <source>{where}: item &apos;{missing}&apos; is not among the session&apos;s predictions rows; its weight is unknown</source>
        <translation>{where}：样本“{missing}”不在会话的预测行中；其权重未知</translation>
    </message>
    <message>
        <source>no column &apos;{unknown}&apos; to slice by; available: {available}</source>
        <translation>没有可用于切片的列“{unknown}”；可用的列：{available}</translation>
    </message>
    <message>
        <source>--sample must be a positive number, not {size}</source>
        <translation>--sample 必须是正数，而不是 {size}</translation>
    </message>
    <message>
        <source>{source}: no such file or folder</source>
        <translation>{source}：没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>--weight: {source} is a folder of images, with no predictions to weigh</source>
        <translation>--weight：{source} 是图像文件夹，没有可加权的预测</translation>
    </message>
    <message>
        <source>{source}: no images found (looked for {extensions})</source>
        <translation>{source}：没有找到图像（查找过 {extensions}）</translation>
    </message>
    <message>
        <source>{source}: the model makes no errors on the {dev_size} dev rows; there is nothing to review</source>
        <translation>{source}：模型在 {dev_size} 行验证集上没有错误；没有需要审阅的内容</translation>
    </message>
    <message>
        <source>none of the {checked:,} images was found (looked under {where}, e.g. {example}); give the folder they are in with --images-root DIR</source>
        <translation>{checked:,} 张图像一张也没有找到（在 {where} 下查找，例如 {example}）；请用 --images-root DIR 给出它们所在的文件夹</translation>
    </message>
    <message>
        <source>--dev-size {dev_size} is smaller than the {dev_errors} images (errors)</source>
        <translation>--dev-size {dev_size} 小于 {dev_errors} 张图像（错误）</translation>
    </message>
    <message>
        <source>--dev-error must be between 0 and 1 (or 0% and 100%)</source>
        <translation>--dev-error 必须在 0 到 1 之间（或 0% 到 100% 之间）</translation>
    </message>
    <message>
        <source>this session was made from a folder: there are no correct examples to sample</source>
        <translation>本会话由文件夹创建：没有可抽样的正确样本</translation>
    </message>
    <message>
        <source>every correctly classified dev example is already in the session</source>
        <translation>所有分类正确的验证集样本都已在会话中</translation>
    </message>
    <message>
        <source>--delimiter &apos;{delimiter}&apos;: use &apos;,&apos; or &apos;;&apos;</source>
        <translation>--delimiter &apos;{delimiter}&apos;：请使用 &apos;,&apos; 或 &apos;;&apos;</translation>
    </message>
    <message>
        <source>{path}: no such spreadsheet</source>
        <translation>{path}：没有这个表格</translation>
    </message>
    <message>
        <source>item</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>, n/a for not assessed</source>
        <translation>，n/a 表示未评估</translation>
    </message>
    <message>
        <source>{path}, line {line}: &apos;{value}&apos; in column &apos;{column}&apos; is not a tick (use 1/0, x or blank, yes/no, true/false{also})</source>
        <translation>{path}，第 {line} 行：列“{column}”中的“{value}”不是勾选值（请用 1/0、x 或留空、yes/no、true/false{also}）</translation>
    </message>
    <message>
        <source>{path}, line {line}: &apos;{value}&apos; in column &apos;{column}&apos; is not a review state (use 1 for reviewed, 0 for not yet, skipped for can&apos;t judge)</source>
        <translation>{path}，第 {line} 行：列“{column}”中的“{value}”不是审阅状态（1 表示已审阅，0 表示尚未审阅，skipped 表示无法判断）</translation>
    </message>
    <message>
        <source>{path}: no column &apos;{wanted}&apos; (given by --categories); the columns are: {columns}</source>
        <translation>{path}：没有列“{wanted}”（由 --categories 给出）；现有列：{columns}</translation>
    </message>
    <message>
        <source>{path}: this is a predictions file, not a review spreadsheet; review its errors first (erroranalysis review {name}, or new), then tally the session or its exported spreadsheet</source>
        <translation>{path}：这是预测文件，不是审阅表格；请先审阅其中的错误（erroranalysis review {name}，或 new），再统计会话或其导出的表格</translation>
    </message>
    <message>
        <source>{path}: no tick columns found (a tick column holds only 1/0, x, ✓, yes/no, true/false or blanks); name them with --categories</source>
        <translation>{path}：没有找到勾选列（勾选列只含 1/0、x、✓、yes/no、true/false 或空白）；请用 --categories 指定</translation>
    </message>
    <message>
        <source>{path}: --label-error-column &apos;{label_error_column}&apos; is not one of the tick columns ({names})</source>
        <translation>{path}：--label-error-column“{label_error_column}”不是勾选列（{names}）之一</translation>
    </message>
    <message>
        <source>{path}: needs an &apos;id&apos; or &apos;image&apos; column to match rows to the session</source>
        <translation>{path}：需要 id 或 image 列来把行与会话匹配</translation>
    </message>
    <message>
        <source>{path}: lines {lines} are the same item (&apos;{key}&apos;); keep one row per item and import again</source>
        <translation>{path}：第 {lines} 行是同一个样本（“{key}”）；每个样本只保留一行后重新导入</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等另外 {count} 行</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} 行</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>行</translation>
    </message>
    <message>
        <source>{path}: {rows} would undo changes made in the session after this sheet was exported ({which} {lines}{more}: {names}); export a fresh sheet and edit that, or import with --overwrite-newer to replace those changes with the sheet&apos;s values</source>
        <translation>{path}：有 {rows}会撤销导出此表格之后在会话中所做的修改（{which} {lines}{more}：{names}）；请重新导出一份表格再编辑，或用 --overwrite-newer 导入，以表格中的值替换那些修改</translation>
    </message>
    <message>
        <source>{text}: not a server URL (postgresql://user@host/database?session=NAME)</source>
        <translation>{text}：不是服务器 URL（postgresql://user@host/database?session=NAME）</translation>
    </message>
    <message>
        <source>{display_url}: say which session: add ?session=NAME to the URL (or --session NAME)</source>
        <translation>{display_url}：请指明会话：在 URL 后加上 ?session=NAME（或用 --session NAME）</translation>
    </message>
    <message>
        <source>session name &apos;{name}&apos; must be 1-48 characters with a letter or digit</source>
        <translation>会话名称“{name}”必须是 1-48 个字符，且含有字母或数字</translation>
    </message>
    <message>
        <source>sessions on a PostgreSQL server need psycopg: pip install &apos;erroranalysis[server]&apos;</source>
        <translation>PostgreSQL 服务器上的会话需要 psycopg：pip install &apos;erroranalysis[server]&apos;</translation>
    </message>
    <message>
        <source>{local}: open it once with this version (it migrates to schema {version}) before pushing it</source>
        <translation>{local}：上传之前请先用此版本打开一次（它会迁移到 schema {version}）</translation>
    </message>
    <message>
        <source>{location}: a session of that name already exists on the server; choose another name, or --force to replace it</source>
        <translation>{location}：服务器上已有同名会话；请选择另一个名称，或用 --force 替换它</translation>
    </message>
    <message>
        <source>{location}: {error}</source>
        <translation>{location}：{error}</translation>
    </message>
    <message>
        <source>{location}: the server refused the upload ({error})</source>
        <translation>{location}：服务器拒绝了上传（{error}）</translation>
    </message>
    <message>
        <source>{local}: exists already; choose another name, or --force</source>
        <translation>{local}：已存在；请选择另一个名称，或用 --force</translation>
    </message>
    <message>
        <source>{location}: no such session on the server</source>
        <translation>{location}：服务器上没有这个会话</translation>
    </message>
    <message>
        <source>--thumbnails must be 0 or more, not {thumbnails}</source>
        <translation>--thumbnails 必须不小于 0，而不是 {thumbnails}</translation>
    </message>
    <message>
        <source>{path}: the session changed while the report was read</source>
        <translation>{path}：读取报告期间会话发生了变化</translation>
    </message>
    <message>
        <source>--format {format}: choose one of {formats}</source>
        <translation>--format {format}：请从 {formats} 中选择一个</translation>
    </message>
    <message>
        <source>{path}: a folder; give a file name for the report</source>
        <translation>{path}：这是文件夹；请为报告给出文件名</translation>
    </message>
    <message>
        <source>{path}: the folder {parent} does not exist</source>
        <translation>{path}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>{path}: cannot write the report ({strerror})</source>
        <translation>{path}：无法写入报告（{strerror}）</translation>
    </message>
    <message>
        <source>{flag} &apos;{raw}&apos;: write COLUMN=VALUE:WEIGHT, e.g. {flag} &apos;label=porn:10&apos;</source>
        <translation>{flag} &apos;{raw}&apos;：请写成 COLUMN=VALUE:WEIGHT，例如 {flag} &apos;label=porn:10&apos;</translation>
    </message>
    <message>
        <source>{flag} &apos;{raw}&apos;: weight &apos;{weight_text}&apos; is not a number; write COLUMN=VALUE:WEIGHT, e.g. {flag} &apos;label=porn:10&apos;</source>
        <translation>{flag} &apos;{raw}&apos;：权重“{weight_text}”不是数字；请写成 COLUMN=VALUE:WEIGHT，例如 {flag} &apos;label=porn:10&apos;</translation>
    </message>
    <message>
        <source>{flag} &apos;{raw}&apos;: the weight must be a number above 0 (1 = an ordinary example)</source>
        <translation>{flag} &apos;{raw}&apos;：权重必须是大于 0 的数（1 = 普通样本）</translation>
    </message>
    <message>
        <source>--weight &apos;{text}&apos;: {source} has no column &apos;{column}&apos;; a rule can name: {names}</source>
        <translation>--weight &apos;{text}&apos;：{source} 没有列“{column}”；规则可以使用：{names}</translation>
    </message>
    <message>
        <source>--weight &apos;{text}&apos;: no row of {source} has {column} = &apos;{value}&apos; (values include {shown})</source>
        <translation>--weight &apos;{text}&apos;：{source} 中没有 {column} = “{value}”的行（取值包括 {shown}）</translation>
    </message>
    <message>
        <source>{path}: image path &apos;{image}&apos; belongs to several items; matching needs example ids (create the sessions from a predictions file with an id column)</source>
        <translation>{path}：图像路径“{image}”属于多个样本；匹配需要样本 id（请由带 id 列的预测文件创建会话）</translation>
    </message>
    <message>
        <source>{level} error &apos;{value}&apos; is not a number; give a fraction like 0.08</source>
        <translation>{level}误差“{value}”不是数字；请给出 0.08 这样的比例</translation>
    </message>
    <message>
        <source>{level} error {value} is not a fraction between 0 and 1; give it like 0.08 or 8%</source>
        <translation>{level}误差 {value} 不是 0 到 1 之间的比例；请写成 0.08 或 8% 这样</translation>
    </message>
</context>
<context>
    <name>core.notes</name>
    <message>
        <source>{name} lacks {missing}</source>
        <translation>{name} 缺少 {missing}</translation>
    </message>
    <message>
        <source>{partial} of {items} items is not in every session ({per}); they count as not assessed by the reviewers who lack them</source>
        <translation>{items} 个样本中有 {partial} 个不在每个会话中（{per}）；对缺少它们的审阅者，按未评估计</translation>
    </message>
    <message>
        <source>{partial} of {items} items are not in every session ({per}); they count as not assessed by the reviewers who lack them</source>
        <translation>{items} 个样本中有 {partial} 个不在每个会话中（{per}）；对缺少它们的审阅者，按未评估计</translation>
    </message>
    <message>
        <source>1 category is not in every session ({per}); they count as not assessed by the reviewers who lack them</source>
        <translation>有 1 个类别不在每个会话中（{per}）；对缺少它的审阅者，按未评估计</translation>
    </message>
    <message>
        <source>{count} categories are not in every session ({per}); they count as not assessed by the reviewers who lack them</source>
        <translation>有 {count} 个类别不在每个会话中（{per}）；对缺少它们的审阅者，按未评估计</translation>
    </message>
    <message>
        <source>{path}: {items:,} items, {categories} categories, reviewers {names} (matched by {matched_by})</source>
        <translation>{path}：{items:,} 个样本，{categories} 个类别，审阅者 {names}（按 {matched_by} 匹配）</translation>
    </message>
    <message>
        <source>agreed where every reviewer who looked agrees; {items:,} items ({cells:,} item-category cells) disagree: resolve them in the app (Review &gt; Resolve disagreements) or see `agreement`</source>
        <translation>看过的审阅者全部一致时即为一致；有 {items:,} 个样本（{cells:,} 个样本-类别单元格）存在分歧：请在程序中解决（审阅 &gt; 解决分歧），或查看 `agreement`</translation>
    </message>
    <message>
        <source>{path}: every label and prediction is a number, so they are compared as numbers (1 and 1.0 are one class); {merged:,} rows that differ as text match as numbers</source>
        <translation>{path}：所有标签和预测都是数字，因此按数值比较（1 和 1.0 是同一个类别）；有 {merged:,} 行按文本不同、按数值相同</translation>
    </message>
    <message>
        <source>{name}: a write-ahead log left by a crash belonged to another session file; it was set aside as {target}, not merged into this one</source>
        <translation>{name}：崩溃遗留的预写日志属于另一个会话文件；已另存为 {target}，没有合并到本会话中</translation>
    </message>
    <message>
        <source>{source}: {count} image(s) skipped because their names are not valid UTF-8 (e.g. {example}); rename them and make the session again to include them</source>
        <translation>{source}：跳过了 {count} 张图像，因为其文件名不是有效的 UTF-8（例如 {example}）；要包含它们，请重命名后重新创建会话</translation>
    </message>
    <message>
        <source>{name}: column {columns} (only tick values) also in {source} with the same values: taken for data, not counted; to count it, name the categories to count with --categories</source>
        <translation>{name}：列 {columns}（只含勾选值）也在 {source} 中且取值相同：视为数据，不计入统计；要统计它，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>{name}: columns {columns} (only tick values) also in {source} with the same values: taken for data, not counted; to count them, name the categories to count with --categories</source>
        <translation>{name}：列 {columns}（只含勾选值）也在 {source} 中且取值相同：视为数据，不计入统计；要统计它们，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>{name}: column {columns} (only tick values) also named in {source}: taken for data, not counted; to count it, name the categories to count with --categories</source>
        <translation>{name}：列 {columns}（只含勾选值）在 {source} 中也有同名列：视为数据，不计入统计；要统计它，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>{name}: columns {columns} (only tick values) also named in {source}: taken for data, not counted; to count them, name the categories to count with --categories</source>
        <translation>{name}：列 {columns}（只含勾选值）在 {source} 中也有同名列：视为数据，不计入统计；要统计它们，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>&apos;{column}&apos; as the {role}</source>
        <translation>“{column}”作为 {role}</translation>
    </message>
    <message>
        <source>{name}: tick values taken for the sheet&apos;s own columns, not categories: {taken}; to count it, name the categories to count with --categories</source>
        <translation>{name}：以下勾选值被当作表格自身的列，而不是类别：{taken}；要统计它，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>{name}: tick values taken for the sheet&apos;s own columns, not categories: {taken}; to count them, name the categories to count with --categories</source>
        <translation>{name}：以下勾选值被当作表格自身的列，而不是类别：{taken}；要统计它们，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>{name}: column {columns} counted as category (every cell is a tick value) although named like data; if not, name the categories to count with --categories</source>
        <translation>{name}：列 {columns} 虽然名称像数据，但被计为类别（每个单元格都是勾选值）；如果不是类别，请用 --categories 指定要统计的类别</translation>
    </message>
    <message>
        <source>{name}: columns {columns} counted as categories (every cell is a tick value) although named like data; if not, name the categories to count with --categories</source>
        <translation>{name}：列 {columns} 虽然名称像数据，但被计为类别（每个单元格都是勾选值）；如果不是类别，请用 --categories 指定要统计的类别</translation>
    </message>
</context>
<context>
    <name>core.report</name>
    <message>
        <source>, {skipped} skipped</source>
        <translation>，跳过 {skipped} 个</translation>
    </message>
    <message>
        <source>{reviewed} reviewed errors{skipped} (the number of dev errors is unknown: give --predictions or --dev-errors for rates and finite-population intervals)</source>
        <translation>已审阅 {reviewed} 个错误{skipped}（验证集错误数未知：要得到比率和有限总体区间，请给出 --predictions 或 --dev-errors）</translation>
    </message>
    <message>
        <source>{reviewed} of {dev_errors} dev errors reviewed{skipped}</source>
        <translation>已审阅 {reviewed} / {dev_errors} 个验证集错误{skipped}</translation>
    </message>
    <message>
        <source>Weighted dev error {rate} (unweighted {plain}, {dev_errors} / {dev_size}; weights: {weights}); {reviewed}</source>
        <translation>加权验证集误差 {rate}（不加权 {plain}，{dev_errors} / {dev_size}；权重：{weights}）；{reviewed}</translation>
    </message>
    <message>
        <source>Dev error {rate} ({dev_errors} / {dev_size}); {reviewed}</source>
        <translation>验证集误差 {rate}（{dev_errors} / {dev_size}）；{reviewed}</translation>
    </message>
    <message>
        <source>{reviewed} (dev size unknown: give --dev-size or --predictions for rates)</source>
        <translation>{reviewed}（验证集大小未知：要得到比率，请给出 --dev-size 或 --predictions）</translation>
    </message>
    <message>
        <source>95% intervals: stratified exact. The dev errors are split by weight (one stratum per distinct weight: {count}); each stratum&apos;s exact hypergeometric count interval (METHOD.md §2) bounds the category&apos;s unreviewed weight, and the strata are summed at level 1 − 0.05/m (a union bound over the m strata not fully reviewed), so they cover at least 95% whatever the weights.</source>
        <translation>95% 区间：分层精确区间。验证集错误按权重分层（每个不同的权重一层：共 {count} 层）；每层的精确超几何计数区间（METHOD.md §2）界定该类别未审阅部分的权重，各层在 1 − 0.05/m 的水平上相加（对 m 个未完全审阅的层取联合界），因此无论权重如何，覆盖率都至少为 95%。</translation>
    </message>
    <message>
        <source>95% intervals: stratified exact. The dev errors are split by weight ({count} strata by weight quantile, the weights being too many to take one by one); each stratum&apos;s exact hypergeometric count interval (METHOD.md §2) bounds the category&apos;s unreviewed weight, and the strata are summed at level 1 − 0.05/m (a union bound over the m strata not fully reviewed), so they cover at least 95% whatever the weights.</source>
        <translation>95% 区间：分层精确区间。验证集错误按权重分层（权重取值太多，无法逐个分层，按权重分位数分为 {count} 层）；每层的精确超几何计数区间（METHOD.md §2）界定该类别未审阅部分的权重，各层在 1 − 0.05/m 的水平上相加（对 m 个未完全审阅的层取联合界），因此无论权重如何，覆盖率都至少为 95%。</translation>
    </message>
    <message>
        <source>Shares, gains and ceilings are weighted: a category&apos;s share is the weight of its reviewed errors over the weight of all reviewed errors (METHOD.md §6). </source>
        <translation>占比、收益和上限都是加权的：一个类别的占比是其已审阅错误的权重除以全部已审阅错误的权重（METHOD.md §6）。</translation>
    </message>
    <message>
        <source>Intervals: Wilson with the finite-population correction (--interval).</source>
        <translation>区间：带有限总体校正的 Wilson 区间（--interval）。</translation>
    </message>
    <message>
        <source>Intervals: Clopper-Pearson (the number of dev errors is unknown).</source>
        <translation>区间：Clopper-Pearson 区间（验证集错误数未知）。</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>max gain</source>
        <translation>最大收益</translation>
    </message>
    <message>
        <source>ceiling</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>ceiling 95%</source>
        <translation>上限 95%</translation>
    </message>
    <message>
        <source>weighted share</source>
        <translation>加权占比</translation>
    </message>
    <message>
        <source>Incorrect labels: {share} of reviewed errors</source>
        <translation>标注错误：占已审阅错误的 {share}</translation>
    </message>
    <message>
        <source>Errors due to incorrect labels: {due} of the dev set; due to other causes: {other}</source>
        <translation>标注错误造成的误差：占验证集的 {due}；其他原因造成的：{other}</translation>
    </message>
    <message>
        <source>k/n: ticked on k of the n reviewed errors assessed for the category (added mid-review).</source>
        <translation>k/n：该类别（审阅中途添加）评估过的 n 个已审阅错误中，有 k 个勾选了它。</translation>
    </message>
    <message>
        <source>Ordered by max gain: the most that fixing the category can cut the dev error.</source>
        <translation>按最大收益排序：解决该类别最多能使验证集误差降低多少。</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>looks like the prediction</source>
        <translation>看起来像预测的数字</translation>
    </message>
    <message>
        <source>even a person could read it as the predicted digit</source>
        <translation>人也可能把它看成预测的那个数字</translation>
    </message>
    <message>
        <source>faint or broken stroke</source>
        <translation>笔画淡或断开</translation>
    </message>
    <message>
        <source>thin, light or gappy ink; a stroke is missing or broken</source>
        <translation>墨迹细、浅或有断口；某一笔缺失或断开</translation>
    </message>
    <message>
        <source>unusual writing style</source>
        <translation>少见的写法</translation>
    </message>
    <message>
        <source>a legible but uncommon way of writing this digit</source>
        <translation>能认出来，但这个数字的写法不常见</translation>
    </message>
    <message>
        <source>cut off or off-centre</source>
        <translation>被截断或偏离中心</translation>
    </message>
    <message>
        <source>the digit is cropped, shifted or badly scaled in its box</source>
        <translation>数字在框中被裁切、偏移或缩放不当</translation>
    </message>
    <message>
        <source>incorrect label</source>
        <translation>标注错误</translation>
    </message>
    <message>
        <source>the true label itself is wrong</source>
        <translation>真实标签本身有误</translation>
    </message>
    <message>
        <source>Handwritten digits (UCI / scikit-learn)</source>
        <translation>手写数字（UCI / scikit-learn）</translation>
    </message>
</context>
<context>
    <name>gain_chart</name>
    <message>
        <source>{0}
{1} of {reviewed} reviewed errors: {2} (95%: {share_interval})</source>
        <translation>{0}
{reviewed} 个已审阅错误中有 {1}：{2}（95%：{share_interval}）</translation>
    </message>
    <message>
        <source>
Max gain {0} of the dev set (95%: {gain_interval})
Ceiling: dev error {1} at best</source>
        <translation>
最大收益：验证集的 {0}（95%：{gain_interval}）
上限：验证集误差最低可达 {1}</translation>
    </message>
    <message>
        <source>
Click to see these items</source>
        <translation>
点击查看这些样本</translation>
    </message>
</context>
<context>
    <name>labels_panel</name>
    <message>
        <source>this session was made from a folder of images: it has no predictions to compare</source>
        <translation>本会话由图像文件夹创建：没有可比较的预测</translation>
    </message>
    <message>
        <source>the session&apos;s predictions</source>
        <translation>本会话的预测</translation>
    </message>
</context>
<context>
    <name>ladder_chart</name>
    <message>
        <source>computed from the session&apos;s predictions</source>
        <translation>根据会话中的预测计算</translation>
    </message>
    <message>
        <source>typed by you</source>
        <translation>由你输入</translation>
    </message>
    <message>
        <source>{0} error {1}</source>
        <translation>{0}误差 {1}</translation>
    </message>
    <message>
        <source> · primary problem</source>
        <translation> · 主要问题</translation>
    </message>
    <message>
        <source> · also a problem</source>
        <translation> · 也是问题</translation>
    </message>
    <message>
        <source>
Nothing to reduce here.</source>
        <translation>
这里没有需要减小的。</translation>
    </message>
</context>
<context>
    <name>metrics_panel</name>
    <message>
        <source>true {label} → predicted {prediction}</source>
        <translation>真实 {label} → 预测 {prediction}</translation>
    </message>
</context>
<context>
    <name>properties_dialog</name>
    <message>
        <source>Server session</source>
        <translation>服务器会话</translation>
    </message>
    <message>
        <source>Shared live: every reviewer&apos;s ticks reach the others&apos; windows within a second</source>
        <translation>实时共享：每位审阅者的勾选会在一秒内出现在其他人的窗口中</translation>
    </message>
    <message>
        <source>Session file</source>
        <translation>会话文件</translation>
    </message>
    <message>
        <source>The demo session, kept in your user data folder (demo --reset starts it over)</source>
        <translation>演示会话，保存在你的用户数据文件夹中（demo --reset 可重新开始）</translation>
    </message>
    <message>
        <source>image folder</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>predictions file</source>
        <translation>预测文件</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Images under</source>
        <translation>图像位置</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审阅者</translation>
    </message>
    <message>
        <source>– (Edit ▸ Set reviewer name…)</source>
        <translation>–（编辑 ▸ 设置审阅者姓名…）</translation>
    </message>
    <message>
        <source>Dev set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>{errors:,} errors of {size:,} examples ({0:.2%})</source>
        <translation>{size:,} 个样本中有 {errors:,} 个错误（{0:.2%}）</translation>
    </message>
    <message>
        <source>{errors:,} errors (dev set size unknown)</source>
        <translation>{errors:,} 个错误（验证集大小未知）</translation>
    </message>
    <message>
        <source> (a sample of the {errors:,})</source>
        <translation>（从 {errors:,} 个中抽样）</translation>
    </message>
    <message>
        <source>Errors to review</source>
        <translation>待审阅错误</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审阅</translation>
    </message>
    <message>
        <source>{reviewed:,} reviewed, {skipped:,} skipped</source>
        <translation>已审阅 {reviewed:,}，已跳过 {skipped:,}</translation>
    </message>
    <message>
        <source>Correct examples</source>
        <translation>正确样本</translation>
    </message>
    <message>
        <source>{correct:,} sampled for the label check</source>
        <translation>为标签检查抽样了 {correct:,} 个</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>none: every error counts once (Edit ▸ Weights…)</source>
        <translation>无：每个错误只计一次（编辑 ▸ 权重…）</translation>
    </message>
    <message>
        <source>{rules} · weighted dev error {weighted:.2%} (unweighted {plain:.2%})</source>
        <translation>{rules} · 加权验证集误差 {weighted:.2%}（不加权 {plain:.2%}）</translation>
    </message>
</context>
<context>
    <name>start_screen</name>
    <message>
        <source>Predictions ({patterns});;All files (*)</source>
        <translation>预测文件（{patterns}）;;所有文件 (*)</translation>
    </message>
    <message>
        <source>Review sessions (*{suffix});;All files (*)</source>
        <translation>审阅会话 (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a predictions file</source>
        <translation>打开预测文件</translation>
    </message>
    <message>
        <source>Open a folder of misclassified images</source>
        <translation>打开包含分类错误图像的文件夹</translation>
    </message>
    <message>
        <source>Open a server session</source>
        <translation>打开服务器会话</translation>
    </message>
    <message>
        <source>The session&apos;s URL, as your team shares it:
postgresql://user@host[:port]/database?session=NAME
(add &amp;sslmode=require for TLS; the password comes from ~/.pgpass or is asked for)</source>
        <translation>团队共享的会话 URL：
postgresql://user@host[:port]/database?session=NAME
（使用 TLS 请加上 &amp;sslmode=require；密码从 ~/.pgpass 读取，否则会询问）</translation>
    </message>
    <message>
        <source>Open a review session</source>
        <translation>打开审阅会话</translation>
    </message>
</context>
<context>
    <name>write_errors</name>
    <message>
        <source>Not saved: {cause}</source>
        <translation>未保存：{cause}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
</context>
</TS>
