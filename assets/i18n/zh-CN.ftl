# socklab 的中文文本。每条消息都与 en.ftl 一一对应：属性和变量必须相同（有测试检查）。
#
# 写给学生看，不逐字翻译。套接字术语用通行的中文名，学生可能要搜索的地方在旁边
# 注上 C 里的名字：套接字 (socket)、监听 (listen)、三次握手 (three-way handshake)。
# { $name } 是用户数据或名称（地址、路径、EADDRINUSE），原样显示，不要翻译。

## 其他消息里引用的名称（与显示它们的按钮一致）。

kind-tcp-client = TCP 客户端
kind-udp = UDP 套接字
kind-tcp-server = TCP 服务器
kind-unix-server = Unix 流式服务器
kind-unix-client = Unix 流式客户端
kind-unix-datagram = Unix 数据报套接字
kind-unix-socket = Unix 套接字

## 欢迎页（src/ui/welcome.rs）：没有选中任何端点时，中间显示的内容。

welcome-title = 欢迎使用 socklab
welcome-step-start = 1. 启动一个服务器：
welcome-start-echo = 在 { $address } 启动回显 (echo) 服务器
welcome-start-listed = 在 { $address } 启动 { $name }
welcome-start-hover = 在本机（127.0.0.1）上启动的服务器：每一课的第一步
welcome-running = 1. ✔ { $name } 已在 { $address } 上运行。
welcome-step-client = 2. 连接 (connect) 一个客户端：点“+ { kind-tcp-client }”，它已经填好了这个服务器的地址 { $address }。
welcome-step-datagrams = 2. 给它发数据报 (datagram)：点“+ { kind-udp }”，端口填 0，默认对端 (peer) 填 { $address }。
welcome-step-send = 3. 输入一条消息，按 Enter 发送：看它到达对方，下方的事件日志会记下每一步系统调用。
welcome-pop-out = 把端点弹出 (↗) 到单独的窗口，就能在并排的两个窗口之间互相聊天。
welcome-reopen = 重新打开上次的工作区：{ $path }
welcome-echo-server-name = 回显服务器 :{ $port }

## 菜单栏（src/app/menus.rs）。

menu-language = 语言 (Language)：
    .hint = 所有文字立即切换，socklab 会记住你的选择。
menu-file = 文件
menu-new-workspace = 新建工作区
    .keys = Ctrl+N
menu-open = 打开…
    .keys = Ctrl+O
menu-save = 保存
    .keys = Ctrl+S
menu-save-as = 另存为…
    .keys = Ctrl+Shift+S
menu-recent = 最近打开
menu-recent-none = （还没有）
menu-quit = 退出
menu-endpoints = 端点
menu-new-endpoint = 新建 { $kind }…
menu-view = 视图
menu-dark-theme = 深色主题
menu-event-log = 事件日志
menu-inspector = 检查器
menu-theme-light = ☀ 浅色
menu-theme-dark = 🌙 深色
menu-workspace = 工作区：{ $title }
menu-zoom-hint = 缩放（Ctrl + / Ctrl − / Ctrl 0）
menu-zoom-now = 缩放 { $percent } %（Ctrl + / Ctrl − / Ctrl 0）
menu-zoom-out = 缩小
menu-zoom-in = 放大

## 实验面板（src/ui/lab.rs）和“实验”菜单：面板自己的文字。实验的标题、步骤和提示是实验自己的文本。

labpanel-menu = 实验
labpanel-menu-none = （socklab 旁边没有找到实验）
labpanel-menu-loading = （正在查找实验…）
labpanel-close = 关闭实验
    .hint = 隐藏实验面板；工作区保持打开
labpanel-skip = 跳过这一步
    .hint = 不经检查直接跳过这一步（例如这台机器上做不到）
labpanel-start-over = 从头开始
    .hint = 回到第一步；已经成立的条件（比如服务器正在监听）会立即打勾
labpanel-complete = 实验完成：每一步都做完了。
labpanel-hint = 提示
labpanel-kicker = 实验
labpanel-waiting-for = 正在等待：{ $what }
labpanel-skipped = （已跳过）
labpanel-progress = 已完成 { $done } / { $total } 步

## 窗口框架（src/app/frame.rs）：通知的按钮、状态栏、中间的标题，以及端点失败时给出的办法。

frame-dismiss = 关闭
statusbar-idle = 空闲
statusbar-frame = { $ms } 毫秒处理了 { $events } 个事件
statusbar-endpoints = { $count } 个端点
statusbar-line = { $endpoints } · 已处理 { $events } 个事件 · 上一帧：{ $frame } · 等待中：{ $waiting }
frame-endpoint-removed = 这个端点已被删除。
frame-heading-connection = { $name } — 连接 #{ $conn }
frame-heading-all-clients = { $name } — 所有客户端
frame-try-again = 重试
    .hint = 用同样的设置再启动一次
frame-use-free-port = 改用空闲端口
    .hint = 在 { $address } 上启动：端口号 0 让操作系统挑一个没人用的端口

## 检查器（src/ui/inspector.rs，选项表在 src/ui/option_table.rs）：端点的地址、计数、流量图和套接字选项。

inspector-reply = 回复方式：{ $mode }
inspector-reply-rules = 回复方式：它的 { $count } 条规则
inspector-reply-rules-then = 回复方式：先用它的 { $count } 条规则，再用 { $mode }
inspector-throughput = 吞吐量
inspector-socket-options = 套接字选项 (socket options)
inspector-local = 本端
    .hint = getsockname()：这个套接字自己的地址
inspector-peer = 对端
    .hint = getpeername()：连接另一端的地址
inspector-peer-none-listening = 无：监听 (listen) 套接字没有对端（请选一个连接）
inspector-peer-none-datagram = 无：每个数据报自带对方地址
inspector-all-interfaces = 绑定到所有网络接口：网络上的其他机器也能连上
inspector-in = 收 (recv)
inspector-out = 发 (send)
inspector-bytes = 字节
inspector-calls = 调用次数
inspector-rate = 速率
inspector-server-conns = 已连接 { $connected } 个，已关闭 { $closed } 个
inspector-lost = 丢失的数据报：socklab 丢了 { $engine } 个，内核丢了 { $kernel } 个
    .hint = 内核的计数来自 SO_RXQ_OVFL（Linux）：接收缓冲区满时到达的数据报
inspector-lost-unreported = 丢失的数据报：socklab 丢了 { $engine } 个，内核报告 0 个
inspector-echo-dropped = 未发出的回显：{ $count } 个（发送缓冲区满了）
    .hint = UDP 没有流量控制：sendto() 会阻塞时，宁可丢掉这条回显，也不让套接字卡住
inspector-still-counting = 仍在计数：这批数据报可能还会增加这些数字
    .hint = 一段时间没有新数据报后，会再读一次内核的计数；那时“收到 + 丢失”就等于发送的数量
inspector-kernel-dropped = 这个套接字的接收缓冲区满了，内核丢掉了数据报：请在下面调大 SO_RCVBUF（UDP 没有流量控制）。
inspector-plot-seconds-ago = 秒前
inspector-plot-per-second = 每秒
inspector-plot-in = 收
inspector-plot-out = 发
inspector-showing-connection = 显示的是连接 #{ $conn } 的套接字。数值由 getsockopt() 读回。
inspector-showing-listening = 显示的是监听套接字（accept 得到的连接会继承其中大部分）。数值由 getsockopt() 读回。
inspector-showing-socket = 显示的是这个套接字。数值由 getsockopt() 读回。
inspector-read-options = 读取选项
inspector-col-option = 选项
inspector-col-value = 设定值 → 内核值
inspector-col-change = 修改
inspector-why-closed = 已关闭
    .hint = 套接字已关闭
inspector-why-read-only = 只读
    .hint = 只读：由内核报告
inspector-why-before-bind = 只能在 bind() 之前
    .hint = 只能在 bind() 之前设置：请在“新建端点”表单里设置
inspector-read-again = 全部重新读取
    .hint = 对每个选项调用 getsockopt()
inspector-no-group = 没有加入组播组
inspector-on = 开
inspector-off = 关
inspector-set = 设置
    .hint = 调用 setsockopt()，再读回来
inspector-recording = 正在录制到 { $path }
inspector-stop-recording = 停止录制
inspector-record = 录制到文件…
    .hint = 把收发的每个字节连同时间、方向和对端写入文件

## 检查器里的“分帧与规则”（src/ui/rules_editor.rs）。规则用命令行的语法（MATCH => ACTION）书写，关键字保持原样。

rules-section = 分帧与规则
rules-framing = 分帧 (framing)
rules-kind-raw = 原样：每次 recv() 一条
rules-kind-line = 按行（\n 或 \r\n）
rules-kind-delimiter = 分隔符（十六进制）
rules-kind-fixed = 固定长度
rules-kind-length = 长度前缀
rules-delimiter = 分隔符
rules-delimiter-hint = 十六进制，例如 0d 0a
rules-bytes = 字节
rules-counts-header = 长度包含前缀本身
rules-limit = 帧长度上限
rules-oversize = 超长时
rules-datagram-note = 一个数据报本身就是一条消息：不需要分帧。
rules-note = 对每条消息按顺序尝试：MATCH => ACTION，例如 exact:ping => reply:pong\n
rules-rule = 规则 { $number }
rules-rule-hint = regex:^(.+)$ => reply:你好，${"{"}1{"}"}！${"{"}eol{"}"}
rules-fired = 已触发 { $count } 次
rules-not-applied = 尚未应用
rules-move-up = 上移
rules-move-down = 下移
rules-remove = 删除这条规则
rules-add = 添加规则
rules-apply = 应用
    .hint = 立即使用这个分帧方式和这些规则（触发次数重新计数）
rules-revert = 还原
rules-fix-first = 请先改正标出的地方：有错误时什么都不会应用。
rules-at-character = 第 { $position } 个字符：{ $problem }

## 中间的“代码”标签页（src/ui/code.rs）。程序本身由代码生成器写出。

code-tab-conversation = 对话
    .hint = 发送和接收的内容
code-tab-code = 代码
    .hint = 把这个端点写成一个程序带回家：Python 或 Rust
code-tab-sequence = 时序图
    .hint = 把这条连接画成时序图：三次握手、数据、FIN、RST 和 TCP 状态
code-copy = 复制
    .hint = 把整个程序复制到剪贴板
code-run-python = 把它存成 .py 文件，用 python3 运行（例如 python3 echo.py）。
code-run-rust = 新建一个 crate（cargo new prog），把它放进 src/main.rs，在 [dependencies] 下加上 { $dependency }，然后运行 cargo run
code-cannot = 按这个端点现在的设置，写不出对应的程序：

## 端点或连接的状态（src/model/endpoint.rs），显示在状态标记上。

