//! The Chinese of every note in [`super::text::NOTES`], same ids, same
//! placeables, for students: a socket term keeps its usual Chinese name with
//! the C call beside it (监听 listen()); code identifiers stay as they are.
//! ASCII terms stand between spaces, so the wrapper never cuts one apart.

/// (id, text), in the order of `NOTES`; a test checks that both hold the same ids.
pub const NOTES_ZH: &[(&str, &str)] = &[
    // 整个程序。
    ("code-header", "{ $name }：{ $kind } { $address }，回复模式 { $reply }：{ $replydoc }。"),
    ("code-header-peer", "默认对端：{ $peer }。"),
    (
        "code-header-rules",
        "{ $name }：{ $kind } { $address }，按它的 { $rules } 条规则回答；消息按 { $framing } 分帧。",
    ),
    ("code-generated-py", "由 socklab 生成（socklab code FILE.ron --lang python）。用 python3 运行，按 Ctrl+C 停止。"),
    (
        "code-generated-rs",
        "由 socklab 生成（socklab code FILE.ron --lang rust）。把它放进一个新 crate（cargo new）的 \
         src/main.rs，并在该 crate 的 Cargo.toml 的 [dependencies] 下加上这一行：",
    ),
    (
        "code-generated-rs-lines",
        "由 socklab 生成（socklab code FILE.ron --lang rust）。把它放进一个新 crate（cargo new）的 \
         src/main.rs，并在该 crate 的 Cargo.toml 的 [dependencies] 下加上这几行：",
    ),
    ("code-exit-on-error", "任何一次调用失败，程序都会打印它的 errno 信息并以退出码 1 结束。"),
    ("code-exit-now", "可能还有一个线程阻塞在读取标准输入上：os._exit() 不等它就结束程序（所有输出都已经刷新）。"),
    (
        "code-show",
        "按 socklab 的写法显示地址：127.0.0.1:9000，IPv6 写作 [::1]:9000，Unix 套接字写它的路径\
         （对端从未调用 bind() 时写 (unnamed)）。",
    ),
    ("code-resolve", "把 host:port 变成套接字地址：主机名通过 getaddrinfo 查询，并且和 socklab 一样只用第一个地址。"),
    ("code-getaddrinfo", "getaddrinfo() 把主机名解析成地址（IPv4 或 IPv6）；和 socklab 一样，使用第一个。"),
    // 套接字 socket() 与 setsockopt()。
    (
        "code-socket-tcp",
        "创建套接字 socket()：AF_INET（IPv4）或 AF_INET6（IPv6），SOCK_STREAM 表示 TCP：\
         可靠、有序的字节流。",
    ),
    (
        "code-socket-udp",
        "创建套接字 socket()：AF_INET（IPv4）或 AF_INET6（IPv6），SOCK_DGRAM 表示 UDP：\
         一个个独立的数据报，没有连接，不保证送达，也不保证顺序。",
    ),
    (
        "code-socket-unix-stream",
        "socket(AF_UNIX, SOCK_STREAM)：和 TCP 一样是字节流，但只在本机的进程之间，\
         用文件路径而不是 IP 地址和端口来寻址。",
    ),
    (
        "code-socket-unix-dgram",
        "socket(AF_UNIX, SOCK_DGRAM)：本机进程之间的数据报，用文件路径寻址。和 UDP 不同，它们既不会丢失，也不会乱序。",
    ),
    (
        "code-options",
        "套接字选项：在 socket() 之后、绑定 bind() 或连接 connect() 之前调用 setsockopt()，和 socklab 设置的一样。",
    ),
    (
        "code-opt-reuseaddr",
        "SO_REUSEADDR：即使这个端口的旧连接还处于 TIME_WAIT（关闭后约一分钟），也能绑定它，服务器因此可以立即重启。只有在 bind() 之前设置才有效。",
    ),
    (
        "code-opt-reuseport",
        "SO_REUSEPORT：只要每个套接字都设置了它，多个套接字就可以绑定同一个端口；内核把连接或数据报分给它们。",
    ),
    (
        "code-opt-v6only",
        "IPV6_V6ONLY：这个 IPv6 套接字拒绝 IPv4 对端；关闭时，[::] 也接受 IPv4，显示为 ::ffff:a.b.c.d。",
    ),
    ("code-opt-nodelay", "TCP_NODELAY：关闭 Nagle 算法，小块写入立即发出，而不是等着和后面的数据合并。"),
    ("code-opt-keepalive", "SO_KEEPALIVE：对空闲的连接发送探测，对端消失了能被发现，而不是永远等下去。"),
    (
        "code-opt-keepidle",
        "TCP_KEEPIDLE：静默多少秒后发出第一个保活探测。只有打开 SO_KEEPALIVE 才会发送探测，所以它也一并打开。",
    ),
    (
        "code-opt-keepintvl",
        "TCP_KEEPINTVL：对端不应答时，两次保活探测之间的秒数。只有打开 SO_KEEPALIVE 才会发送探测，所以它也一并打开。",
    ),
    ("code-opt-sndbuf", "SO_SNDBUF：内核的发送缓冲区。Linux 会把请求的值翻倍，多出的部分用于内部记账。"),
    ("code-opt-rcvbuf", "SO_RCVBUF：内核的接收缓冲区，也就是 TCP 的窗口。Linux 会把请求的值翻倍。"),
    (
        "code-opt-linger",
        "SO_LINGER：关闭 close() 时如何处理尚未发出的数据。打开并设为 0 秒时，close() 用 RST 而不是 FIN 中止连接。",
    ),
    ("code-opt-ttl", "IP_TTL（IPv6 上是 IPV6_UNICAST_HOPS）：数据包被丢弃之前最多能经过多少个路由器。"),
    ("code-opt-broadcast", "SO_BROADCAST：允许向广播地址发送，例如 255.255.255.255。"),
    (
        "code-opt-mcast_ttl",
        "IP_MULTICAST_TTL（IPv6 上是 IPV6_MULTICAST_HOPS）：组播数据报能传多远；1 表示只留在本地网络。",
    ),
    ("code-opt-mcast_loop", "IP_MULTICAST_LOOP：我们发出的组播数据报是否也投递给本机。"),
    (
        "code-opt-join",
        "IP_ADD_MEMBERSHIP（IPV6_JOIN_GROUP）：加入组播组，发往该组的数据报就会到达这里。C 的 struct ip_mreq 保存组地址和网络接口（0.0.0.0：由内核选择）。",
    ),
    ("code-opt-leave", "IP_DROP_MEMBERSHIP（IPV6_LEAVE_GROUP）：离开先前加入的组播组。"),
    (
        "code-opt-rcvtimeo",
        "SO_RCVTIMEO：阻塞的接收 recv() 或接受连接 accept() 在这么长时间内等不到数据就放弃，返回 EAGAIN。C 的 struct timeval 保存秒和微秒。",
    ),
    (
        "code-opt-sndtimeo",
        "SO_SNDTIMEO：阻塞的发送 send() 在这么长时间内等不到发送缓冲区的空间就放弃。C 的 struct timeval 保存秒和微秒。",
    ),
    ("code-opt-skipped", "这里不设置 { $option }（{ $reason }）；socklab 也拒绝它。"),
    ("code-opt-bad-value", "不设置 { $option }：{ $value } 不是它接受的值。"),
    ("code-opt-readonly", "{ $option } 是只读的：getsockopt() 可以读取，setsockopt() 不能修改。"),
    ("code-opt-group-family", "不设置 { $option } { $group }：这个组不属于本套接字的地址族。"),
    (
        "code-patient",
        "设置了 SO_RCVTIMEO 后，阻塞的 accept() 或 recv() 在时间内没有收到任何东西就以 EAGAIN 放弃。\
         socklab 自己的套接字从不阻塞，所以这里超时只意味着：再等一次。",
    ),
    // 服务器。
    (
        "code-bind-server",
        "绑定 bind() 给套接字一个本地地址。127.0.0.1（或 ::1）只限本机；\
         0.0.0.0（或 ::）是本机所在的所有网络。端口 0 请内核任选一个空闲端口。",
    ),
    (
        "code-bind-unix",
        "绑定 bind() 在这个路径上创建套接字文件。如果那里已经有文件（例如被杀掉的服务器留下的），\
         就会以 EADDRINUSE 失败：删掉它再启动。",
    ),
    (
        "code-listen",
        "监听 listen() 让它成为服务器。积压队列 backlog（{ $backlog }）是已完成三次握手、\
         等待 accept() 的连接最多能有多少个。",
    ),
    ("code-getsockname", "getsockname()：套接字实际得到的地址（端口为 0 时，就是内核选的端口）。"),
    (
        "code-accept",
        "接受连接 accept() 等待下一个完成握手的客户端，并返回一个只属于该客户端的新套接字；\
         监听套接字继续监听。",
    ),
    ("code-thread", "每个客户端一个线程，慢的客户端不会拖住其他客户端。"),
    ("code-into-std", "socket2 已经设置好选项，剩下的交给标准库的类型。"),
    (
        "code-recv",
        "接收 recv() 返回已经到达的字节，至少一个。TCP 是字节流：对端的一次 send() \
         可能分成几次 recv() 到达，几次 send() 也可能一次到达。",
    ),
    ("code-recv-eof", "recv() 没有返回任何字节：对端已经关闭了它那一侧（发来了 FIN）。"),
    (
        "code-sendall",
        "内核的发送缓冲区满时，发送 send() 可能只接收一部分数据：sendall() 反复调用它，直到每个字节都被接收。",
    ),
    (
        "code-write-all",
        "内核的发送缓冲区满时，发送 send()（write）可能只接收一部分数据：write_all() \
         反复调用它，直到每个字节都被接收。",
    ),
    ("code-close", "关闭 close() 套接字会发送 FIN：客户端的 recv() 返回 0。"),
    ("code-echo", "回显：把到达的字节原样发回，按它们到达时的分块。"),
    ("code-echo-eof", "客户端的流结束时，我们也关闭，和 socklab 的回显一样。"),
    ("code-lock", "锁住客户端列表。如果某个线程持锁时 panic 了，列表仍然可用：照样取出它（PoisonError::into_inner）。"),
    ("code-clients", "所有已连接的客户端，以便把一行发给他们每一个；一把锁保护这个列表。"),
    ("code-register", "在客户端的线程启动之前把它加入列表，这样从现在起发出的内容它一条也不会错过。"),
    ("code-chat-lines", "TCP 不知道什么是“行”：把字节收集起来直到收到换行，再把整行转发出去，前面加上发送者的地址。"),
    ("code-chat-long", "一行一直不结束时，到 { $maxline } 字节也照样转发，内存因此有上限。"),
    (
        "code-chat-relay",
        "持有锁时发给其他每个客户端，两行就不会交错。一个不再读取的客户端会在这里拖住其他人；\
         socklab 的做法是停止读取那个客户端。",
    ),
    ("code-daytime", "Daytime（RFC 867）：把日期和时间作为一行文本发送，然后关闭。"),
    (
        "code-daytime-utc",
        "标准库没有时区，所以这里报的是 UTC（socklab 报本地时间；chrono crate 也能做到）。\
         这段计算把 1970-01-01 以来的天数换算成日历日期。",
    ),
    (
        "code-http-head",
        "HTTP/1.1 请求头以一个空行结束：\\r\\n\\r\\n。一直读到它到达（或请求头超过 { $maxhead } 字节），\
         回答一次，然后关闭。",
    ),
    ("code-http-answer", "回答：状态行、响应头、一个空行，然后是正文。Content-Length 告诉浏览器正文在哪里结束。"),
    ("code-print-recv", "按到达的样子打印每次 recv()，你就能看到 TCP 的流在哪里被切开。"),
    ("code-stdin-to-all", "在标准输入中键入的每一行都发给所有已连接的客户端。"),
    ("code-none-eof", "客户端的流结束时，我们也关闭（socklab 会保持半关闭状态，让你还能回答）。"),
    // 客户端。
    (
        "code-connect-unix",
        "连接 connect() 找到在这个路径上监听的服务器：没有人监听时是 ECONNREFUSED，\
         没有这个文件时是 ENOENT。",
    ),
    ("code-connect", "连接 connect() 与服务器完成三次握手，{ $timeout } 秒后放弃。"),
    ("code-client-threads", "同时做两件事：一个线程发送标准输入，主线程打印收到的内容。"),
    ("code-shutdown", "输入结束时，shutdown(SHUT_WR) 发送 FIN：服务器看到我们的流结束了，而我们仍能收到它最后的回复。"),
    ("code-client-eof", "recv() 没有返回任何字节：服务器已经关闭连接，我们也就结束了。"),
    ("code-status-stderr", "状态行写到标准错误，标准输出只包含对端发来的内容。"),
    // 数据报。
    (
        "code-bind-udp",
        "绑定 bind() 给套接字一个地址。UDP 没有 listen() 也没有 accept()：任何人的数据报\
         都到达这一个套接字。端口 0 请内核任选一个空闲端口。",
    ),
    ("code-bind-unix-dgram", "绑定 bind() 在这个路径上创建套接字文件，别人才能向它发送（并回答我们）。"),
    (
        "code-dgram-connect",
        "在数据报套接字上连接 connect() 不发送任何东西：它设置 send() 的默认对端，并且只保留该对端的数据报。",
    ),
    (
        "code-recvfrom",
        "recvfrom() 返回一个完整的数据报以及发送者。每个数据报都是一条独立的消息：\
         不会合并也不会拆分（比缓冲区长的数据报会被截断）。",
    ),
    ("code-echo-datagram", "回显：把数据报发回给发送它的人。"),
    ("code-print-datagram", "打印每个数据报及其发送者。"),
    ("code-unix-unnamed", "从未绑定路径的发送者无法被回答：它没有可以发送到的地址。"),
    ("code-dgram-stdin", "标准输入的每一行作为一个数据报发送。"),
    ("code-dgram-wait", "数据报没有“流结束”：输入结束后，等到 { $wait } 秒内没有任何东西到达，再停止。"),
    ("code-dgram-no-reply", "没有绑定路径，就没人能回答这个套接字：发送完输入就停止。"),
    (
        "code-udp-refused",
        "在已连接的 UDP 套接字上，对端返回的 ICMP “端口不可达”会在之后的某次调用中表现为 ECONNREFUSED：\
         那里没有程序在监听。",
    ),
    ("code-unix-cleanup", "close() 之后套接字文件仍然存在：删除它，下次对这个路径的 bind() 才能成功。"),
    // 分帧与规则。
    (
        "code-framer-delimited",
        "TCP 是字节流：recv() 返回已到达的任何内容，可能是半条消息，也可能是好几条。分帧器保留已收到的部分，\
         每凑齐一条完整消息（直到并包括 DELIMITER）就交出去。超过 MAX_FRAME 的消息会被拒绝，\
         这样一个从不发送分隔符的对端也撑不满内存。",
    ),
    (
        "code-framer-fixed",
        "TCP 是字节流：recv() 返回已到达的任何内容，可能是半条消息，也可能是好几条。分帧器保留已收到的部分，\
         每次交出正好 FRAME_SIZE 字节的消息。",
    ),
    (
        "code-framer-length",
        "TCP 是字节流：recv() 返回已到达的任何内容，可能是半条消息，也可能是好几条。每条消息以 HEADER \
         字节的长度开头；分帧器等到这么多字节到齐，再交出整条消息。长度超过 MAX_FRAME 会被拒绝，\
         这样一个声称要发 4 GB 的对端也撑不满内存。",
    ),
    ("code-oversize-resync", "太长：跳过它，继续处理下一条消息。"),
    ("code-oversize-close", "太长：停止读取，并关闭连接。"),
    ("code-oversize-split", "太长：把它分成每块最多 MAX_FRAME 字节交出去。"),
    (
        "code-line-end",
        "消息中的那一行：不带它的 \\n 或 \\r\\n。line_end() 是它原来的行尾（没有时为 \\n），\
         回复因此和对端的行以同样的方式结尾。",
    ),
    ("code-hex-match", "十六进制模式：每个字节有一个值和一个掩码，掩码标出必须匹配的位（?? 匹配任意字节）。"),
    ("code-rules-seq", "每条规则触发了多少次，用于 ${seq}：所有客户端一起计数。"),
    ("code-time-local", "本地时间，按 socklab 写 ${time} 的格式：2024-05-01T12:00:00.000+02:00。"),
    ("code-crc16", "CRC-16/MODBUS：多项式 0xA001（0x8005 的反射），初值 0xFFFF；低字节先发。"),
    ("code-crc16-ccitt", "CRC-16/CCITT-FALSE：多项式 0x1021，初值 0xFFFF，不反射。"),
    ("code-crc32", "CRC-32，与 zlib、以太网和 PNG 的算法相同。"),
    (
        "code-rules",
        "对每条消息按顺序尝试这些规则：第一条匹配的规则作答，只有它说 continue 时才继续尝试后面的规则。\
         结果表示是否关闭连接。",
    ),
    ("code-rules-greet", "新连接建立、还没有任何消息到达时作答的规则。"),
    ("code-rules-oversize", "用于超过 MAX_FRAME、被分帧器拒绝的消息的规则。"),
    ("code-rules-frames", "分帧器从到达的数据中切出的每条完整消息都经过这些规则。"),
    ("code-rules-datagram", "每个数据报就是一条消息：规则回答它的发送者。"),
    (
        "code-regex-compile",
        "每个模式只编译一次，在第一条消息需要它时编译（LazyLock）。socklab 载入文件时已用同一个 regex crate \
         检查过它，所以一定能编译。",
    ),
    ("code-regex-group", "一个捕获组的字节；这个组没有参与匹配时为空。"),
    (
        "code-time-utc",
        "${time}：标准库没有时区，所以这里写的是 UTC（socklab 写本地时间，2024-05-01T12:00:00.000+02:00；\
         chrono crate 也能做到）。",
    ),
    ("code-random", "随机字节来自内核（/dev/urandom），和 Python 的 os.urandom() 读的一样：标准库自己没有随机数。"),
    ("code-crc32-rs", "CRC-32，与 zlib、以太网和 PNG 的算法相同：多项式 0xEDB88320（反射），初值和结果都取反。"),
    ("code-relay-alone", "relay：只有服务器才有别的客户端可转发，所以这里什么也不发。"),
];
