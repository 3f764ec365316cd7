### 实验（lab）文字的中文版：与 labs.en.ftl 的 id 一一对应。
### labs.en.ftl 由 assets/labs/*.ron 生成；英文改了，这里的同一 id 也要跟着改。
### 命令、地址、端口和选项名（SO_REUSEADDR 等）原样保留，学生要照着输入或搜索。

## Lab: chat_room.ron
lab-chat-room =
        聊天室
    .summary =
        服务器为每个客户端各开一个套接字 (socket)，把一行行文字转发给其他人；再看一个客户端离开时服务器看到什么。
lab-chat-room-listen =
        在 127.0.0.1:9000 上启动聊天服务器。
    .hint =
        它随工作区一起启动。这个服务器设置了 SO_REUSEADDR，所以停止后可以马上重新启动。
lab-chat-room-two-clients =
        同时连上两个客户端：服务器为每个客户端各保留一个套接字。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9000，做两次。终端里的客户端也算：socklab connect tcp 127.0.0.1:9000。
lab-chat-room-relay =
        从一个 socklab 客户端发送一行 "hello everyone"：另一个客户端收到它，前面带着发送者的地址。发送者自己什么也收不到。
    .hint =
        服务器按整行转发：消息要以换行结尾（在输入框里把行尾设为 \n，或者点保存好的消息 "greeting"）。没有换行，服务器会一直等这一行剩下的部分。
lab-chat-room-leave =
        关闭一个客户端：服务器在这条连接上的 recv() 返回 0，于是它关闭这个套接字。
    .hint =
        在一个客户端上点“关闭”(Close)（终端里的客户端按 Ctrl+D）。另一个客户端仍然连着。

## Lab: daytime.ron
lab-daytime =
        Daytime：服务器先开口
    .summary =
        一个根本没有请求的协议：服务器发一行就关闭连接，客户端看到 recv() 返回 0，就知道回答已经完整了。
lab-daytime-listen =
        在 127.0.0.1:9013 上启动 daytime 服务器（daytime 本来的端口是 13，但 1024 以下的端口需要 root 权限）。
    .hint =
        它随工作区一起启动。
lab-daytime-ask =
        连上一个 socklab 客户端，什么也不发：日期和时间自己就来了。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9013。在终端里：socklab connect tcp 127.0.0.1:9013。
lab-daytime-closed =
        注意服务器发完这一行马上就关闭了：客户端的 recv() 返回 0（服务器发来的 FIN）。客户端就是这样知道整个回答都到齐了。
    .hint =
        事件日志里客户端那一行显示 "recv = 0 (FIN)"。想要新的时间就再连一次：每个连接只得到一行。

## Lab: http_by_hand.ron
lab-http-by-hand =
        手写 HTTP
    .summary =
        HTTP/1.1 请求就是几行文字，以一个空行结束；回答是一行状态行、若干头部 (header)、一个空行，然后是网页。
lab-http-by-hand-listen =
        在 127.0.0.1:8080 上启动 HTTP 服务器。
    .hint =
        它随工作区一起启动。用浏览器打开 http://127.0.0.1:8080/ 会得到同一个网页。
lab-http-by-hand-request =
        连上一个 socklab 客户端，输入一个请求：GET / HTTP/1.1，然后 Host: localhost，再加一个空行。只有等空行到了，服务器才回答 HTTP/1.1 200 OK。
    .hint =
        每一行都以 \r\n 结尾：在输入框里输入 GET / HTTP/1.1\r\nHost: localhost\r\n\r\n，行尾选“无”(none)；或者点保存好的消息 "GET /"。
lab-http-by-hand-another-path =
        请求 /hello。第一个请求的回答里写着 Connection: close，服务器已经关闭了连接，所以先连一个新的客户端。网页会把它收到的请求行原样显示出来。
    .hint =
        新建一个客户端，然后发送 GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n。

## Lab: json_file.ron
lab-json-file =
        用 JSON + base64 传文件
    .summary =
        JSON 装的是文本，而文件是字节：base64 把字节变成文本，接收方能原样拿回完全相同的字节。
lab-json-file-listen =
        在 127.0.0.1:9006 上启动接收端。它只读，不回答。
    .hint =
        它随工作区一起启动。
lab-json-file-connect =
        用一个客户端连上它：socklab 客户端，或者你自己写的 Python 程序都可以。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9006；或者在 Python 里 s = socket.create_connection(("127.0.0.1", 9006))。
lab-json-file-send =
        把文件 files/poem.txt（在这个实验的旁边）作为一个 JSON 对象发出去：{"{"}"name": "poem.txt", "data": "…"{"}"}，其中 data 是文件字节的 base64 编码。
    .hint =
        在 Python 里：data = base64.b64encode(open("poem.txt", "rb").read()).decode("ascii")，然后 s.sendall(json.dumps({"{"}"name": "poem.txt", "data": data{"}"}).encode() + b"\n")。或者运行 base64 -w0 poem.txt，把结果粘贴到输入框里。