status-idle = 未启动
status-starting = 正在启动
status-listening = 监听中 (listen)
status-bound = 已绑定 (bind)
status-connected = 已连接 (connect)
status-half-closed = 半关闭 (half-close)
status-closed = 已关闭
status-error = 出错

## 各面板共用的片段（src/ui/style.rs）。

style-call-failed = { $call } 调用失败：{ $errno }
style-call-failed-plain = { $call } 调用失败
style-why = 原因和解决办法：{ $hint }
style-byte-count = { $count ->
   *[other] { $count } 字节
}
style-byte-count-big = { $count } 字节（{ $size }）
style-peer-closed = 对端已关闭它那一侧 (CLOSE_WAIT)
style-we-shut = 我方已关闭写方向 (shutdown SHUT_WR)：对端仍然可以发送
style-both-shut = 双方都发送了 FIN：正在关闭

## 端点列表（src/ui/endpoints.rs），在左侧。

endpoints-title = 端点
endpoints-empty = 还没有打开任何端点。先启动一个服务器，再连接一个客户端。
endpoints-all-interfaces = 所有网络接口：网络上的其他机器都能连上
endpoints-stop = 停止
endpoints-close = 关闭
endpoints-start = 启动
endpoints-start-again = 再次启动
    .hint = 用同样的设置重新打开
endpoints-remove = 移除
    .hint = 从列表中移除（也从工作区中移除）
endpoints-pop-out = 弹出
    .hint = 在单独的窗口中打开
endpoints-more = 这个端点能做的所有操作
endpoints-menu-stop = 停止服务器（用 FIN 关闭每个连接）
endpoints-menu-stop-rst = 停止服务器，中止每个连接 (RST)
endpoints-menu-close-fin = 关闭 (close，发送 FIN)
endpoints-menu-half-close = 半关闭 (shutdown SHUT_WR)
endpoints-menu-abort-rst = 中止 (RST，SO_LINGER 0)
endpoints-menu-close = 关闭套接字 (close)
endpoints-menu-start = 启动它
endpoints-menu-start-again = 用同样的设置再次启动
endpoints-menu-remove = 从列表中移除
endpoints-menu-pop-out = 弹出到单独的窗口
endpoints-no-clients = 还没有客户端连接
endpoints-all-clients = 所有客户端（{ $count }）
endpoints-disconnect-fin = 断开连接 (FIN)
endpoints-disconnect-rst = 中止 (RST)
endpoints-more-conns = …… 还有 { $count } 个

## 底部停靠栏的标签页（src/ui/dock.rs）。

dock-log = 事件日志
dock-log-rows = { dock-log }（{ $rows }）
dock-inspector = 检查器
dock-lab = 实验
dock-fold = 收起面板
dock-unfold = 展开面板

## 事件日志（src/ui/event_log.rs）：筛选条件。日志条目本身的文字来自引擎。

log-show = 显示
log-all-endpoints = 所有端点
log-kind-lifecycle = 生命周期
log-kind-connections = 连接
log-kind-data = 数据
log-kind-options = 选项 (setsockopt)
log-kind-errors = 错误
log-filter = 筛选
log-filter-clear = 清除筛选
log-dropped = （已丢弃 { $count } 条较早的记录）

## 事件日志的“调用”一列（src/ui/event_log.rs）：不是 C 调用时，写发生了什么
## （C 调用 socket、bind、listen、accept、connect、send、recv … 原样显示）。

log-call-accept-resumed = 恢复 accept
log-call-file = 文件
log-call-loss = 丢包
log-call-error = 错误
log-call-capture = 抓包
log-call-message = 消息
log-call-frame-error = 分帧错误
log-call-resync = 重新同步
log-call-rule = 规则
log-call-step = 步骤
log-call-sequence-done = 序列
log-call-stopped = 已停止
log-call-tcp-state = TCP 状态
log-call-tcp-info = TCP_INFO
log-call-peer-seen = 对端

## 会话（src/ui/conversation/）：每次 send() 和 recv() 显示为一个气泡。

# 在“文本、十六进制、两者”的选择之前。
conversation-view = 显示：
conversation-text = 文本
conversation-hex = 十六进制 (hex)
conversation-both = 两者
conversation-each-recv = 每次 recv()
    .hint = 每次 send()/recv() 调用一个气泡：TCP 字节流真实的分段边界
conversation-joined = 按行合并
    .hint = 同一方向的数据块合并在一起，直到遇到换行
conversation-messages = 分帧消息
    .hint = 分帧规则从字节流中切出的消息，消息内标出它由哪几次 recv() 的数据块拼接而成
# 搜索框的占位文字（代码在前面加 🔍）。
conversation-search = 搜索
conversation-clear-search = 清除搜索
conversation-export = 导出…
conversation-export-what = 导出此视图保留的消息：
conversation-export-text = 文本
conversation-export-csv = CSV
conversation-export-json-lines = JSON Lines（每行一个 JSON）
# 代码在前面加 ⬇。
conversation-jump = 跳到最新
# $size 已带单位，如 "1.2 MB"。
conversation-dropped = 较早的 { $count } 条消息（{ $size }）已不再显示，但计数器仍包含它们。要保留全部内容，请记录到文件。
# $skipped 已带单位，如 "12 B"。
conversation-frame-counts = 已分帧消息 { $frames } 条 · 分帧错误 { $errors } 次 · 重新同步 { $resyncs } 次（跳过 { $skipped }）
conversation-copy = 复制
    .hint = 复制整条消息
# 代码在前面加 ▴。
conversation-show-less = 收起
# 代码在前面加 ▾。
conversation-show-all = 全部显示（{ $rows ->
   *[other] { $rows } 行
}）
conversation-empty-error = 没有发送或接收任何数据：上面的错误使它停止了。
# $address 是服务器的地址；“+ TCP 客户端”是端点列表里的按钮。
conversation-empty-server = 还没有消息。用“+ { kind-tcp-client }”按钮（或 `socklab connect tcp ADDRESS`）连接到 { $address }，然后在下面输入。
conversation-empty-datagram = 还没有数据报。在下面发送一个，或者从另一个套接字发送到这个套接字的地址。
conversation-empty-client = 还没有消息。在下面输入，按 Enter 发送 (send)。
# 气泡的标题："12:00:01.250  ⬅ recv 接收 #2 来自 127.0.0.1:5000 · 6 字节 · 2 块"。
conversation-recv = ⬅ recv 接收
conversation-send = send 发送 ➡
conversation-from = 来自 { $peer }
conversation-to = 发往 { $peer }
conversation-chunks = { $count ->
   *[other] { $count } 块
}
# 没有可显示为文本的内容时，气泡里显示的文字。
conversation-not-utf8 = （不是 UTF-8：以十六进制显示）
conversation-empty-message = （空）
conversation-more-lines = … 还有 { $count ->
   *[other] { $count } 行
}（“复制”会复制全部）
# “消息”视图：分帧后消息的标题，"⬅ 消息 #1 · 12 字节 · 2 次 recv()：5 + 7 字节"。
conversation-framed-recv = ⬅ 消息
# “消息”视图的选择框：每条消息末尾应带的校验和。
conversation-check = 检查末尾校验和
    .hint = 每条消息（分隔符之前）的最后几个字节应是其前面字节的此校验和，按常用字节序（CRC-16/MODBUS 低字节在前，其余高字节在前）。只改变显示。
conversation-check-none = 无
conversation-check-ok = ✔ { $checksum } 正确
conversation-check-bad = ✖ { $checksum }：应为 { $expected }，实为 { $found }
conversation-check-short = ✖ { $checksum }：只有 { $len } 字节，校验和本身就占 { $width } 字节
# $sizes 是各数据块的大小，如 "5 + 7"。
conversation-chunk-summary = { $count ->
    [one] { $count } 次 recv()
   *[other] { $count } 次 recv()：{ $sizes } 字节
}
conversation-cut = 已截断：帧中超过上限的一段
conversation-unfinished = 不完整：字节流先结束了
# 代码在前面加 ⚠。
conversation-frame-error = 分帧错误
# 代码在前面加 ↻。
conversation-resync = 重新同步
conversation-resynced = 跳过 { $skipped ->
   *[other] { $skipped } 字节
}后重新开始分帧
conversation-framed-datagram = 一个数据报本身就是一条消息：请看“{ conversation-each-recv }”。
conversation-no-framing = 还没有设置分帧，所以每次 recv() 就是一条消息。在检查器的“分帧与规则”里选一种（按行、分隔符、固定长度、长度前缀），就能在这里看到协议的消息。
conversation-no-frames = 还没有分帧后的消息。

## 发送区（src/ui/composer/）：输入的内容、如何变成字节、发往哪里。

composer-format-text = 文本
composer-format-hex = 十六进制 (hex)
composer-format-base64 = base64
# 在换行方式的选择之前：无、\n 或 \r\n。
composer-line-end = 换行：
composer-ending-none = 无
composer-ending-lf = \n
composer-ending-crlf = \r\n
composer-to-all = 发给全部 { $count ->
   *[other] { $count } 个客户端
}
composer-to-conn = 发给 #{ $conn }
composer-to = 发往 { $address }
# 未连接的数据报套接字的目标地址输入框之前。
composer-to-label = 发往
composer-destination = 目标 主机:端口
composer-more = 重复发送、发送文件、已保存的消息
composer-message = 消息
composer-hint-text = 输入消息（可用 \n \r \t \xHH 转义）— Enter 发送，Shift+Enter 换行
composer-hint-hex = 十六进制字节，如 48 65 6c 6c 6f — Enter 发送
composer-hint-base64 = Base64，如 aGVsbG8= — Enter 发送
composer-send = 发送
composer-checksum = 校验和
    .hint = 在数据之后（换行之前）追加一个校验和 (checksum)，字节序按设备通常使用的
composer-checksum-none = 无
# ${"{"}seq{"}"} 等变量属于模板语言：原样保留。
composer-template = 模板
    .hint = 展开文本中的变量：${"{"}seq{"}"}（每发送一条消息依次为 1、2、3…）、${"{"}time{"}"}、${"{"}time:unix{"}"}、${"{"}time:ms{"}"}、${"{"}random{"}"}、${"{"}random:N{"}"}（N 个字节）、${"{"}hex:0d0a{"}"}，以及前面内容的校验和：${"{"}crc16{"}"} ${"{"}crc16-ccitt{"}"} ${"{"}crc32{"}"} ${"{"}sum8{"}"} ${"{"}xor8{"}"}（加 :be 或 :le 指定字节序）。普通的 $ 写成 \$。
composer-repeat = 重复发送，间隔
    .hint = 一遍又一遍地发送这条消息，直到取消勾选
