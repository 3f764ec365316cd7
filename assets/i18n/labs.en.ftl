### The labs' texts in English, generated from assets/labs/*.ron: do not edit.
### After changing a lab file, regenerate it with
###     SOCKLAB_WRITE_LAB_FTL=1 cargo test --test labs english_lab_catalog
### and bring labs.zh-CN.ftl up to date with the same ids.

## Lab: chat_room.ron
lab-chat-room =
        A chat room
    .summary =
        One server socket per client, lines relayed between them, and what a server sees when a client leaves.
lab-chat-room-listen =
        Start the chat server on 127.0.0.1:9000.
    .hint =
        It starts with the workspace. The server sets SO_REUSEADDR, so it can be restarted at once after a stop.
lab-chat-room-two-clients =
        Connect two clients at the same time: the server keeps one socket for each.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9000, twice. Clients in a terminal count too: socklab connect tcp 127.0.0.1:9000.
lab-chat-room-relay =
        Send the line "hello everyone" from one socklab client: the other one receives it, after the sender's address. The sender gets nothing back.
    .hint =
        The server relays whole lines: end the message with a newline (line end \n in the composer, or the saved message "greeting"). Without the newline the server keeps waiting for the rest of the line.
lab-chat-room-leave =
        Close one client: the server's recv() on that connection returns 0, and it closes that socket.
    .hint =
        Click Close on one client (or press Ctrl+D in a terminal client). The other client stays connected.

## Lab: daytime.ron
lab-daytime =
        Daytime: the server speaks first
    .summary =
        A protocol with no request at all: the server sends one line and closes, and the client knows the answer is complete when recv() returns 0.
lab-daytime-listen =
        Start the daytime server on 127.0.0.1:9013 (port 13 is daytime's own, but ports below 1024 need root).
    .hint =
        It starts with the workspace.
lab-daytime-ask =
        Connect a socklab client and send nothing: the date and time arrive by themselves.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9013. In a terminal: socklab connect tcp 127.0.0.1:9013.
lab-daytime-closed =
        See that the server closed right after the line: the client's recv() returned 0 (the server's FIN). That is how the client knows the whole answer is there.
    .hint =
        The event log shows "recv = 0 (FIN)" on the client. Connect again for a fresh time: each connection gets one line.

## Lab: http_by_hand.ron
lab-http-by-hand =
        HTTP by hand
    .summary =
        An HTTP/1.1 request is lines of text ending with an empty line; the answer is a status line, headers, an empty line and the page.
lab-http-by-hand-listen =
        Start the HTTP server on 127.0.0.1:8080.
    .hint =
        It starts with the workspace. A browser at http://127.0.0.1:8080/ gets the same page.
lab-http-by-hand-request =
        Connect a socklab client and type a request: GET / HTTP/1.1, then Host: localhost, then an empty line. The server answers HTTP/1.1 200 OK only once the empty line has arrived.
    .hint =
        Each line ends with \r\n: in the composer, GET / HTTP/1.1\r\nHost: localhost\r\n\r\n with line end none, or the saved message "GET /".
lab-http-by-hand-another-path =
        Ask for /hello. The answer to the first request said Connection: close and the server closed, so connect a new client first. The page repeats the request line it got.
    .hint =
        New client, then GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n.

## Lab: json_file.ron
lab-json-file =
        A file as JSON + base64
    .summary =
        JSON carries text and a file is bytes: base64 turns the bytes into text, and the receiver gets exactly the same bytes back.
lab-json-file-listen =
        Start the receiver on 127.0.0.1:9006. It reads and does not answer.
    .hint =
        It starts with the workspace.
lab-json-file-connect =
        Connect a client to it: a socklab client, or your own Python program.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9006, or s = socket.create_connection(("127.0.0.1", 9006)) in Python.
lab-json-file-send =
        Send the file files/poem.txt (beside this lab) as one JSON object, {"{"}"name": "poem.txt", "data": "…"{"}"}, where data is the file's bytes in base64.
    .hint =
        In Python: data = base64.b64encode(open("poem.txt", "rb").read()).decode("ascii"), then s.sendall(json.dumps({"{"}"name": "poem.txt", "data": data{"}"}).encode() + b"\n"). Or run base64 -w0 poem.txt and paste the result into the composer.

