# socklab 的中文文本。每条消息都与 en.ftl 一一对应：属性和变量必须相同（有测试检查）。
#
# 写给学生看，不逐字翻译。套接字术语用通行的中文名，学生可能要搜索的地方在旁边
# 注上 C 里的名字：套接字 (socket)、监听 (listen)、三次握手 (three-way handshake)。
# { $name } 是用户数据或名称（地址、路径、EADDRINUSE），原样显示，不要翻译。

## 其他消息里引用的名称（与显示它们的按钮一致）。

kind-tcp-client = TCP 客户端
kind-udp = UDP 套接字

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