composer-ms = 毫秒
# 代码在前面加 ⚠。
composer-not-ms = 不是毫秒数
composer-file = 要发送的文件
composer-browse = 浏览…
composer-send-file = 发送文件
composer-saved = 已保存：
# $format 是 composer-format-*，$ending 是 composer-ending-*。
composer-saved-hint = { $payload }（{ $format }，换行 { $ending }）— 右键查看更多
composer-put-back = 放回消息框
composer-remove = 删除
# 代码在前面加 +。
composer-save = 保存消息
    .hint = 保存到工作区，以后一键发送
# $problem 是数据解析器给出的说明；代码在前面加 ⚠。
composer-nothing-sent = { $problem } — 什么也没有发送
composer-closed = 这个端点已关闭：无法发送任何数据。
composer-bytes = { $count ->
   *[other] { $count } 字节
}
composer-no-client = 还没有客户端连接
composer-no-destination = 请填写目标地址（这个套接字没有连接 (connect)）
# $format 是 composer-format-*；$problem 如 "at character 3: …"。
composer-input-error = { $format } 输入有误，{ $problem }
composer-template-error = 模板有误，{ $problem }

## 课程页（src/ui/lesson.rs）。课程正文是工作区自己的文字。

lesson-kicker = 课程
lesson-button-hint = 显示这个工作区的课程：它讲什么，以及可以动手试的步骤
lesson-teaches = 这一课讲什么
lesson-steps = 动手试试
lesson-close = 关闭课程
    .hint = 显示选中的端点，或者欢迎页

## “新建端点”表单（src/ui/new_endpoint/）：字段、提示，以及检查给出的错误。

form-title = 新建 { $kind }
form-options = 在 bind()/connect() 之前设置的选项 (setsockopt)
form-kind = 类型
form-name = 名称
form-path = 路径
form-peer = 默认对端 (peer)
form-peer-hint-inet = 可不填，主机:端口
form-peer-hint-path = 可不填，路径
form-peer-note = 填了就会调用 connect()，之后 send() 不用再写地址
form-after-fin = 对端发来 FIN 之后
form-keep-half-open = 保留半关闭 (half-open) 的连接
    .off = 关：对端关闭了它那一侧后，等要发给它的数据发完，就关闭这个连接，和 netcat 一样
    .on = 开：连接停在 CLOSE_WAIT 状态，你仍然可以向对端发送，直到你自己关闭它（右键菜单）
form-bind-host = 绑定的主机 (bind)
form-connect-host = 连接的主机 (connect)
form-host-loopback = 只有本机能连（安全的默认值）
form-host-loopback-v6 = 只有本机能连，IPv6
form-host-any-v4 = 所有 IPv4 网络接口：网络上的其他机器都能连上
form-host-any-v6 = 所有 IPv6 网络接口：网络上的其他机器都能连上
form-all-interfaces = 所有网络接口：网络上的其他机器都能连进来。
form-port = 端口 (port)
form-port-zero = 填 0 就由操作系统挑一个空闲端口
form-reply = 回复方式
form-option-value = 值
form-before-bind = 只能在 bind 之前设置
form-start = 启动
form-fix-first = 先改正标有 ⚠ 的字段
form-cancel = 取消
form-error-name = 给这个端点起个名字
form-error-path-empty = 套接字路径是空的
form-error-path-long = Unix 套接字的路径必须短于 108 字节
form-error-host-empty = 主机是空的：例如 127.0.0.1
form-error-host-spaces = “{ $host }”里有空格
form-error-client-port-zero = 客户端必须连接一个真实的端口，不能是 0
form-error-not-applicable = 不适用：{ $why }

## socklab 自带的文件选择器（src/ui/file_picker/），在桌面的文件对话框打不开时使用；以及对话框的标题（src/app/dialogs.rs）。

picker-title-open = 打开工作区
picker-title-save = 保存工作区
picker-title-send-file = 发送文件
picker-title-export = 导出对话
picker-title-record = 把流量记录到
picker-title-export-ladder = 导出时序图
picker-open = 打开
picker-save = 保存
picker-choose = 选择
picker-export = 导出
picker-record = 记录
picker-cancel = 取消
picker-no-dialog = 没有打开文件对话框：{ $reason }。请在这里输入路径，或者从列表里选。
picker-path = 路径
picker-path-hint = /home/you/lesson.ron —— 按 Tab 自动补全
picker-up = 上一级文件夹
picker-reading = 正在读取文件夹……
picker-empty-folder = （空文件夹）
picker-more = …… 还有 { $count } 个：输入名字的开头来筛选
picker-error-empty = 请输入路径，或者在列表里选一个文件
picker-error-folder-given = { $path } 是文件夹：请在“/”后面加上文件名
picker-error-still-listing = 还在读取 { $path }：请稍后再试
picker-error-is-folder = “{ $name }”是文件夹：在它后面加“/”打开它，或者选一个文件
picker-error-no-such-file = { $path } 里没有名为“{ $name }”的文件：请检查名字（按 Tab 可以补全）
dialog-no-bus-no-zenity = 这里没有桌面文件对话框：没有供 xdg 桌面门户 (xdg desktop portal) 使用的 D-Bus 会话总线（没有设置 DBUS_SESSION_BUS_ADDRESS，$XDG_RUNTIME_DIR/bus 也不存在），PATH 上也没有 zenity
dialog-answered-at-once = 桌面的文件对话框没有打开：xdg 桌面门户（装有 FileChooser 后端的 xdg-desktop-portal，例如 xdg-desktop-portal-gtk）和 zenity 都没有响应
dialog-workspace-filter = socklab 工作区
picker-cannot-list = 无法列出 { $path }：{ $error }：{ $fix }
picker-fix-not-found = 请检查路径，或者回到一个存在的上级文件夹
picker-fix-denied = 当前用户没有读取权限：请换一个文件夹
picker-fix-not-dir = 路径中有一段是文件，不是文件夹
picker-fix-other = 请换一个文件夹

## 在模态对话框里提出的问题（src/app/prompts.rs）：未保存的修改，以及会在本机之外
## 监听的端点（src/app/exposure.rs）。

unsaved-title = 有未保存的修改
unsaved-changes = { $title } 有尚未保存的修改。
unsaved-before-new = 新建工作区之前先保存吗？
unsaved-before-open = 打开另一个工作区之前先保存吗？
unsaved-before-lab = 打开实验（它会打开自己的工作区）之前先保存吗？
unsaved-before-quit = 退出之前先保存吗？
unsaved-save = 保存
unsaved-discard = 不保存
unsaved-cancel = 取消
exposure-title = 这个工作区会在本机之外监听 (listen)
exposure-explain = 打开它会启动下面这些端点，网络上的其他机器都能连接 (connect) 到它们：
exposure-line = { $name } — { $address }：{ $scope }
exposure-scope-all = 所有网络接口，网络上的其他机器都能连上
exposure-scope-interface = 一个网络接口，那个网络上的机器都能连上
exposure-scope-loopback = 只有本机能连
exposure-start-anyway = 仍然启动
exposure-loopback = 改为在 127.0.0.1 上启动
    .hint = 端口不变，只有本机能连（IPv6 地址会变成 ::1）。工作区会标记为已修改。
exposure-dont-start = 不启动
    .hint = 只把它们列出来，不启动；其他端点照常启动。
document-untitled = 未命名

## 菜单栏下方的提示，来自应用的后台任务（src/app/workspace_ops.rs、src/app/tasks.rs）。

notice-opened = 已打开 { $path }
notice-saved = 已保存 { $path }
notice-exported = 已导出到 { $path }
notice-opened-lab = 已打开实验 { $path }
notice-cannot-write = 无法写入 { $path }：{ $error }
notice-settings-not-saved = 设置无法保存到 { $path }：{ $error }。请检查它所在的文件夹是否存在（或能否创建）、能否写入；下次修改设置时 socklab 会再试一次。

## 工作区无法加载或保存的原因（src/workspace/error.rs）。$error 和 $message 是
## 操作系统或文件解析器的原话；$what 是文件的类型。

workspace-read = 无法读取工作区 { $path }：{ $error }
workspace-not-a-file = 无法加载工作区 { $path }：它是 { $what }，不是普通文件：请打开 socklab 保存的 .ron 文件
workspace-too-large = 无法加载工作区 { $path }：它有 { $size } 字节，而工作区文件最多 { $max } 字节 (16 MiB)：这不是工作区文件
workspace-syntax = 无法加载工作区 { $path }：第 { $line } 行，第 { $column } 列：{ $message }
workspace-too-new = 无法加载工作区 { $path }：第 { $line } 行，第 { $column } 列：它由更新版本的 socklab 创建（版本 { $found }；这个版本最多能读取版本 { $current }）
workspace-invalid = 无法加载工作区 { $path }：{ $entry }“{ $name }”：{ $message }
workspace-entry-endpoint = 端点
workspace-entry-message = 消息
workspace-entry-lesson = 课程
workspace-check-unix-path = Unix 套接字需要一个路径，例如 /tmp/socklab.sock（或者用 @name 表示抽象套接字）
workspace-check-reply = 自动回复模式 { $reply } 不适用于{ $kind }
workspace-check-timeout = connect_timeout：{ $secs } 秒不在一毫秒到一天（{ $max } 秒）之间：例如写 (secs: 10, nanos: 0)
workspace-check-option = 选项 { $problem }
workspace-not-utf8 = 字节 { $byte } 不是 UTF-8 文本：工作区文件是文本文件
workspace-write = 无法保存工作区 { $path }：{ $error }
workspace-encode = 无法保存工作区 { $path }：{ $message }

## 工作区里课程的问题（src/workspace/lesson.rs）。title、teaches 和 steps 是文件里的字段名。

lesson-check-no-title = title：是空的：课程需要一个标题，例如 title: "A TCP echo server"
lesson-check-too-many-steps = steps：共 { $count } 步，而一个课程最多列出 { $max } 步
lesson-check-step = 第 { $number } 步
lesson-check-empty-step = { $part }：是空的：删掉它，或者写上要试什么
lesson-check-too-long = { $part }：有 { $count } 个字符，而最多只显示 { $max } 个
lesson-check-hidden = { $part }：第 { $at } 个字符是 U+{ $code }，这是控制字符或文字方向字符，不会显示成文字：请删掉它
lesson-check-hidden-lines = { $part }：第 { $at } 个字符是 U+{ $code }，这是控制字符或文字方向字符，不会显示成文字：请删掉它（换行请写成 \n）
lesson-check-translation-tag = translations："{ $tag }" 不是 socklab 支持的语言：请用 { $tags }
lesson-check-translation-no-title = translations："{ $tag }"：标题是空的：标题也要翻译
lesson-check-translation-steps = translations："{ $tag }" 有 { $count } 步，而课程有 { $want } 步：每一步都要翻译，顺序相同