## Lab: nagle.ron
lab-nagle =
        Nagle and TCP_NODELAY
    .summary =
        TCP keeps the bytes in order but not the boundaries between send() calls: small sends get joined, big ones get split.
lab-nagle-connect =
        Connect a socklab client to the reader on 127.0.0.1:9004. With both ends in socklab, every send() and recv() is in the log.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9004.
lab-nagle-joined =
        Send short messages quickly from the client until the reader gets two or more of them in a single recv().
    .hint =
        In the composer, type tick, check Repeat every and set it to 1 ms. With Nagle's algorithm on (the default), a small send waits while earlier data is unacknowledged, so they leave together; a reader that is a moment late also finds several waiting.
lab-nagle-nodelay =
        Turn TCP_NODELAY on for the client: small sends now leave at once, without waiting for an acknowledgement.
    .hint =
        In the inspector, turn TCP_NODELAY on for the client. The value read back from the kernel must say on.
lab-nagle-split =
        Send one big message: a file of 100 kB or more. The reader's receive buffer is small (SO_RCVBUF 4096), so one send() arrives in many recv() calls. TCP_NODELAY does not keep message boundaries either.
    .hint =
        Composer → Send file, with any file of 100 kB or more. A protocol on TCP must say where each message ends: a newline, or a length before the data.

## Lab: several_sockets.ron
lab-several-sockets =
        Several sockets at once
    .summary =
        One thread serving many clients, each as its data arrives: what select(), poll() and epoll are for.
lab-several-sockets-listen =
        Start the echo server on 127.0.0.1:9005.
    .hint =
        It starts with the workspace. Its one worker thread waits in epoll (a faster select()) for any of its sockets to be ready.
lab-several-sockets-three-clients =
        Connect three clients and keep them open.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9005, three times, or three terminals with socklab connect tcp 127.0.0.1:9005.
lab-several-sockets-all-talk =
        Send something from each of the three clients, in any order: the server answers each one as its data arrives, never stuck waiting for another.
    .hint =
        A server that blocks in recv() on its first client would leave the others waiting; select() asks the kernel which sockets have data first.
lab-several-sockets-one-leaves =
        Close one client: its socket becomes readable, recv() returns 0, and the server closes that socket while the other two go on.
    .hint =
        Click Close on one client, or press Ctrl+D in a terminal client.

## Lab: tcp_echo.ron
lab-tcp-echo =
        A TCP echo server
    .summary =
        The server's four calls (socket, bind, listen, accept), a client's connect, and a byte stream that comes back as it went.
lab-tcp-echo-listen =
        Start the echo server on 127.0.0.1:9000 and watch socket(), bind() and listen() appear in the event log.
    .hint =
        It starts with the workspace. If bind() fails with EADDRINUSE, another program has port 9000: stop it, or start the server on another port from New endpoint.
lab-tcp-echo-connect =
        Connect a client. The server's accept() returns a new socket for this one connection; the listening socket goes on listening.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9000. Any client works: socklab connect tcp 127.0.0.1:9000, ncat 127.0.0.1 9000, or Python's socket.create_connection.
lab-tcp-echo-echo =
        From a socklab client, send hello: the server sends the same bytes back, and the client's recv() returns them.
    .hint =
        Select the client, type hello in the composer and press Enter, or click the saved message "hello".
lab-tcp-echo-half-close =
        Half-close the client (shutdown with SHUT_WR): the server's recv() returns 0, it sends what it still has and closes, and then the client's recv() returns 0 too.
    .hint =
        Right-click the client → Half-close (shutdown SHUT_WR). In a terminal client, press Ctrl+D.

## Lab: time_wait.ron
lab-time-wait =
        TIME_WAIT and SO_REUSEADDR
    .summary =
        Why a server restarted at once can fail with EADDRINUSE, and how SO_REUSEADDR lets it bind again.