## Lab: nagle.ron
lab-nagle =
        Nagle 算法与 TCP_NODELAY
    .summary =
        TCP 保证字节的顺序，但不保留各次 send() 之间的边界：小的发送会被合并，大的会被拆开。
lab-nagle-connect =
        用一个 socklab 客户端连接 127.0.0.1:9004 上的读取端。两端都在 socklab 里，每一次 send() 和 recv() 都记在日志里。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9004。
lab-nagle-joined =
        从客户端快速地发送短消息，直到读取端在一次 recv() 里收到两条或更多。
    .hint =
        在输入框里输入 tick，勾选“重复发送”(Repeat every)，间隔设为 1 ms。Nagle 算法开着时（默认如此），前面的数据还没被确认，小的发送就要等着，于是它们一起发出；读取端稍晚一点去读，也会发现好几条在等它。
lab-nagle-nodelay =
        为客户端打开 TCP_NODELAY：小的发送现在会立即发出，不再等待确认 (ACK)。
    .hint =
        在检查器 (inspector) 里为客户端打开 TCP_NODELAY。从内核读回来的值必须显示为 on。
lab-nagle-split =
        发送一条大消息：一个 100 kB 或更大的文件。读取端的接收缓冲区 (SO_RCVBUF 4096) 很小，所以一次 send() 会分成许多次 recv() 到达。TCP_NODELAY 同样不保留消息边界。
    .hint =
        输入框 → 发送文件 (Send file)，选任意一个 100 kB 或更大的文件。基于 TCP 的协议必须自己说明每条消息在哪里结束：用换行，或者在数据前面写上长度。

## Lab: several_sockets.ron
lab-several-sockets =
        同时处理多个套接字
    .summary =
        一个线程服务许多客户端，谁的数据到了就处理谁：这正是 select()、poll() 和 epoll 的用途。
lab-several-sockets-listen =
        在 127.0.0.1:9005 上启动回显 (echo) 服务器。
    .hint =
        它随工作区一起启动。它唯一的工作线程在 epoll（更快的 select()）里等待，看它的哪个套接字先就绪。
lab-several-sockets-three-clients =
        连上三个客户端，并保持连接。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9005，做三次；或者开三个终端，运行 socklab connect tcp 127.0.0.1:9005。
lab-several-sockets-all-talk =
        从三个客户端各发一点东西，顺序随意：哪个客户端的数据到了，服务器就回答哪个，从不卡在等另一个上。
    .hint =
        如果服务器在第一个客户端的 recv() 上阻塞，其他客户端就只能等着；select() 先问内核哪些套接字有数据。
lab-several-sockets-one-leaves =
        关闭一个客户端：它的套接字变为可读，recv() 返回 0，服务器关闭这个套接字，另外两个照常继续。
    .hint =
        在一个客户端上点“关闭”(Close)，或者在终端客户端里按 Ctrl+D。

## Lab: tcp_echo.ron
lab-tcp-echo =
        TCP 回显 (echo) 服务器
    .summary =
        服务器的四个调用（socket、bind、listen、accept），客户端的 connect，以及一个发出去什么、就原样回来什么的字节流。
lab-tcp-echo-listen =
        在 127.0.0.1:9000 上启动回显服务器，看 socket()、bind() 和 listen() 出现在事件日志里。
    .hint =
        它随工作区一起启动。如果 bind() 失败并报 EADDRINUSE，说明别的程序占用了 9000 端口：停掉它，或者在“新建端点”(New endpoint) 里换一个端口启动服务器。
lab-tcp-echo-connect =
        连上一个客户端。服务器的 accept() 为这一个连接返回一个新的套接字；监听套接字继续监听 (listen)。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9000。任何客户端都行：socklab connect tcp 127.0.0.1:9000、ncat 127.0.0.1 9000，或者 Python 的 socket.create_connection。
lab-tcp-echo-echo =
        从一个 socklab 客户端发送 hello：服务器把同样的字节发回来，客户端的 recv() 收到它们。
    .hint =
        选中客户端，在输入框里输入 hello 后按回车 (Enter)，或者点保存好的消息 "hello"。
lab-tcp-echo-half-close =
        半关闭 (half-close) 客户端（用 SHUT_WR 调用 shutdown）：服务器的 recv() 返回 0，它把手里剩下的发完后关闭连接，随后客户端的 recv() 也返回 0。
    .hint =
        右键点击客户端 → 半关闭 (Half-close, shutdown SHUT_WR)。在终端客户端里按 Ctrl+D。

## Lab: time_wait.ron
lab-time-wait =
        TIME_WAIT 与 SO_REUSEADDR
    .summary =
        为什么立刻重启的服务器会因 EADDRINUSE 失败，以及 SO_REUSEADDR 怎样让它重新绑定 (bind)。
lab-time-wait-listen =
        在 127.0.0.1:9003 上启动回显服务器，不设 SO_REUSEADDR。
    .hint =
        它随工作区一起启动。