## Text encodings (src/ui/composer, src/ui/conversation, src/cli/encoding_io.rs).
## The encodings' own names (UTF-8, GBK, Big5 …) are not translated.

# The picker under text/hex/base64, and its submenu in the composer's ⋯ menu.
encoding-label = 编码
encoding-menu = 编码：{ $encoding }
encoding-tip = 这个端点输入的文字怎样变成字节、收到的字节怎样变成文字（字符编码 encoding）。它不会改动线路上的字节；在这种编码里不是文字的字节显示为 \xHH。
# "character 3 '€' (U+20AC) cannot be written in Latin-1 …": index counts from 1.
encoding-cannot-hold = 第 { $index } 个字符“{ $char }”（U+{ $code }）无法用 { $encoding } 编码：请删掉它，或者改用能表示所有字符的 UTF-8 或 GB18030
encoding-unknown = 不认识的编码“{ $name }”：可以用 { $known }
# CLI: a line of stdin that was not sent.
encoding-line-not-sent = 标准输入第 { $line } 行：{ $reason }：这一行没有发送
encoding-stdin-not-utf8 = 标准输入第 { $line } 行不是 UTF-8 文字，无法转成 { $encoding }：这一行没有发送
# A message with no character of the encoding in it (the hexdump follows).
encoding-not-text = （不是 { $encoding } 文字：以十六进制显示）

## 网络引擎报告的错误（src/net/errors.rs）。$call 是失败的调用，写法与教程相同，如
## bind(127.0.0.1:9000)；$errno 是错误名，如 EADDRINUSE；$detail 是操作系统（或 socklab）
## 的说明；$hint 是可能的原因和解决办法。

net-failed = { $call } 失败：{ $detail }
net-failed-errno = { $call } 失败：{ $errno }（{ $detail }）
net-failed-hint = { $error }。{ $hint }
# 不在目录里的文字（操作系统自己的说法），原样显示。
net-verbatim = { $text }
net-hint-resolve = 无法解析这个主机名：检查拼写，或者直接用 IP 地址，例如 127.0.0.1。
net-hint-unix-file-exists = 这个路径上已经有一个文件：如果已经没有服务器在用它，删除它再重新启动。
net-hint-accept-starved = { $hint } 在 accept() 恢复正常之前，socklab 会拒绝新的客户端（接受后立即关闭），恢复接受时会告诉你。

## 引擎自己拒绝的操作（src/net/worker）：$conn 是连接的编号。

net-conn-closed = 连接 #{ $conn } 已经关闭
net-sequence-pick-conn = 服务器要在它的某一个连接上运行序列：先选一个连接
net-unix-needs-path = Unix 套接字需要一个路径（例如 /tmp/socklab.sock），或者用 @name 表示抽象套接字
net-client-not-connected = 客户端还没有连接
net-no-socket-open = 这个端点没有打开的套接字
net-server-no-single-peer = 服务器没有唯一的对端 (peer)：选一个连接，或者发给所有连接
net-no-client = 还没有客户端连接
net-stream-no-address = 流式套接字只向它自己的连接发送，不能指定地址
net-peer-not-reading = 已经有 { $bytes } 字节在排队，因为对方没有在读；在它读走之前不会再排队更多数据
net-send-queue-full = 发送队列满了：等它发完
net-send-queue-full-step = 发送队列满了：序列的一步没有发出
net-dgram-no-peer-for-sequence = 数据报套接字用它的默认对端运行序列，而这个套接字没有设置：先设置一个对端
net-dgram-no-connection-to-shut = 数据报套接字没有连接，无法关闭 (shutdown) 或断开
net-dgram-not-connected = 这个套接字没有连接：给出发送的目标地址（或者设置默认对端）
net-dgram-no-address-of-family = 没有与这个套接字地址族（IPv4/IPv6）相同的地址
net-dgram-no-connections = 数据报套接字没有连接：请发送到一个地址
net-udp-needs-address = UDP 套接字需要一个要绑定 (bind) 的地址，或者一个要连接的对端
net-peer-wrong-family = { $peer } 没有与 { $address } 同一地址族（IPv4/IPv6）的地址
net-option-not-here = { $c_name } 在这里不适用：{ $why }
net-option-before-bind = { $c_name } 只在 bind() 之前有效，而这个套接字已经绑定了：在表单里设置它，然后重新启动端点
net-no-addresses = 这个名字没有任何地址
net-worker-crashed = 这个端点的工作线程崩溃了：{ $reason }

## 通过内核跟踪 TCP 状态（src/net/kernel/text.rs）。

kernel-not-available = 这个操作系统上不可用：实时的 TCP 状态来自 Linux 的 TCP_INFO 和 sock_diag
kernel-thread-busy = 内核跟踪线程正忙着跟踪很多连接：这个连接关闭后不再跟踪（不会显示它的 TIME_WAIT）
kernel-thread-gone = 内核跟踪线程已经停止：连接关闭后不再跟踪
kernel-not-tcp = TCP 状态和 TCP_INFO 只存在于 TCP 套接字：这个端点不是 TCP
kernel-events-dropped = 丢弃了 { $count } 条来自 sock_diag 的状态报告：程序有一秒钟没有取走事件
kernel-too-many-followed = 已经通过 sock_diag 跟踪了 { $max } 个连接：这个不再跟踪（停止观察某个端点以腾出位置）
kernel-state-change = TCP 状态{ $conn }：{ $from }{ $to }{ $source ->
        [sock_diag] （sock_diag：socklab 的套接字已经关闭，内核里还有它）
       *[socket] { "" }
    }

## 事件日志的每一行（src/net/event_text.rs），日志和命令行都这样显示。$call 是 C 写法的调用，
## 如 send(#2)；$preview 是开头的几个字节（带引号的文本或十六进制）：都原样保留。

event-option-set = { $call } → 内核中的值为 { $value }
event-option-unreadable = { $call } → 内核中的值无法读取：{ $error }
event-options-read = { $call }：读取了 { $count } 个选项
event-accepted = accept() → #{ $conn }，来自 { $peer }
event-accept-resumed = accept() 恢复正常：描述符 (descriptor) 又有空闲了（这期间有 { $refused } 个客户端被拒绝：接受后立即关闭）
event-connected = connect({ $peer })，本地地址 { $local }
event-bytes = { $call } = { $bytes } 字节 { $preview }
event-peer-closed = { $call } = 0：对方发来了 FIN（关闭了连接，或关闭 (shutdown) 了它的发送方向）
event-shutdown = { $call }：已发送 FIN，仍在接收
event-closed-rst = { $call }，设置了 SO_LINGER 0：已发送 RST
event-endpoint-closed = close()：端点已关闭
event-file-progress = 文件：已排队 { $sent } / { $total } 字节
event-loss = 丢失：socklab 丢弃了 { $engine } 个数据报（处理得太慢）{ $counted ->
        [yes] ，内核丢弃了 { $kernel } 个（SO_RXQ_OVFL）
       *[no] { "" }
    }{ $echoed ->
        [yes] ；{ $echo } 个回显没有发出（发送队列满了）
       *[no] { "" }
    }{ $settled ->
        [yes] ；套接字已安静：在下一个数据报到来之前这就是最终结果
       *[no] { "" }
    }
event-capture = 抓包 (capture)：把每次发送和接收记录到 { $path }
event-capture-stopped = 抓包 (capture)：已停止
event-message = 消息 #{ $conn }：{ $bytes } 字节，来自{ $spans ->
        [one] 1 次 recv()
       *[many] { $chunks } 次 recv()
    } { $preview }
event-frame-error = 帧 #{ $conn }：{ $error }
event-resynced = 帧 #{ $conn }：跳过 { $skipped } 字节后重新分帧
event-rule-fired = 规则 { $rule } 在 #{ $conn } 上触发（到目前为止 { $count } 次）
event-sequence-step = #{ $conn } 上的序列，第 { $round } 轮，第 { $step } 步：{ $result }（{ $ms } 毫秒）
event-sequence-done = #{ $conn } 上的序列：{ $summary }

## 发送序列的步骤和结果（src/net/sequence）：事件日志、`socklab run`。

sequence-step-send = 发送 { $payload }
sequence-step-send-format = 发送 { $format } { $payload }
sequence-step-wait = 等待 { $ms } 毫秒
sequence-step-expect = 在 { $ms } 毫秒内期待 { $when }
sequence-result-sent = 已发送 { $len } 字节
sequence-result-waited = 已等待
sequence-result-passed = 通过：{ $line }
sequence-result-passed-after = 通过：{ $line }（在它之前有 { $passed_over } 条不匹配的消息）
sequence-result-timeout = 失败：超时前什么也没有收到
sequence-result-timeout-unmatched = 失败：收到了 { $passed_over } 条消息，超时前没有一条匹配
sequence-result-closed = 失败：连接已关闭
sequence-summary = 通过 { $passed } 个，失败 { $failed } 个，共 { $rounds } 轮{ $stopped ->
        [yes] ，未跑完就停止了
       *[no] {""}
    }
sequence-summary-dropped = { $summary }（有 { $dropped } 条消息在没有步骤等待时到达，已被丢弃）
event-stopped = 工作线程已停止

## 套接字调用可能遇到的每个 errno：它的含义，以及 .hint：为什么会发生、通常怎么解决。
## $call 是调用的种类（bind、connect、send、recv、setsockopt 或 other），同一个 errno
## 在不同调用里的解释可以不同。

errno-EADDRINUSE = 地址已被占用
    .hint = { $call ->
        [connect] 本机已经没有空闲的本地端口可用于这个连接：关闭一些连接，或者扩大临时端口 (ephemeral port) 的范围。
       *[other] 已经有另一个套接字 (socket) 绑定 (bind) 了这个地址和端口：停掉那个服务器，或者换一个端口（填 0 由操作系统挑选）。如果占着它的只是处于 TIME_WAIT 的旧连接（ss -tan 可以看到），在 bind 之前设置 SO_REUSEADDR 就能让新服务器绑定成功；Linux 要求旧服务器也设置过它。
    }
errno-EADDRNOTAVAIL = 无法分配请求的地址
    .hint = 本机没有哪个网络接口是这个 IP 地址：绑定 (bind) 127.0.0.1（只有本机可连）、0.0.0.0（所有接口），或者本机自己的某个地址。
errno-ECONNREFUSED = 连接被拒绝
    .hint = { $call ->
        [recv] 那个端口上没有程序在监听 (listen)：之前发出的数据报 (datagram) 收到了 ICMP 端口不可达 (port unreachable)，这个已连接的套接字在下一次调用时报告它。先启动服务器，或者检查端口号。
        [send] 那个端口上没有程序在监听 (listen)：之前发出的数据报 (datagram) 收到了 ICMP 端口不可达 (port unreachable)，这个已连接的套接字在下一次调用时报告它。先启动服务器，或者检查端口号。
       *[other] 这个地址和端口上没有程序在监听 (listen)（对方回了 RST）：先启动服务器，或者检查端口号。
    }