lab-time-wait-listen =
        Start the echo server on 127.0.0.1:9003, without SO_REUSEADDR.
    .hint =
        It starts with the workspace.
lab-time-wait-close-first =
        Connect a client, then stop the server while the client is still connected. The server closes first, so its end of the connection stays in TIME_WAIT for about a minute.
    .hint =
        New endpoint → TCP client → 127.0.0.1:9003, then click Stop on the server. If the client disconnects first, the client keeps the TIME_WAIT and the server's port is free.
lab-time-wait-in-use =
        Start the server again on 127.0.0.1:9003 at once: bind() fails with EADDRINUSE, although nothing listens there. The old connection still holds the port.
    .hint =
        Click Start again on the server. In a terminal, ss -tan | grep 9003 shows the old connection (FIN-WAIT-2 while the client is open, then TIME-WAIT).
lab-time-wait-reuse =
        Now with SO_REUSEADDR on: start a server with it on 127.0.0.1:9033, connect a client, stop the server, and start it again on 9033, with SO_REUSEADDR, within 30 seconds. This time bind() succeeds.
    .hint =
        In New endpoint, tick SO_REUSEADDR under the options set before bind(): it has to be set before bind(). Why not 9003? On Linux the old socket needs the option too, because its connections inherit it: for the connection left from the last step it is too late, so 9003 stays taken until its TIME_WAIT ends (about a minute).

## Lab: udp.ron
lab-udp =
        UDP: datagrams without connections
    .summary =
        One socket, no listen() and no accept(): each datagram arrives with its sender's address, and what does not fit is dropped.
lab-udp-bind =
        Start the UDP echo socket on 127.0.0.1:9001: socket(SOCK_DGRAM) and bind(), and nothing more.
    .hint =
        It starts with the workspace. A UDP port and a TCP port with the same number are two different ports.
lab-udp-datagram =
        Send it the datagram "ping" from another UDP socket: recvfrom() returns the data and the sender's address, and the echo goes back there with sendto().
    .hint =
        New endpoint → UDP socket on 127.0.0.1:0 with peer 127.0.0.1:9001, then send ping. In a terminal: socklab connect udp 127.0.0.1:9001, or ncat -u 127.0.0.1 9001.
lab-udp-two-senders =
        Send from a second socket as well: the same socket answers both, and only the address tells them apart.
    .hint =
        Start another UDP socket (each gets its own port), and send from it.
lab-udp-overflow =
        Flood it: make its receive buffer small (SO_RCVBUF 2048) and send thousands of datagrams at once. What does not fit is dropped by the kernel without telling anyone; socklab reads the kernel's count (SO_RXQ_OVFL).
    .hint =
        In the inspector, set SO_RCVBUF to 2048 on the echo socket. Then, in a terminal: python3 -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); [s.sendto(b'x' * 1000, ('127.0.0.1', 9001)) for _ in range(20000)]"
lab-role-server = the server
lab-role-client = the client
lab-role-datagram = the datagram socket
lab-role-any = an endpoint
lab-check-listening = a server is listening
lab-check-datagram-bound = a datagram socket is bound
lab-check-client-connected = a client started in socklab is connected
lab-check-connections = one server has { $count } connections open at once
lab-check-received = { $who } receives “{ $text }”
lab-check-received-any = { $who } receives data
lab-check-distinct-peers = one endpoint hears from { $count } different peers
lab-check-peer-closed = { $who } sees recv() return 0: the peer sent FIN
lab-check-active-close = { $who } closes a connection first (that side waits in TIME_WAIT)
lab-check-send-split = one send() arrives as two or more recv()
lab-check-sends-coalesced = several send() calls arrive in one recv()
lab-check-failed = { $call }() fails with { $errno }
lab-check-option-is = { $option } reads back as { $value }
lab-check-restarted = a server listens again on the same port within { $secs } s of closing with a connection in TIME_WAIT
lab-check-kernel-drop = the kernel drops datagrams for a full receive buffer (SO_RXQ_OVFL)
lab-check-json-file = a JSON message arrives whose “{ $field }” is the base64 of { $file }
lab-progress-count = { $now } of { $count }