lab-time-wait-close-first =
        连上一个客户端，然后趁客户端还连着时停止服务器。服务器先关闭，所以它这一端的连接会在 TIME_WAIT 状态停留大约一分钟。
    .hint =
        新建端点 (New endpoint) → TCP 客户端 → 127.0.0.1:9003，然后在服务器上点“停止”(Stop)。如果客户端先断开，TIME_WAIT 就留在客户端一边，服务器的端口是空闲的。
lab-time-wait-in-use =
        立刻在 127.0.0.1:9003 上再次启动服务器：bind() 失败并报 EADDRINUSE，虽然那里并没有谁在监听。旧的连接仍然占着这个端口。
    .hint =
        在服务器上再点一次“启动”(Start)。在终端里，ss -tan | grep 9003 会显示旧的连接（客户端还开着时是 FIN-WAIT-2，之后是 TIME-WAIT）。
lab-time-wait-reuse =
        现在打开 SO_REUSEADDR：用它在 127.0.0.1:9033 上启动一个服务器，连上一个客户端，停止服务器，再在 30 秒内带着 SO_REUSEADDR 重新在 9033 上启动。这一次 bind() 成功了。
    .hint =
        在“新建端点”(New endpoint) 里，在 bind() 之前设置的选项下勾选 SO_REUSEADDR：它必须在 bind() 之前设置。为什么不用 9003？在 Linux 上旧的套接字也需要这个选项，因为它的连接会继承它：对上一步留下的连接来说已经太晚了，所以 9003 会一直被占用，直到它的 TIME_WAIT 结束（大约一分钟）。

## Lab: udp.ron
lab-udp =
        UDP：没有连接的数据报
    .summary =
        一个套接字，没有 listen() 也没有 accept()：每个数据报 (datagram) 都带着发送者的地址到达，放不下的就被丢掉。
lab-udp-bind =
        在 127.0.0.1:9001 上启动 UDP 回显套接字：socket(SOCK_DGRAM) 加 bind()，仅此而已。
    .hint =
        它随工作区一起启动。号码相同的 UDP 端口和 TCP 端口是两个不同的端口。
lab-udp-datagram =
        从另一个 UDP 套接字给它发一个数据报 "ping"：recvfrom() 返回数据和发送者的地址，回显用 sendto() 发回那个地址。
    .hint =
        新建端点 (New endpoint) → UDP 套接字，地址 127.0.0.1:0，对端 (peer) 127.0.0.1:9001，然后发送 ping。在终端里：socklab connect udp 127.0.0.1:9001，或者 ncat -u 127.0.0.1 9001。
lab-udp-two-senders =
        再从第二个套接字发送：同一个套接字回答两者，只有地址能把它们区分开。
    .hint =
        再启动一个 UDP 套接字（每个都有自己的端口），从它发送。
lab-udp-overflow =
        灌满它：把它的接收缓冲区改小 (SO_RCVBUF 2048)，一下子发几千个数据报。放不下的会被内核丢掉，不通知任何人；socklab 读出内核的计数 (SO_RXQ_OVFL)。
    .hint =
        在检查器 (inspector) 里把回显套接字的 SO_RCVBUF 设为 2048。然后在终端里运行：python3 -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); [s.sendto(b'x' * 1000, ('127.0.0.1', 9001)) for _ in range(20000)]"
lab-role-server = 服务器
lab-role-client = 客户端
lab-role-datagram = 数据报套接字
lab-role-any = 某个端点
lab-check-listening = 有一个服务器在监听 (listen)
lab-check-datagram-bound = 有一个数据报套接字已绑定 (bind)
lab-check-client-connected = 一个在 socklab 里启动的客户端已连上
lab-check-connections = 同一个服务器同时开着 { $count } 个连接
lab-check-received = { $who }收到 “{ $text }”
lab-check-received-any = { $who }收到数据
lab-check-distinct-peers = 同一个端点收到来自 { $count } 个不同对端的数据
lab-check-peer-closed = { $who }看到 recv() 返回 0：对端发来了 FIN
lab-check-active-close = { $who }先关闭连接（先关闭的一方进入 TIME_WAIT）
lab-check-send-split = 一次 send() 分成两次或更多次 recv() 到达
lab-check-sends-coalesced = 几次 send() 在一次 recv() 里到达
lab-check-failed = { $call }() 失败，错误是 { $errno }
lab-check-option-is = { $option } 读回来的值是 { $value }
lab-check-restarted = 服务器在带着一个 TIME_WAIT 连接关闭后的 { $secs } 秒内，又在同一个端口上监听
lab-check-kernel-drop = 接收缓冲区满了，内核丢弃数据报 (SO_RXQ_OVFL)
lab-check-json-file = 收到一条 JSON 消息，其中 “{ $field }” 是 { $file } 的 base64 编码
lab-progress-count = { $now } / { $count }