errno-EACCES = 权限不够
    .hint = { $call ->
        [bind] 在大多数系统上，1024 以下的端口需要管理员权限：请用 1024 到 65535 之间的端口。
        [send] 向广播地址发送需要在套接字上打开 SO_BROADCAST：打开它，再发送一次。
       *[other] 操作系统因为权限不够拒绝了这个操作（防火墙规则，或者需要特权的端口/选项）。
    }
errno-EPERM = 不允许的操作
    .hint = 操作系统因为权限不够拒绝了这个操作（防火墙规则，或者需要特权的端口/选项）。
errno-ETIMEDOUT = 连接超时
    .hint = { $call ->
        [connect] 超时之前没有收到任何回应：对方主机可能已关机、不可达，或者有防火墙悄悄丢掉了数据包。
       *[other] 对方不再回应（保活 (keepalive) 或重传超时）：这个连接已经断了。
    }
errno-ECONNRESET = 连接被对方重置
    .hint = 对方中止了连接（发来了 RST）：它在还有数据没读的时候关闭了套接字、崩溃了，或者设置了 SO_LINGER 0。
errno-ECONNABORTED = 连接被中止
    .hint = 连接在被接受 (accept) 或使用之前就被中止了。
errno-EPIPE = 管道已断开
    .hint = 这个连接的发送方向已经关闭（对方关闭了连接，或者我们自己关闭 (shutdown) 了发送方向），所以这些数据发不出去。
errno-EMFILE = 打开的文件过多
    .hint = 这个进程打开的文件和套接字太多了：关掉一些，或者调高上限（ulimit -n）。
errno-ENFILE = 系统中打开的文件过多
    .hint = 整个系统打开的文件太多了：关掉一些程序，或者调高系统的上限。
errno-ENOBUFS = 没有可用的缓冲区空间
    .hint = 操作系统给套接字用的缓冲区内存用完了：一次少发一点，或者关掉空闲的套接字。
errno-ENOMEM = 无法分配内存
    .hint = 操作系统给套接字用的缓冲区内存用完了：一次少发一点，或者关掉空闲的套接字。
errno-EHOSTUNREACH = 没有到主机的路由
    .hint = 没有通往那台主机的路由：检查地址，以及那台机器是否连在网络上。
errno-ENETUNREACH = 网络不可达
    .hint = 从这台机器到不了那个网络：检查地址和网络连接。
errno-ENETDOWN = 网络已关闭
    .hint = 从这台机器到不了那个网络：检查地址和网络连接。
errno-EINVAL = 无效的参数
    .hint = { $call ->
        [setsockopt] 操作系统不接受这个值，或者在套接字生命周期的这个阶段不接受这个选项（有些选项只能在 bind 或 connect 之前设置）。
        [bind] 这个套接字已经绑定 (bind) 过了，或者这个地址不适合这种套接字。
       *[other] 操作系统认为这次调用的某个参数对这个套接字无效。
    }
errno-ENOENT = 没有那个文件或目录
    .hint = 文件不存在：对于 Unix 套接字，先启动创建这个路径的服务器。
errno-ENOTCONN = 传输端点尚未连接
    .hint = 这个套接字还没有连接：先调用 connect()，或者给出目的地址。
errno-EISCONN = 传输端点已经连接
    .hint = 这个套接字已经连接过了。
errno-EAFNOSUPPORT = 协议不支持该地址族
    .hint = 这里不支持这个地址族 (address family)（例如这台机器禁用了 IPv6）。
errno-EPROTONOSUPPORT = 不支持的协议
    .hint = 这种套接字类型不支持这个协议。
errno-EOPNOTSUPP = 不支持的操作
    .hint = 这种套接字类型不支持这个操作（例如在数据报套接字上调用 listen()）。
errno-ENOPROTOOPT = 协议不可用
    .hint = 这个协议没有这个套接字选项（例如在 UDP 套接字上设置 TCP_NODELAY）。
errno-EMSGSIZE = 消息过长
    .hint = 这个数据报 (datagram) 太大，套接字无法一次发出（IPv4 上 UDP 最多 65,507 字节）：少发一点。
errno-EDESTADDRREQ = 需要目的地址
    .hint = 没有目的地：这个套接字没有连接，所以要给出发送的目标地址。
errno-EINPROGRESS = 操作正在进行
    .hint = 连接还在建立中（非阻塞的 connect）：等到套接字可写再说。
errno-EALREADY = 操作已经在进行
    .hint = 这个套接字上已经有一次连接尝试在进行：等它结束。
errno-ENOTSOCK = 对非套接字进行套接字操作
    .hint = 这个描述符 (descriptor) 不是套接字。
errno-EBADF = 错误的文件描述符
    .hint = 这个套接字已经关闭了，或者描述符 (descriptor) 无效。
errno-EINTR = 被中断的系统调用
    .hint = 调用还没完成就被信号 (signal) 打断了：再试一次。
errno-EAGAIN = 资源暂时不可用
    .hint = 这个非阻塞套接字上暂时没有就绪的事情（没有数据可读，或者没有空间可写）：稍后再试。
errno-ENOTDIR = 不是目录
    .hint = 无法在这里创建 Unix 套接字路径：换一个可写的目录，用短一点的路径。
errno-EROFS = 只读文件系统
    .hint = 无法在这里创建 Unix 套接字路径：换一个可写的目录，用短一点的路径。
errno-ENAMETOOLONG = 文件名过长
    .hint = 无法在这里创建 Unix 套接字路径：换一个可写的目录，用短一点的路径。

## 套接字选项（src/net/options/table.rs）：每个选项的作用，显示在它的 C 名字（SO_REUSEADDR …）旁边。

option-reuseaddr = 让服务器可以绑定 (bind) 一个还有旧连接处于 TIME_WAIT 的端口，这样重启后马上就能用。
option-reuseport = 让多个套接字 (socket) 绑定同一个端口；内核把连接或数据报 (datagram) 分给它们。
option-v6only = 在 IPv6 套接字上拒绝 IPv4 的对端；关闭时 [::] 也接受 IPv4，显示为 ::ffff:a.b.c.d。
option-nodelay = 关闭 Nagle 算法：小块写入立即发出，不再等着和后面的数据合并。
option-keepalive = 在空闲的连接上发送探测包 (keepalive)，对方消失时能发现，而不是永远等下去。
option-keepidle = 连接空闲多少秒之后发送第一个保活探测包 (keepalive probe)。
option-keepintvl = 对方不回应时，两次保活探测包之间隔多少秒。
option-sndbuf = 内核发送缓冲区的大小；Linux 会把设置的值翻倍，留出记账用的空间。
option-rcvbuf = 内核接收缓冲区的大小（也决定了 TCP 窗口）；Linux 会把设置的值翻倍。
option-linger = close() 如何处理还没发出的数据：关闭时在后台慢慢发完；打开且为 0 秒时直接用 RST 中止连接。
option-ttl = 数据包最多能经过多少个路由器，超过就被丢弃（IPv6 里叫跳数限制 hop limit）。
option-broadcast = 允许向广播地址（例如 255.255.255.255）发送数据报。
option-mcast_ttl = 组播 (multicast) 数据报能传多远：1 表示只在本地网络内。
option-mcast_loop = 我们发出的组播数据报是否也投递回本机。
option-join = 加入一个组播组 (multicast group)，发往这个组的数据报就会到达这个套接字。
option-leave = 退出之前加入的组播组。
option-rcvtimeo = 阻塞的 recv() 最多等多久，超时后以 EAGAIN 失败（socklab 自己的套接字从不阻塞）。
option-sndtimeo = 阻塞的 send() 等待缓冲区空间最多等多久（socklab 自己的套接字从不阻塞）。
option-type = 套接字的类型：SOCK_STREAM（TCP，字节流）或 SOCK_DGRAM（UDP，一个个独立的数据报）。
option-error = 套接字上待处理的错误（如果有）；读取它就会清除它。

## 选项为什么不适用于这个套接字，以及值错在哪里。
## $name 是 --set 用的名字（reuseaddr），$c_name 是 C 里的名字（SO_REUSEADDR），$value 是输入的内容。

option-na-ip = 只有 IP 套接字才有端口和跳数
option-na-v6only = 只有 IPv6 套接字才有 IPV6_V6ONLY
option-na-tcp = 这是 TCP 选项：对这个套接字没有意义
option-na-broadcast = 广播 (broadcast) 只适用于 IPv4 上的 UDP
option-na-multicast = 组播 (multicast) 只适用于 UDP 套接字
option-read-only = { $name }（{ $c_name }）是只读的
option-wrong-kind = { $name }：{ $value } 不是 { $c_name } 接受的值的类型
option-not-multicast = { $name }：'{ $value }' 不是组播地址（224.0.0.0/4 或 ff00::/8）
option-out-of-range = { $name }：{ $value } 超出范围：{ $c_name } 接受 { $min } 到 { $max }
option-too-large = { $name }：{ $value } 超出范围
option-not-on-off = { $name }：'{ $value }' 不是 on/off（用 1 或 0）
option-not-whole-number = { $name }：'{ $value }' 不是整数
option-wrong-value = { $c_name } 不接受这种类型的值
option-read-only-c = { $c_name } 是只读的
option-membership-unreadable = 组播成员关系无法读回
option-no-error = 0（没有错误）
option-no-reuseport = 这个操作系统没有 SO_REUSEPORT
option-setting-not-name-value = '{ $setting }'：请写成 NAME=VALUE，例如 nodelay=1（选项名见 --help）
option-setting-unknown = 没有 '{ $name }' 这个选项：可用的有 { $names }

## 每种自动回复模式做什么（src/net/reply.rs）；模式自己的名字（echo、chat …）原样保留。

reply-none = 手动：由你输入回复
reply-echo = 收到什么就原样发回去（回显）
reply-chat = 把每一行转发给其他所有客户端（聊天室）
reply-daytime = 发送当前日期和时间，然后关闭连接（RFC 867）
reply-http = 用一个小网页回答 HTTP 请求，然后关闭连接

## 输入的地址或端口错在哪里（src/net/addr.rs）。$input 是输入的内容。

