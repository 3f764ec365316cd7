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

kernel-not-available = 这个操作系统不支持：实时 TCP 状态来自 Linux 的 TCP_INFO 和 sock_diag
kernel-peer-seen = 内核看到的对端
kernel-thread-busy = 内核线程正忙于跟踪许多连接：这条连接关闭后不再跟踪（不会显示它的 TIME_WAIT）
kernel-thread-gone = 内核线程已停止：连接关闭后不再跟踪
kernel-not-tcp = TCP 状态和 TCP_INFO 只存在于 TCP 套接字：这个端点不是 TCP
kernel-events-dropped = 丢弃了 { $count } 份来自 sock_diag 的状态报告：程序有一秒钟没有取走事件
kernel-too-many-followed = 已经通过 sock_diag 跟踪了 { $max } 条连接：这一条不再跟踪（停止观察某个端点以腾出空间）
kernel-state-change = TCP 状态{ $conn }：{ $from }{ $to }
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
