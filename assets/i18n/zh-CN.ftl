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