addr-empty = 地址是空的：按 主机:端口 的格式写，例如 127.0.0.1:9000
addr-no-closing-bracket = '{ $input }'：写在 [ ] 里的 IPv6 地址缺少右括号 ]
addr-port-after-bracket = '{ $input }'：端口写在 ] 后面，例如 [{ $host }]:9000
addr-ipv6-brackets = '{ $input }'：IPv6 地址要放在方括号里，例如 [::1]:9000
addr-port-only = '{ $input }' 没有主机：按 主机:端口 的格式写，例如 127.0.0.1:{ $input }（只有本机可连）或 0.0.0.0:{ $input }（所有接口）
addr-no-port = '{ $input }' 没有端口：按 主机:端口 的格式写，例如 { $input }:9000
addr-no-host = '{ $input }' 没有主机：例如写成 127.0.0.1{ $input }
addr-port-empty = 端口是空的：写一个 0 到 65535 之间的数
addr-port-not-number = 端口 '{ $input }' 不是数字：写一个 0 到 65535 之间的数
addr-port-out-of-range = 端口 { $input } 超出范围：端口号从 0 到 65535

## 以文本、十六进制或 base64 输入的数据错在哪里（src/net/payload.rs）。
## $position 从 1 开始数字符；$char 是出错的字符。

payload-at = 第 { $position } 个字符：{ $problem }
payload-hex-escape = \x 后面要跟两个十六进制数字，例如 \x41
payload-unknown-escape = 不认识的转义 \{ $char }：可以用 \n \r \t \0 \\ 或 \xHH
payload-lone-backslash = 末尾有一个单独的 \：反斜杠本身要写成 \\
payload-odd-hex = 十六进制数字个数是奇数：每个字节要两位，例如 0a
payload-not-hex = '{ $char }' 不是十六进制数字（0-9、a-f）
payload-not-base64 = '{ $char }' 不是 base64 字符（A-Z a-z 0-9 + / =）
payload-base64-invalid = '{ $char }' 不能出现在这里
payload-base64-length = 长度不是合法的 base64（少了字符）
payload-base64-last = 最后一个字符不是合法的 base64
payload-base64-padding = 末尾的 = 填充不对

## 分帧方式、超长帧处理或大小写错了（--frame、--oversize、--frame-limit 以及表单中的对应字段；
## src/net/frame/spec_text.rs）。$input 是输入的内容。

# 分帧器拒绝的帧（src/net/frame/mod.rs），以及它接着做了什么（$error 是前三条之一）。
frame-error-no-delimiter = 在帧大小上限 { $limit } 字节之内没有找到分隔符
frame-error-announced = 长度头声明了 { $length } 字节，超过了帧大小上限 { $limit } 字节
frame-error-impossible = 长度头的值是 { $length }，比长度头自己的 { $header } 字节还小（这个长度真的应该包含长度头吗？）
frame-error-then-resync = { $error }：已跳到下一帧；如果帧确实这么长，请调大上限
frame-error-then-close = { $error }：连接已关闭
frame-error-then-split = { $error }：已分段交付，每段标为“已截断”
frame-unknown = '{ $input }' 不是一种分帧方式：可用 raw、line、delim:HEX、fixed:N、len:1、len:2、len:4、len:2le 或 len:4le（长度包含头部本身时加 :incl）
frame-delimiter = delim:{ $input }：{ $error }
frame-fixed = fixed:{ $input }：帧的大小必须是 1 到 { $max } 之间的整数字节，例如 fixed:16
frame-width = len:{ $input }：长度头是 1、2 或 4 字节，默认大端序，以 le 结尾表示小端序：len:1、len:2、len:4、len:2le 或 len:4le
frame-one-byte-order = len:1le：1 字节的长度没有字节序：写 len:1
frame-oversize = '{ $input }' 不是超长帧的处理方式：可用 resync、close 或 split
frame-size = '{ $input }' 不是大小：写整数字节数，或者带 k、m（64k = 65536 字节）
frame-size-too-large = { $input } 字节太大：最多 { $max }（16m）

## 端点的分帧、规则或序列为什么不能用在这种套接字上（src/net/behaviour.rs）。$number 从 1 开始；
## $why 是原因。

behaviour-framing = 分帧：{ $why }
behaviour-rule = 规则 { $number }：{ $why }
behaviour-sequence = 序列 { $number }（{ $name }）：{ $why }
behaviour-framing-on-datagram = 一个数据报 (datagram) 本身就是一条消息：分帧只用于流式套接字（TCP、Unix 流）
behaviour-connect-on-datagram = 数据报套接字没有连接，所以 connect 规则永远不会触发
behaviour-close-on-datagram = 数据报套接字没有可以关闭的连接
behaviour-relay-not-server = relay 把消息转发给服务器的其他连接，而这个端点没有其他连接：请改用 reply
behaviour-sequence-needs-peer = 数据报套接字把序列发给它的默认对端：先设置对端（或者 connect）

## 命令行自己的提示、警告和拒绝（src/cli/messages.rs）。$error 是操作系统的原话；$proto 是输入的
## 协议（tcp、udp、unix …）；$kind 是套接字的种类。

cli-timeout-not-a-number = '{ $value }' 不是秒数：例如写 10 或 0.5
cli-timeout-out-of-range = { $value } 不在 0.001 到 { $max } 秒（一天）之间：connect() 花这么久还没完成，就是已经失败了
cli-empty-unix-path = { $proto }：路径是空的：给出一个文件路径，例如 /tmp/socklab.sock，或者用 @name 表示抽象套接字（仅 Linux，不产生文件）
cli-empty-bind-path = --bind：路径是空的：给出一个文件路径，例如 /tmp/socklab-client.sock，或者去掉 --bind
cli-reply-not-for = --reply { $reply } 不适用于{ $kind }
cli-option-not-for = --set { $name }：{ $c_name } 不适用于{ $kind }：{ $why }
cli-nothing-to-run = 没有要运行的内容：给出一个命令（serve、connect、run），或者查看 --help
cli-no-temp-dir = 无法在 { $dir } 里为回复用的套接字创建目录：{ $error }：用 --bind PATH 指定一个路径
cli-serve-exposed-all = { $address } 表示所有网络接口：任何能通过网络访问这台机器的人都可以{ $socket ->
        [datagram] 向它发送数据
       *[stream] 连接 (connect) 它
    }；如果只想让本机访问，请用 127.0.0.1:{ $port }（或 [::1]:{ $port }）
cli-serve-exposed-interface = { $address } 是一个网络接口：同一网络上的其他机器都可以{ $socket ->
        [datagram] 向它发送数据
       *[stream] 连接 (connect) 它
    }；如果只想让本机访问，请用 127.0.0.1:{ $port }（或 [::1]:{ $port }）
cli-workspace-exposed-all = 警告：[{ $name }] 绑定 (bind) 了 { $address }：这是所有网络接口，任何能通过网络访问这台机器的人都能访问它（把地址改成 127.0.0.1 就只有本机能访问）
cli-workspace-exposed-interface = 警告：[{ $name }] 绑定 (bind) 了 { $address }：这是一个网络接口，同一网络上的其他机器都能访问它（把地址改成 127.0.0.1 就只有本机能访问）
cli-no-client-discarding = 还没有客户端连接：在有客户端连上之前，标准输入 (stdin) 的内容会被丢弃
cli-no-peer-discarding = 还没有可以发送的对象：在收到第一个数据报 (datagram) 之前，标准输入的内容会被丢弃（回复发给数据报的发送者）
cli-line-split = 标准输入的一行比最大的数据报（{ $max } 字节）还长：它会被切成每块 { $max } 字节发送，之后的长行也一样
cli-input-not-sent = 输入没有发出：{ $error }
cli-peer-half-closed = 对方关闭了它的发送方向 (FIN)；它可能还在读，所以标准输入会一直发送到结束，然后我们也关闭发送方向
cli-workspace-still-not-ready = [{ $name }] 仍未就绪；照样启动下一个端点
cli-workspace-nothing-autostarts = { $file }：没有端点设置了 `autostart: true`，所以没有要运行的内容
cli-did-not-stop = 有 { $count } 个端点没有按时停止
cli-no-ctrl-c = 无法处理 Ctrl+C：{ $error }
cli-sequence = 序列 { $number }
cli-sequence-named = 序列 { $number }（{ $name }）
cli-sequence-step = { $sequence }，第 { $number } 步（{ $step }）：{ $result }（{ $ms } 毫秒）
cli-sequence-step-round = { $sequence }，第 { $round } 轮，第 { $number } 步（{ $step }）：{ $result }（{ $ms } 毫秒）
cli-sequence-passed = { $sequence }：{ $summary }：通过 (PASSED)
cli-sequence-failed = { $sequence }：{ $summary }：失败 (FAILED)
cli-sequence-closed-first = { $sequence } 没有运行：连接先关闭了
cli-sequence-no-connection = { $sequence } 没有运行：没有可以运行它的连接
cli-tcp-info-not-tcp = --tcp-info：TCP_INFO 只存在于 TCP 套接字，而这是 { $proto }：请用 `tcp`，或者去掉 --tcp-info
cli-kernel-state-unavailable = { $flag }：{ $why }；不用它继续运行
cli-ladder-is-dir = --ladder { $path }：这是一个目录：给出一个文件名，例如 { $path }/ladder.svg
cli-ladder-no-dir = --ladder { $path }：目录 { $dir } 不存在：先创建它，或者把文件写到别处
cli-ladder-not-written = --ladder { $path }：无法写入时序图：{ $error }
cli-ladder-not-written-errno = --ladder { $path }：无法写入时序图（{ $errno }）：{ $error }
cli-ladder-written = 已把 { $count } 个连接的时序图写入 { $path }

## socklab --help（src/cli/help.rs）：cli-<命令>-about 说明命令做什么，cli-<命令>-<参数> 说明参数。
## NAME=VALUE、MS 之类是用户要输入的内容：保留原样。字面的花括号写成 { "{" }。

cli-socklab-about = 套接字 (socket) 练习场：服务器、客户端、套接字选项和系统调用时间线。
cli-socklab-about-window = 不带命令运行时打开桌面程序。
cli-socklab-workspace = 用桌面程序打开这个工作区文件
cli-socklab-file = 用桌面程序打开的工作区文件（与 --workspace 相同）
cli-serve-about = 启动一个服务器。收到的字节写到标准输出 (stdout)；标准输入 (stdin) 发给每个客户端（UDP：发给最近一个发来数据的对端）。一直运行到按下 Ctrl+C
cli-serve-proto = 套接字的种类：tcp、udp、unix（Unix 流式套接字）或 unix-dgram（Unix 数据报套接字）
cli-serve-address = 要绑定 (bind) 的 主机:端口（127.0.0.1 只有本机可连；0.0.0.0 表示所有接口），unix 则是一个路径（@name：抽象套接字，仅 Linux）
cli-serve-reply = 服务器怎样处理收到的数据（自动回复模式）
cli-serve-set = 在 bind/connect 之前设置套接字选项 (setsockopt)：NAME=VALUE，例如 nodelay=1、rcvbuf=65536、linger=0。可以重复
cli-serve-json = 在标准输出上为引擎的每个事件打印一个 JSON 对象，而不是原始字节
cli-serve-encoding = 对端的文字编码 (encoding)：标准输入（UTF-8）按行转成这种编码再发送，收到的字节从这种编码解码成 UTF-8 输出（不能解码的字节写成 \xHH）：utf-8、gbk、gb18030、big5、shift_jis、latin-1。不加这个选项时字节原样通过
cli-serve-verbose = 在标准错误 (stderr) 上打印每一步（socket、bind、accept …）；TCP 还会打印内核报告的每次状态变化（ESTABLISHED、FIN_WAIT2、TIME_WAIT …）
cli-serve-tcp_info = TCP：每 MS 毫秒（至少 10）以及每次状态变化时报告内核的 TCP_INFO（状态、rtt、cwnd、队列 …）：加 --json 时是 `tcp_info` 事件，否则在标准错误上每次一行
cli-serve-ladder = 命令结束时，把时序图（三次握手、数据、FIN、TIME_WAIT …）以 SVG 写入这个文件
cli-serve-frame = 把收到的数据切成消息（分帧）：line、delim:HEX、fixed:N、len:1、len:2、len:4、len:2le 或 len:4le（长度包含头部本身时加 :incl）。默认：每次 recv() 收到多少就是多少
cli-serve-frame_limit = 最大的帧，含头部和分隔符：字节数，或者带 k、m（默认 64k，最多 16m）
cli-serve-oversize = 帧超过上限时怎么办：resync（跳过它）、close（关闭连接）或 split（分成几块交出去）
cli-serve-greet = 每个新连接（接受 (accept) 的，或 connect 建立的）一开始就发送的内容：可以用 \n \r \t \xHH 转义和 ${ "{" }...{ "}" } 变量，与规则的回复相同。不会自动加任何东西：要发一行就以 \n 结尾
cli-serve-rules = 回答收到的内容：'MATCH => ACTION [=> ACTION]... [=> continue]'。可以重复；对每条消息按顺序尝试。MATCH：exact:TEXT prefix:TEXT contains:TEXT regex:RE hex:PATTERN any connect oversize。ACTION：reply:TEMPLATE relay:TEMPLATE wait:MS close ignore
cli-serve-backlog = listen() 的等待队列长度 (backlog)
cli-connect-about = 连接 (connect) 到一个服务器。标准输入被发送，收到的字节写到标准输出。标准输入结束时我们半关闭 (FIN)，一直读到对方也关闭；如果对方先关闭，它可能还在读，所以标准输入会一直发送到结束
cli-connect-proto = { cli-serve-proto }
cli-connect-address = 要连接的 主机:端口，unix 则是一个路径
cli-connect-set = { cli-serve-set }
cli-connect-json = { cli-serve-json }
cli-connect-encoding = { cli-serve-encoding }
cli-connect-verbose = { cli-serve-verbose }
cli-connect-tcp_info = { cli-serve-tcp_info }
cli-connect-ladder = { cli-serve-ladder }
cli-connect-frame = { cli-serve-frame }
cli-connect-frame_limit = { cli-serve-frame_limit }
cli-connect-oversize = { cli-serve-oversize }
cli-connect-greet = { cli-serve-greet }
cli-connect-rules = { cli-serve-rules }
cli-connect-timeout = connect() 的超时，单位秒（可以有小数；最多一天）
cli-connect-wait = 数据报套接字：标准输入结束后，这么久没有收到任何数据就停止（最多一天）
cli-connect-bind = unix-dgram：为接收回复而绑定 (bind) 的路径（默认：一个临时路径）
cli-run-about = 不开窗口运行一个工作区文件：启动其中自动启动的端点，打印事件。端点有发送序列时，运行它们然后结束：每个预期都满足时退出码为 0，有一个失败时为 3
cli-run-file = 要运行的工作区文件（.ron）
cli-run-json = { cli-serve-json }
cli-run-encoding = 所有端点都用这种文字编码（代替各自的编码），收到的内容也用它解码后输出到标准输出（见 serve --help）
cli-run-ladder = 运行结束时，把每个连接的时序图以 SVG 写入这个文件
cli-code-about = 打印一个程序，它做的事与工作区里某个端点相同，用 Python 或 Rust 写成
cli-code-file = 端点所在的工作区文件（.ron）
cli-code-lang = 程序的语言：python（Python 3 和标准库的 socket 模块）或 rust（std::net 和 socket2 crate）
cli-code-endpoint = 要显示的端点（它的名字），工作区里有多个端点时使用

## socklab code（src/cli/code.rs）。$names 列出工作区里端点的名字（带引号）。

cli-code-no-endpoints = 工作区里没有端点：没有可以写成代码的东西
cli-code-choose-endpoint = 工作区里有 { $count } 个端点：请用 --endpoint NAME 选一个，可选的有 { $names }
cli-code-no-such-endpoint = 没有名为 "{ $name }" 的端点：现有的端点是 { $names }
cli-code-cannot = { $file }：端点 "{ $name }"：{ $error }

## 为什么不能为一个端点写出程序（src/codegen/mod.rs）：`socklab code` 和“代码”标签页。

codegen-error-address = { $field }：{ $problem }
codegen-error-reply = 自动回复模式 { $reply } 不适用于{ $kind }
codegen-error-no-path = 一个既没有路径也没有对端的{ $kind }既不能发送也不能接收：请给它一个路径
cli-help-options = --set 可用的套接字选项 (NAME=VALUE)：
cli-help-examples = 示例：
# clap 自己的用语，放在这里以便跟随语言。每个标题保留冒号。
cli-help-usage = 用法：
cli-help-commands = 命令：
cli-help-arguments = 参数：
cli-help-options-heading = 选项：
cli-help-help = 显示帮助
cli-help-version = 显示版本号
cli-help-about = 显示这份帮助，或者指定命令的帮助
cli-help-command = 要显示帮助的命令（serve、connect、run、code）
cli-help-default = [默认：{ $value }]
cli-help-possible-values = [可选值：{ $values }]

## 命令行上的错误，由 clap 发现（src/cli/parse.rs）。$arg 是参数的写法
## （--reply <REPLY>），$value 是输入的值：两者都保留引号。

cli-error = 错误：{ $message }
cli-error-tip = 提示：{ $tip }
cli-error-try-help = 更多信息请运行 '{ $help }'。
cli-error-unknown-argument = 不认识的参数 '{ $arg }'
cli-error-similar-argument = 有一个相近的参数：'{ $arg }'
cli-error-argument-of-command = { $arg } 是 { $command } 命令的参数：请写成 '{ $command } { $arg }'
cli-error-pass-as-value = 要把 '{ $arg }' 当作一个值传入，请写成 '-- { $arg }'
cli-error-remove-dashes = 有 '{ $command }' 这个命令；要使用它，请去掉它前面的 '--'
cli-error-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
cli-error-possible-values = [可选值：{ $values }]
cli-error-similar-value = 有一个相近的值：'{ $value }'
cli-error-value-required = '{ $arg }' 需要一个值，但没有给出
cli-error-value-validation = '{ $arg }' 的值 '{ $value }' 无效：{ $problem }
cli-error-unknown-command = 没有 '{ $command }' 这个命令
cli-error-similar-command = 有一个相近的命令：'{ $command }'
cli-error-missing-required = 缺少必须提供的参数：{ $args }
cli-error-missing-command = '{ $command }' 后面需要一个命令：{ $commands }
cli-error-used-twice = 参数 '{ $arg }' 只能使用一次
cli-error-conflict = 参数 '{ $arg }' 不能与 { $others } 一起使用
cli-error-too-many-values = '{ $arg }' 多了一个值 '{ $value }'：它不需要更多的值
cli-error-too-few-values = '{ $arg }' 至少需要 { $min } 个值，但只给了 { $actual } 个
cli-error-wrong-number-of-values = '{ $arg }' 需要 { $expected } 个值，但给了 { $actual } 个
cli-error-no-equals = '{ $arg }' 的值前面需要等号：{ $arg }=VALUE
cli-error-invalid-utf8 = 有一个参数不是有效的 UTF-8 文本
cli-not-a-whole-number = '{ $value }' 不是整数
cli-number-out-of-range = { $value } 不在 { $min } 到 { $max } 之间
app-window-failed = 无法打开窗口：{ $error }
app-window-no-display = （没有显示器？命令行不需要显示器也能用：socklab --help）
## 检查器的 TCP 部分（src/ui/tcp_panel.rs、src/ui/tcp_machine.rs）。
## TCP 状态名（ESTABLISHED、TIME_WAIT …）、Recv-Q、Send-Q、rtt、cwnd、
## TCP_INFO 和 sock_diag 是内核的叫法，保持原样。

tcp-heading = TCP（内核）
tcp-linux-only = TCP_INFO 只有 Linux 提供：在这个操作系统上无法显示内核的 TCP 状态。
tcp-waiting = 正在等待内核的第一份报告…
tcp-never-watched = 没有内核报告：这个套接字在被观察之前就关闭了。
tcp-after-close = socklab 已关闭自己的套接字；内核仍保留着这条连接（sock_diag）。
tcp-connections = 连接
tcp-plot-rtt = 往返时间 rtt（µs）
tcp-plot-cwnd = 拥塞窗口 cwnd（段）
tcp-seconds-ago = 秒之前
tcp-queue = { $label }：{ $now }（峰值 { $peak }）
tcp-field = { $label }：{ $value }
tcp-peer = { kernel-peer-seen }：{ $state } · 接收队列 Recv-Q { $recv } · 发送队列 Send-Q { $send }
tcp-machine-describe = 状态机，当前：{ $now }；路径：{ $path }

## 用文字说明内核的 TCP 状态和 TCP_INFO（src/net/kernel/text.rs）。

kernel-peer-seen = 内核看到的对端
kernel-state-change-after-close = TCP 状态{ $conn }：{ $from }{ $to }（sock_diag：socklab 的套接字已关闭，内核仍保留着它）
kernel-state-listen = 等待连接：内核完成三次握手，把连接排进队列等待 accept()。
kernel-state-syn-sent = connect() 已发出 SYN，正在等待服务器的 SYN-ACK。
kernel-state-syn-recv = 收到了 SYN 并回复了 SYN-ACK；正在等待客户端的 ACK。
kernel-state-established = 三次握手完成：双方都可以发送和接收。
kernel-state-fin-wait1 = 我们关闭了发送方向（已发出 FIN），正在等待对端确认。
kernel-state-fin-wait2 = 我们的 FIN 已被确认；在对端也关闭之前仍可继续读取。
kernel-state-close-wait = 对端关闭了它的发送方向（收到 FIN）；我们仍可发送，然后应当 close()。
kernel-state-closing = 双方同时发出了 FIN；正在等待对我们那个 FIN 的 ACK。
kernel-state-last-ack = 对端先关闭，我们随后关闭；正在等待对我们 FIN 的 ACK。
kernel-state-time-wait = 我们先关闭：内核把连接保留 60 s，以免迟到的报文段干扰使用相同端口的新连接。
kernel-state-closed = 没有连接：已关闭、被重置（RST），或已被内核遗忘。
kernel-cause-listen = listen()
kernel-cause-connect = connect()：发送 SYN
kernel-cause-syn = 收到 SYN：发送 SYN-ACK
kernel-cause-syn-ack = 收到 SYN-ACK：发送 ACK
kernel-cause-ack = 收到 ACK
kernel-cause-close = close()：发送 FIN
kernel-cause-fin = 收到 FIN：发送 ACK
kernel-cause-fin-acked = 收到对 FIN 的 ACK
kernel-cause-timeout = 2 MSL 超时
kernel-cause-reset = RST
kernel-unit-segments = 段
kernel-unit-bytes = 字节
kernel-unit-bytes-per-second = 字节/秒
kernel-field-state = 状态
    .hint = 连接在 TCP 状态机中的状态。
kernel-field-rtt = 往返时间 RTT
    .hint = 平滑后的往返时间：一个报文段从发出到被确认要多久。
kernel-field-rttvar = 往返时间抖动 RTT variation
    .hint = 往返时间的波动幅度；它会加大重传超时。
kernel-field-rto = 重传超时 RTO
    .hint = 内核等待 ACK 多久后重新发送。
kernel-field-cwnd = 拥塞窗口 cwnd
    .hint = 收到 ACK 之前最多可以有多少个报文段在路上；一切顺利时会增长。
kernel-field-ssthresh = 慢启动阈值 ssthresh
    .hint = 低于它时窗口每个往返翻倍；由第一次丢包设定（在此之前为 ∞）。
kernel-field-mss = 最大报文段 MSS
    .hint = 这一端发送的最大报文段（回环上约 65,483，以太网上 1,448）。
kernel-field-unacked = 未确认
    .hint = 已发出但对端尚未确认的报文段。
kernel-field-retrans = 重传
    .hint = 因为没有按时收到 ACK 而重新发送的报文段（健康的回环上为 0）。
kernel-field-bytes-acked = 已确认字节
    .hint = 对端已确认收到的字节数。
kernel-field-bytes-received = 已接收字节
    .hint = 按顺序从对端到达的字节数。
kernel-field-delivery-rate = 交付速率
    .hint = 最近对端确认数据的速率。
kernel-field-notsent = 暂缓发送
    .hint = 已写入但尚未发出：Nagle 算法在等 ACK，或者窗口已满。
kernel-field-recv-q = 接收队列 Recv-Q
    .hint = 已收到但程序还没读取的数据；没人调用 recv() 时它会增长。
kernel-field-send-q = 发送队列 Send-Q
    .hint = 程序已发送但对端尚未确认的数据；对端不读取时它会增长。

## 时序图标签页（src/ui/sequence_view.rs、src/ui/sequence_rows.rs）及其窗口。
## 报文段名（SYN、FIN、RST）和调用名（send()、recv()）保持原样。

sequence-pause = 暂停
    .hint = 冻结画面；新事件仍会被记录
sequence-live = 实时
    .hint = 事件一到就画出来
sequence-step-back = 后退一步
    .hint = 少画一个事件
sequence-step-forward = 前进一步
    .hint = 多画一个事件
sequence-replay = 回放
    .hint = 按旁边选定的速度慢速回放最近几秒
sequence-speed-hint = 回放速度
sequence-presenter = 演示模式
    .hint = 只显示 TCP 状态、这张时序图和对话，字号放大，供课堂使用
sequence-pop-out = 时序图窗口
    .hint = 在单独的窗口中显示这张时序图（用于第二块屏幕）
sequence-export-svg = 导出 SVG…
    .hint = 把这个端点的时序图保存为 SVG 文件，用于幻灯片和作业
sequence-no-connection = 还没有连接：时序图从 connect() 或 accept() 开始。
sequence-connection = 连接
sequence-drawn = { $arrows } 个箭头 · 共 { $total } 个事件，已画 { $visible } 个
sequence-paused = 已暂停：新事件会被记录，但不画出
sequence-replaying = 正在以 { $speed } 回放
sequence-group = { $sends } 次 send → { $recvs } 次 recv
sequence-window-title = socklab — 时序图 — { $name }

## 时序图本身的文字（src/model/sequence/text.rs），用于时序图标签页和 SVG 导出。

sequence-no-events = 还没有连接事件。
sequence-lost = { $arrow } — 丢失
sequence-inferred-legend = 虚线框中的状态是根据调用推断的；实线框是内核报告的状态。
sequence-elapsed-ms = +{ $ms } ms
sequence-elapsed-s = +{ $s } s
sequence-call-connect = connect() 返回
sequence-call-accept = accept() 返回
sequence-call-send = send() = { $bytes }
sequence-call-recv = recv() = { $bytes }
sequence-call-sendto = sendto() = { $bytes }
sequence-call-recvfrom = recvfrom() = { $bytes }
sequence-call-shutdown = shutdown(SHUT_WR)
sequence-call-peer-fin = recv() = 0 (FIN)
sequence-call-close = close()
sequence-call-recv-sends = recv() = { $bytes }（{ $sends } 次 send）
sequence-call-close-abortive = 带 SO_LINGER 0 的 close()
sequence-call-failed = { $call } 失败
sequence-lost-kernel = 内核丢弃了 { $kernel } 个
sequence-lost-engine = socklab 丢弃了 { $engine } 个
sequence-lost-both = 内核丢弃了 { $kernel } 个，socklab 丢弃了 { $engine } 个
sequence-lane-local = 本套接字（#{ $endpoint }）
sequence-lane-local-conn = 本套接字（#{ $endpoint }，连接 { $conn }）
sequence-lane-peer = 对端（#{ $endpoint }）
sequence-lane-peer-conn = 对端（#{ $endpoint }，连接 { $conn }）
sequence-lane-not-in-socklab = 对端（不在 socklab 中）
sequence-unix-stream = Unix 流
sequence-unix-datagram = Unix 数据报
sequence-dropped = 较早的 { $count } 个事件已不再保留

## 演示模式（src/app/presenter.rs）。

presenter-leave = 退出演示模式
    .hint = 回到所有面板（Esc）

## 回复规则：规则为什么不被接受（src/net/rules）。关键字（exact:、reply:、wait:500 …）保持原样。

rule-at = 第 { $position } 个字符：{ $problem }
rule-in-pattern = 匹配模式中第 { $position } 个字符：{ $problem }
rule-in-action = 第 { $action } 个动作中第 { $position } 个字符：{ $problem }
rule-in-list = 规则 { $index }：{ $error }
rule-as-is = { $text }
rule-no-arrow = 规则的写法是 MATCH => ACTION（匹配 => 动作），例如 'exact:ping => reply:pong\n'
rule-bad-match = '{ $text }' 不是匹配方式：可用 exact:TEXT、prefix:TEXT、contains:TEXT、regex:RE、hex:PATTERN、any、connect 或 oversize
rule-bare-match = { $kind } 后面不带文本：单独写它
rule-bad-action = '{ $text }' 不是动作：可用 reply:TEMPLATE、relay:TEMPLATE、wait:MS、close 或 ignore（最后再加 continue，表示继续尝试后面的规则）
rule-no-action = => 后面没有内容：请给出一个动作（reply:TEMPLATE、relay:TEMPLATE、wait:MS、close 或 ignore）
rule-ignore-alone = ignore 什么也不做，所以它在 => 后面单独出现
rule-continue-last = continue 放在最后：表示还要继续尝试后面的规则
rule-continue-first = continue 放在动作之后：请先给出一个动作
rule-bad-wait = wait 的单位是毫秒，范围 0 到 3600000，例如 wait:500
rule-wait-too-long = 等待最长 3600000 毫秒（一小时）
rule-empty-text = 请给出要查找的文本
rule-hex-digit = '{ $char }' 不是十六进制数字或 ?（模式由字节组成，例如 01 03 ?? ff，最后可加一个 { "*" }）
rule-hex-odd = 十六进制数字个数为奇数：每个字节需要两个数字或通配符，例如 0a 或 ??
rule-hex-star = { "*" } 只能放在最后：表示后面可以跟任意字节
rule-hex-empty = 至少给出一个字节，例如 01 ?? 03，或用 { "*" } 表示任意字节
rule-regex-big = 正则表达式 (regex) 编译后太大：请简化它（或限制重复次数）

## 模板（src/net/template）：reply:/relay: 的文本、--greet、发送框。

template-at = 第 { $position } 个字符：{ $problem }
template-unclosed = { "${" } 没有闭合：用 { "}" } 结束变量
template-empty = { "${}" } 里没有变量名
template-unknown = 未知变量 { $var }：可用 { $known }
template-not-here-payload = { $var } 在你发送的数据里没有可以取值的来源
template-not-here-connect = { $var } 在连接时（还没有任何消息）没有可以取值的来源
template-not-here-oversize = { $var } 对超长帧没有可以取值的来源（超长帧不会保留）
template-not-here-message = { $var } 在这里没有可以取值的来源
template-no-groups = { $var }：只有 regex: 规则才有捕获组
template-no-such-group = { $var }：这个正则表达式只有 { $groups } 个捕获组
template-bad-argument = { $var }：{ $expected }
template-hex = { "${hex:…}" }：{ $problem }
template-arg-time = 可用 { "${time}" }、{ "${time:unix}" }（秒）或 { "${time:ms}" }（自 1970 年起的毫秒数）
template-arg-random = 可用 { "${random}" }（一个数）或 { "${random:N}" }（N 个随机字节，1 到 65536）
template-arg-order = 字节序写 :be（高字节在前）或 :le（低字节在前）
template-arg-hex = 用十六进制给出字节，例如 { "${hex:0d0a}" }
template-arg-none = 这个变量不带参数

## 序列：为什么不能运行（src/net/sequence）。

sequence-error-step = 第 { $step } 步：{ $problem }
sequence-error-no-steps = 这个序列没有步骤
sequence-error-needs-pause = 重复运行的序列需要一个 wait 或 expect 步骤，否则会以最快速度不停发送：至少加一个 wait 0
sequence-error-no-rounds = 至少运行一次
sequence-error-too-long = 最长 3600000 毫秒（一小时）
sequence-error-not-a-message = 期望 (expect) 匹配的是一条消息：可用 exact、prefix、contains、regex、hex 或 any

## 命令行的协议选项（src/cli/proto_args.rs）。

cli-frame-limit-zero = 帧长度上限至少是 1 字节
