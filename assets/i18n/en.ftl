# socklab's English text. Every message here has its twin in zh-CN.ftl, with
# the same attributes and the same variables (a test checks).
#
# - Ids are kebab-case and start with the panel or module they belong to
#   (welcome-, menu-, log-, cli-, errno-…); the code uses them as literals.
# - { $name } is user data or a name (an address, a path, EADDRINUSE): it is
#   shown as it is. Numbers given as numbers get thousands separators.
# - Icons that start a button (▶ + ↗) are added by the code, not here.

## Names used inside other messages (they match the buttons that show them).

kind-tcp-client = TCP client
kind-udp = UDP socket
kind-tcp-server = TCP server
kind-unix-server = Unix stream server
kind-unix-client = Unix stream client
kind-unix-datagram = Unix datagram socket
# The endpoint list's button that adds a Unix stream server.
kind-unix-socket = Unix socket

## The welcome page (src/ui/welcome.rs): the centre when nothing is selected.

welcome-title = Welcome to socklab
welcome-step-start = 1. Start a server:
# The start button when the workspace has no server (the code puts ▶ before it).
welcome-start-echo = Start an echo server on { $address }
# The start button for the workspace's own server, listed but not running.
welcome-start-listed = Start { $name } on { $address }
welcome-start-hover = A server on this machine (127.0.0.1): the first step of every lesson
welcome-running = 1. ✔ { $name } is running on { $address }.
welcome-step-client = 2. Connect a client: "+ { kind-tcp-client }" is aimed at the server, { $address }.
welcome-step-datagrams = 2. Send it datagrams: "+ { kind-udp }", port 0, default peer { $address }.
welcome-step-send = 3. Type a message and press Enter: watch it arrive, and every step in the event log below.
welcome-pop-out = Pop an endpoint out (↗) to chat between two windows side by side.
welcome-reopen = Reopen the last workspace: { $path }
# The name a new echo server gets in the endpoint list.
welcome-echo-server-name = Echo server :{ $port }

## The menu bar (src/app/menus.rs).

# Before the language names, which are always written in their own language.
menu-language = Language:
    .hint = Every text switches at once; socklab remembers the choice.
menu-file = File
menu-new-workspace = New workspace
    .keys = Ctrl+N
menu-open = Open…
    .keys = Ctrl+O
menu-save = Save
    .keys = Ctrl+S
menu-save-as = Save as…
    .keys = Ctrl+Shift+S
menu-recent = Recent
menu-recent-none = (none yet)
menu-quit = Quit
menu-endpoints = Endpoints
# $kind is a kind's name (kind-tcp-server …).
menu-new-endpoint = New { $kind }…
menu-view = View
menu-dark-theme = Dark theme
menu-event-log = Event log
menu-inspector = Inspector
menu-theme-light = ☀ Light
menu-theme-dark = 🌙 Dark
# The open workspace's name, at the right of the menu bar.
menu-workspace = workspace: { $title }
menu-zoom-hint = Zoom (Ctrl + / Ctrl − / Ctrl 0)
# $percent is the zoom now, "150".
menu-zoom-now = Zoom { $percent } %  (Ctrl + / Ctrl − / Ctrl 0)
menu-zoom-out = Zoom out
menu-zoom-in = Zoom in

## The lab panel (src/ui/lab.rs) and the Labs menu: the panel's own words. The lab's
## title, steps and hints are the lab's text.

# The code puts 🎓 before it.
labpanel-menu = Labs
labpanel-menu-none = (no labs found next to socklab)
labpanel-menu-loading = (looking for labs…)
labpanel-close = Close the lab
    .hint = Hide the lab panel; the workspace stays open
labpanel-skip = Skip step
    .hint = Pass over this step without its check (e.g. it cannot be done on this machine)
labpanel-start-over = Start over
    .hint = Back to the first step; what is already true (a server listening) ticks at once
# The code puts ✔ before it.
labpanel-complete = Lab complete: every step is done.
labpanel-hint = Hint
labpanel-kicker = Lab
# $what is what the current step's check waits for (the lab's words).
labpanel-waiting-for = Waiting for: { $what }
labpanel-skipped = (skipped)
labpanel-progress = { $done } of { $total } steps done

## The window's frame (src/app/frame.rs): the notice's button, the status bar, the
## centre's heading and what it offers when an endpoint failed.

frame-dismiss = Dismiss
statusbar-idle = idle
# $ms has one decimal: "1.5".
statusbar-frame = { $events } events in { $ms } ms
statusbar-endpoints = { $count ->
    [one] { $count } endpoint
   *[other] { $count } endpoints
}
# $endpoints is statusbar-endpoints, $frame statusbar-idle or statusbar-frame.
statusbar-line = { $endpoints } · { $events } events applied · last frame: { $frame } · waiting: { $waiting }
frame-endpoint-removed = This endpoint was removed.
# $conn is the connection's number.
frame-heading-connection = { $name } — connection #{ $conn }
frame-heading-all-clients = { $name } — all clients
# The code puts ↻ before it.
frame-try-again = Try again
    .hint = Start it again with the same settings
# $address is the same address with port 0.
frame-use-free-port = Use a free port instead
    .hint = Start it on { $address }: the OS picks a port nobody uses

## The inspector (src/ui/inspector.rs, its options table src/ui/option_table.rs): an endpoint's addresses, counters, plot and socket options.

# $mode is the reply mode's name (echo, chat …).
inspector-reply = reply: { $mode }
inspector-throughput = Throughput
inspector-socket-options = Socket options
inspector-local = Local
    .hint = getsockname(): this socket's own address
inspector-peer = Peer
    .hint = getpeername(): the other end of the connection
inspector-peer-none-listening = none: a listening socket has no peer (pick a connection)
inspector-peer-none-datagram = none: each datagram names its own
# The code puts ⚠ before it.
inspector-all-interfaces = bound to all interfaces: reachable from the network
inspector-in = in (recv)
inspector-out = out (send)
inspector-bytes = bytes
inspector-calls = calls
inspector-rate = rate
inspector-server-conns = { $connected } connected, { $closed } closed
inspector-lost = datagrams lost: { $engine } by socklab, { $kernel } by the kernel
    .hint = The kernel's count comes from SO_RXQ_OVFL (Linux): datagrams that arrived while the receive buffer was full
inspector-lost-unreported = datagrams lost: { $engine } by socklab, 0 reported by the kernel
inspector-echo-dropped = echoes not sent: { $count } (the send buffer was full)
    .hint = UDP has no flow control: when sendto() would block, an echo is dropped rather than stalling the socket
# The code puts ⏳ before it.
inspector-still-counting = still counting: the burst may add to these
    .hint = The kernel's count is read again once no datagram has come for a moment; then received + lost is what was sent
inspector-kernel-dropped = The kernel dropped datagrams because this socket's receive buffer was full: raise SO_RCVBUF below (UDP has no flow control).
inspector-plot-seconds-ago = seconds ago
inspector-plot-per-second = per second
inspector-plot-in = in
inspector-plot-out = out
# $conn is the connection's number.
inspector-showing-connection = Showing connection #{ $conn }'s socket. Values read back with getsockopt().
inspector-showing-listening = Showing the listening socket (accepted connections inherit most of these). Values read back with getsockopt().
inspector-showing-socket = Showing this socket. Values read back with getsockopt().
inspector-read-options = Read options
inspector-col-option = option
inspector-col-value = asked → kernel
inspector-col-change = change
# Why an option cannot be changed: the short word in the table, the rest on hover.
inspector-why-closed = closed
    .hint = the socket is closed
inspector-why-read-only = read-only
    .hint = read-only: the kernel reports it
inspector-why-before-bind = before bind() only
    .hint = before bind() only: set it in the New endpoint form
inspector-read-again = Read all again
    .hint = getsockopt() for every option
inspector-no-group = no group joined
inspector-on = on
inspector-off = off
inspector-set = Set
    .hint = setsockopt(), then read it back
# The code puts ⏺ before these.
inspector-recording = recording to { $path }
inspector-stop-recording = Stop recording
inspector-record = Record to file…
    .hint = Write every byte sent and received, with time, direction and peer, to a file

## The inspector's "Framing & rules" (src/ui/rules_editor.rs). A rule is written in the
## command line's syntax (MATCH => ACTION): its keywords stay as they are.

rules-section = Framing & rules
rules-framing = Framing
rules-kind-raw = raw: each recv()
rules-kind-line = line (\n or \r\n)
rules-kind-delimiter = delimiter (hex)
rules-kind-fixed = fixed length
rules-kind-length = length-prefixed
rules-delimiter = delimiter
rules-delimiter-hint = hex, e.g. 0d 0a
rules-bytes = bytes
rules-counts-header = the length counts its header
rules-limit = Frame limit
rules-oversize = Oversize
rules-datagram-note = A datagram is already one message: no framing.
rules-note = Tried in order on each message: MATCH => ACTION, as in exact:ping => reply:pong\n
# A rule's field, named for screen readers: "Rule 2".
rules-rule = Rule { $number }
# An example rule in the empty field: ${1} and ${eol} are the rule language's variables.
rules-rule-hint = regex:^(.+)$ => reply:Hello, ${"{"}1{"}"}!${"{"}eol{"}"}
rules-fired = fired { $count }
rules-not-applied = not applied yet
rules-move-up = Move up
rules-move-down = Move down
rules-remove = Remove this rule
# The code puts + before it.
rules-add = Add rule
rules-apply = Apply
    .hint = Use this framing and these rules now (the fired counts start again)
rules-revert = Revert
rules-fix-first = Fix the marked fields: nothing is applied while one is wrong.
# $problem is the rule parser's own words.
rules-at-character = at character { $position }: { $problem }

## The centre's Code tab (src/ui/code.rs). The program itself is the code generator's.

# The code puts 💬 before it.
code-tab-conversation = Conversation
    .hint = What was sent and received
# The code puts </> before it.
code-tab-code = Code
    .hint = The same endpoint as a program to take home, in Python or Rust
# The code puts ⇅ before it.
code-tab-sequence = Sequence
    .hint = The connection as a sequence diagram: handshake, data, FIN, RST and TCP states
# The code puts 📋 before it.
code-copy = Copy
    .hint = Copy the whole program to the clipboard
code-run-python = Save it as a .py file and run it with python3 (e.g. python3 echo.py).
# $dependency is the Cargo.toml line, e.g. socket2 = "0.6".
code-run-rust = Make a crate (cargo new prog), put this in src/main.rs, add { $dependency } under [dependencies], then: cargo run
code-cannot = No program can be written for this endpoint as it is set up:

## An endpoint's or a connection's state (src/model/endpoint.rs), on its badge.

status-idle = not started
status-starting = starting
status-listening = listening
status-bound = bound
status-connected = connected
status-half-closed = half-closed
status-closed = closed
status-error = error

## Shared pieces of the panels (src/ui/style.rs).

# A call that failed, with its errno name: "⚠ bind() failed: EADDRINUSE" (the code puts ⚠ before it).
style-call-failed = { $call } failed: { $errno }
style-call-failed-plain = { $call } failed
style-why = Why and what to do: { $hint }
style-byte-count = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
# A large count, then the same in a unit read at a glance: "65,536 bytes (65.5 kB)".
style-byte-count-big = { $count } bytes ({ $size })
style-peer-closed = peer closed its side (CLOSE_WAIT)
style-we-shut = we closed our side (shutdown SHUT_WR): the peer can still send
style-both-shut = both sides sent FIN: closing

## The endpoint list (src/ui/endpoints.rs), on the left.

endpoints-title = Endpoints
endpoints-empty = Nothing open yet. Start a server, then connect a client to it.
endpoints-all-interfaces = all interfaces: reachable from the network
endpoints-stop = Stop
endpoints-close = Close
# The code puts ▶ before it.
endpoints-start = Start
endpoints-start-again = Start again
    .hint = Open it with the same settings
endpoints-remove = Remove
    .hint = Take it off the list (and out of the workspace)
# The code puts ↗ after it.
endpoints-pop-out = Pop out
    .hint = Open in its own window
endpoints-more = Everything this endpoint can do
endpoints-menu-stop = Stop server (close every connection with FIN)
endpoints-menu-stop-rst = Stop server, abort every connection (RST)
endpoints-menu-close-fin = Close (FIN)
endpoints-menu-half-close = Half-close (shutdown SHUT_WR)
endpoints-menu-abort-rst = Abort (RST, SO_LINGER 0)
endpoints-menu-close = Close the socket
# The code puts ▶ before it.
endpoints-menu-start = Start it
endpoints-menu-start-again = Start again with the same settings
endpoints-menu-remove = Remove from list
endpoints-menu-pop-out = Pop out into its own window
endpoints-no-clients = no clients connected
endpoints-all-clients = All clients ({ $count })
endpoints-disconnect-fin = Disconnect (FIN)
endpoints-disconnect-rst = Abort (RST)
endpoints-more-conns = … and { $count } more

## The bottom dock's tabs (src/ui/dock.rs).

dock-log = Event log
# The log's tab, with how many entries it holds.
dock-log-rows = { dock-log } ({ $rows })
dock-inspector = Inspector
dock-lab = Lab
dock-fold = Fold the panel down
dock-unfold = Open the panel

## The event log (src/ui/event_log.rs): its filters. The entries' words come from the engine.

# Before the choice of endpoint: "show [all endpoints]".
log-show = show
log-all-endpoints = all endpoints
log-kind-lifecycle = lifecycle
log-kind-connections = connections
log-kind-data = data
log-kind-options = options
log-kind-errors = errors
# The search field's placeholder (the code puts 🔍 before it).
log-filter = filter
log-filter-clear = Clear the filter
log-dropped = ({ $count } older entries dropped)

## The lesson page (src/ui/lesson.rs). The lesson itself is the workspace's text.

# Above the lesson's title, and the menu bar's button (the code puts 📖 before it).
lesson-kicker = Lesson
lesson-button-hint = Show this workspace's lesson: what it teaches and the steps to try
lesson-teaches = What it teaches
lesson-steps = Try it
lesson-close = Close the lesson
    .hint = Show the selected endpoint, or the welcome page

## The "new endpoint" form (src/ui/new_endpoint/): fields, hints and the errors its checks give.

form-title = New { $kind }
form-options = Options set before bind()/connect()
form-kind = Kind
form-name = Name
form-path = Path
form-peer = Default peer
form-peer-hint-inet = optional, host:port
form-peer-hint-path = optional, path
form-peer-note = set: connect() so send() needs no address
form-after-fin = After the peer's FIN
form-keep-half-open = keep half-open connections
    .off = off: a connection whose peer closed its side is closed once nothing is left to send it, as netcat does
    .on = on: it stays open in CLOSE_WAIT, so you can still send to the peer, until you close it (right-click)
form-bind-host = Bind to host
form-connect-host = Connect to host
# Tooltips of the host buttons under "Bind to host" (127.0.0.1, ::1, 0.0.0.0, ::).
form-host-loopback = this machine only (safe default)
form-host-loopback-v6 = this machine only, IPv6
form-host-any-v4 = every IPv4 interface: reachable from the network
form-host-any-v6 = every IPv6 interface: reachable from the network
# The code puts ⚠ before it.
form-all-interfaces = All interfaces: other machines on the network can connect.
form-port = Port
form-port-zero = 0 lets the OS pick a free port
form-reply = Reply mode
# The placeholder of an option's value.
form-option-value = value
form-before-bind = before bind only
# The code puts ▶ before it.
form-start = Start
form-fix-first = fix the fields marked ⚠ first
form-cancel = Cancel
form-error-name = give the endpoint a name
form-error-path-empty = the socket path is empty
form-error-path-long = Unix socket paths must be shorter than 108 bytes
form-error-host-empty = the host is empty: e.g. 127.0.0.1
form-error-host-spaces = '{ $host }' contains spaces
form-error-client-port-zero = a client must connect to a real port, not 0
# $why: the engine's reason the option has no meaning on this socket.
form-error-not-applicable = does not apply: { $why }

## socklab's own file picker (src/ui/file_picker/), when no desktop dialog opens, and the dialogs' titles (src/app/dialogs.rs).

picker-title-open = Open workspace
picker-title-save = Save workspace
picker-title-send-file = Send a file
picker-title-export = Export conversation
picker-title-record = Record traffic to
picker-title-export-ladder = Export sequence diagram
picker-open = Open
picker-save = Save
picker-choose = Choose
picker-export = Export
picker-record = Record
picker-cancel = Cancel
# The code puts ⚠ before it. $reason: why no dialog opened (dialog-… below).
picker-no-dialog = No file dialog opened: { $reason }. Type the path here instead, or pick it from the list.
picker-path = Path
picker-path-hint = /home/you/lesson.ron — Tab completes
# The code puts ⬆ before it.
picker-up = Parent folder
picker-reading = reading the folder…
picker-empty-folder = (empty folder)
picker-more = … and { $count } more: type the start of a name
picker-error-empty = type a path, or pick a file in the list
picker-error-folder-given = { $path } is a folder: add a file name after the '/'
picker-error-still-listing = { $path } is still being read: try again in a moment
picker-error-is-folder = '{ $name }' is a folder: open it with a '/' after it, or pick a file
picker-error-no-such-file = there is no file named '{ $name }' in { $path }: check the name (Tab completes it)
dialog-no-bus-no-zenity = there is no desktop file dialog here: no D-Bus session bus for the xdg desktop portal (DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus does not exist) and no zenity on PATH
dialog-answered-at-once = the desktop's file dialog did not open: neither the xdg desktop portal (xdg-desktop-portal with a FileChooser backend, e.g. xdg-desktop-portal-gtk) nor zenity answered
# The file type a desktop dialog offers for workspaces (*.ron).
dialog-workspace-filter = socklab workspace
# A folder the picker could not read: $error is the errno name and the OS's own words.
picker-cannot-list = cannot list { $path }: { $error }: { $fix }
picker-fix-not-found = check the path, or go up to a folder that exists
picker-fix-denied = this user may not read it: pick another folder
picker-fix-not-dir = part of the path is a file, not a folder
picker-fix-other = pick another folder

## The questions asked in a modal (src/app/prompts.rs): unsaved changes, and
## endpoints that would listen beyond this machine (src/app/exposure.rs).

unsaved-title = Unsaved changes
# $title: the workspace's file name, or "untitled".
unsaved-changes = { $title } has changes that are not saved.
unsaved-before-new = Save them before starting a new workspace?
unsaved-before-open = Save them before opening another workspace?
unsaved-before-lab = Save them before opening the lab (it opens its own workspace)?
unsaved-before-quit = Save them before quitting?
unsaved-save = Save
unsaved-discard = Don't save
unsaved-cancel = Cancel
exposure-title = This workspace would listen beyond this machine
exposure-explain = Opening it starts these endpoints, and other machines on the network could connect to them:
# One endpoint of the question: "echo — 0.0.0.0:9000: every interface, reachable from the network".
exposure-line = { $name } — { $address }: { $scope }
exposure-scope-all = every interface, reachable from the network
exposure-scope-interface = one network interface, reachable from that network
exposure-scope-loopback = this machine only
exposure-start-anyway = Start anyway
exposure-loopback = Start on 127.0.0.1 instead
    .hint = Same ports, this machine only (an IPv6 address becomes ::1). The workspace is marked changed.
exposure-dont-start = Don't start
    .hint = List them without starting them; the others start.
# A workspace never saved: its name in the title and the questions.
document-untitled = untitled

## The notices under the menu bar, from the app's tasks (src/app/workspace_ops.rs, src/app/tasks.rs).

notice-opened = Opened { $path }
notice-saved = Saved { $path }
notice-exported = Exported to { $path }
notice-opened-lab = Opened the lab { $path }
# $error: the errno name and the OS's own words.
notice-cannot-write = cannot write { $path }: { $error }
notice-settings-not-saved = The settings could not be saved to { $path }: { $error }. Check that its folder exists (or can be created) and can be written; socklab tries again when a setting changes.

## Why a workspace could not be loaded or saved (src/workspace/error.rs). $error and
## $message are the OS's or the file parser's own words; $what is the kind of file.

workspace-read = cannot read workspace { $path }: { $error }
workspace-not-a-file = cannot load workspace { $path }: it is { $what }, not a regular file: open a .ron file that socklab saved
workspace-too-large = cannot load workspace { $path }: it is { $size } bytes, and a workspace file is at most { $max } bytes (16 MiB): this is not one
workspace-syntax = cannot load workspace { $path }: line { $line }, column { $column }: { $message }
workspace-too-new = cannot load workspace { $path }: line { $line }, column { $column }: made by a newer socklab (version { $found }; this one reads up to { $current })
# "cannot load workspace w.ron: endpoint 'echo': address: no port".
workspace-invalid = cannot load workspace { $path }: { $entry } '{ $name }': { $message }
workspace-entry-endpoint = endpoint
workspace-entry-message = message
workspace-entry-lesson = lesson
workspace-write = cannot save workspace { $path }: { $error }
workspace-encode = cannot save workspace { $path }: { $message }

## What is wrong with a workspace's lesson (src/workspace/lesson.rs). title, teaches
## and steps are the file's own field names.

lesson-check-no-title = title: it is empty: a lesson needs a title, e.g. title: "A TCP echo server"
lesson-check-too-many-steps = steps: { $count } of them, and a lesson lists at most { $max }
# One of the steps, by number: "step 2".
lesson-check-step = step { $number }
lesson-check-empty-step = { $part }: it is empty: remove it or say what to try
lesson-check-too-long = { $part }: { $count } characters, and at most { $max } are shown
lesson-check-hidden = { $part }: character { $at } is U+{ $code }, a control or direction character that is not shown as text: remove it
lesson-check-hidden-lines = { $part }: character { $at } is U+{ $code }, a control or direction character that is not shown as text: remove it (a line break is written \n)
lesson-check-translation-tag = translations: "{ $tag }" is not a language socklab speaks: use { $tags }
lesson-check-translation-no-title = translations: "{ $tag }": the title is empty: translate the title too
lesson-check-translation-steps = translations: "{ $tag }" has { $count } steps and the lesson has { $want }: translate each step, in the same order

## Text encodings (src/ui/composer, src/ui/conversation, src/cli/encoding_io.rs).
## The encodings' own names (UTF-8, GBK, Big5 …) are not translated.

# The picker under text/hex/base64, and its submenu in the composer's ⋯ menu.
encoding-label = encoding
encoding-menu = encoding: { $encoding }
encoding-tip = How typed text becomes bytes and received bytes become text, for this endpoint. The bytes on the wire are never changed by it; bytes that are not text in it show as \xHH.
# "character 3 '€' (U+20AC) cannot be written in Latin-1 …": index counts from 1.
encoding-cannot-hold = character { $index } '{ $char }' (U+{ $code }) cannot be written in { $encoding }: remove it, or choose UTF-8 or GB18030, which hold every character
encoding-unknown = unknown encoding '{ $name }': use one of { $known }
# CLI: a line of stdin that was not sent.
encoding-line-not-sent = stdin line { $line }: { $reason }: this line was not sent
encoding-stdin-not-utf8 = stdin line { $line } is not UTF-8 text, so it cannot be written in { $encoding }: this line was not sent
# A message with no character of the encoding in it (the hexdump follows).
encoding-not-text = (not { $encoding } text: shown as hex)

## The inspector's TCP section (src/ui/tcp_panel.rs, src/ui/tcp_machine.rs).
## TCP state names (ESTABLISHED, TIME_WAIT …), Recv-Q, Send-Q, rtt, cwnd,
## TCP_INFO and sock_diag are the kernel's words and stay as they are.

tcp-heading = TCP (kernel)
tcp-linux-only = TCP_INFO is Linux only: the kernel's TCP state cannot be shown on this OS.
tcp-waiting = Waiting for the kernel's first report…
tcp-never-watched = No kernel report: this socket closed before it was watched.
tcp-after-close = socklab has closed its socket; the kernel still keeps the connection (sock_diag).
tcp-connections = Connections
tcp-plot-rtt = rtt (µs)
tcp-plot-cwnd = cwnd (segments)
tcp-seconds-ago = seconds ago
# A queue's bar: "Recv-Q: 12 bytes (peak 1,024 bytes)"; $now and $peak are byte counts already written out.
tcp-queue = { $label }: { $now } (peak { $peak })
# One TCP_INFO field: "RTT: 52 µs".
tcp-field = { $label }: { $value }
# The peer as the kernel sees it; $state is a TCP state name.
tcp-peer = { kernel-peer-seen }: { $state } · Recv-Q { $recv } · Send-Q { $send }
# What a screen reader says of the state machine; $now and $path are state names.
tcp-machine-describe = State machine, now: { $now }; path: { $path }

## The kernel's TCP state and TCP_INFO in words (src/net/kernel/text.rs):
## the TCP panel, the CLI's -v lines and the engine's messages.

kernel-not-available = not available on this OS: live TCP state comes from Linux's TCP_INFO and sock_diag
kernel-peer-seen = peer seen by the kernel
kernel-thread-busy = the kernel thread is busy following many connections: this one is not followed after close (its TIME_WAIT is not shown)
kernel-thread-gone = the kernel thread has stopped: connections are no longer followed after close
kernel-not-tcp = TCP state and TCP_INFO exist only for TCP sockets: this endpoint is not TCP
kernel-events-dropped = { $count } state reports from sock_diag were dropped: the program took no events for a second
kernel-too-many-followed = { $max } connections are already followed through sock_diag: this one is not (stop watching an endpoint to free room)
# "TCP state #2: ESTABLISHED → FIN_WAIT2"; $conn is " #2" or empty, $from "ESTABLISHED → " or empty.
kernel-state-change = TCP state{ $conn }: { $from }{ $to }
kernel-state-change-after-close = TCP state{ $conn }: { $from }{ $to } (sock_diag: socklab's socket is closed, the kernel still has it)
kernel-state-listen = Waiting for connections: the kernel completes handshakes and queues them for accept().
kernel-state-syn-sent = connect() sent SYN and waits for the server's SYN-ACK.
kernel-state-syn-recv = A SYN arrived and SYN-ACK went back; waiting for the client's ACK.
kernel-state-established = The handshake is done: both sides can send and receive.
kernel-state-fin-wait1 = We closed our sending side (FIN sent) and wait for the peer to acknowledge it.
kernel-state-fin-wait2 = Our FIN was acknowledged; we still read until the peer closes its side too.
kernel-state-close-wait = The peer closed its sending side (FIN received); we can still send, then should close.
kernel-state-closing = Both sides sent FIN at the same time; waiting for the ACK of ours.
kernel-state-last-ack = We closed after the peer did; waiting for the ACK of our FIN.
kernel-state-time-wait = We closed first: the kernel keeps the connection 60 s so late segments cannot confuse a new one with the same ports.
kernel-state-closed = No connection: closed, reset, or forgotten by the kernel.
# What moves a connection along one transition of the state diagram.
kernel-cause-listen = listen()
kernel-cause-connect = connect(): send SYN
kernel-cause-syn = SYN in: send SYN-ACK
kernel-cause-syn-ack = SYN-ACK in: send ACK
kernel-cause-ack = ACK in
kernel-cause-close = close(): send FIN
kernel-cause-fin = FIN in: send ACK
kernel-cause-fin-acked = ACK of FIN in
kernel-cause-timeout = 2 MSL timeout
kernel-cause-reset = RST
# Units of the TCP_INFO fields (µs stays µs).
kernel-unit-segments = segments
kernel-unit-bytes = bytes
kernel-unit-bytes-per-second = bytes/s
# Each TCP_INFO field: its short name, and (.hint) what it means.
kernel-field-state = State
    .hint = The connection's state in TCP's state machine.
kernel-field-rtt = RTT
    .hint = Smoothed round-trip time: how long a segment takes to be acknowledged.
kernel-field-rttvar = RTT variation
    .hint = How much the round-trip time jitters; it widens the retransmission timeout.
kernel-field-rto = RTO
    .hint = Retransmission timeout: how long the kernel waits for an ACK before sending again.
kernel-field-cwnd = Congestion window
    .hint = How many segments may be in flight before an ACK; grows while all goes well.
kernel-field-ssthresh = Slow-start threshold
    .hint = Below it the window doubles each round trip; set by the first loss (∞ until then).
kernel-field-mss = MSS
    .hint = Largest segment this side sends (about 65,483 on loopback, 1,448 on Ethernet).
kernel-field-unacked = Unacknowledged
    .hint = Segments sent that the peer has not acknowledged yet.
kernel-field-retrans = Retransmissions
    .hint = Segments sent again because no ACK came in time (0 on a healthy loopback).
kernel-field-bytes-acked = Bytes acknowledged
    .hint = Bytes the peer has confirmed receiving.
kernel-field-bytes-received = Bytes received
    .hint = Bytes that arrived in order from the peer.
kernel-field-delivery-rate = Delivery rate
    .hint = Recent rate at which the peer acknowledged data.
kernel-field-notsent = Held back
    .hint = Written but not sent yet: Nagle waits for an ACK, or a window is full.
kernel-field-recv-q = Recv-Q
    .hint = Received and not read by the program yet; it grows while nobody calls recv().
kernel-field-send-q = Send-Q
    .hint = Sent by the program and not acknowledged by the peer yet; it grows while the peer does not read.

## The Sequence tab (src/ui/sequence_view.rs, src/ui/sequence_rows.rs) and
## its window (src/app/sequence_windows.rs). Segment names (SYN, FIN, RST)
## and call names (send(), recv()) stay as they are.

# Icons (● ◀ ▶ ⟲ ⛶ ↗) are added by the code.
sequence-pause = Pause
    .hint = Freeze the drawing; new events are still recorded
sequence-live = Live
    .hint = Draw every event as it comes
sequence-step-back = Step back
    .hint = Draw one event fewer
sequence-step-forward = Step forward
    .hint = Draw one event more
sequence-replay = Replay
    .hint = Replay the last seconds slowly, at the speed chosen beside
sequence-speed-hint = Replay speed
sequence-presenter = Presenter
    .hint = Only the TCP state, this diagram and the conversation, large, for a class
sequence-pop-out = Diagram window
    .hint = This diagram in its own window (for a second screen)
sequence-export-svg = Export SVG…
    .hint = Save this endpoint's sequence diagrams as an SVG file, for slides and homework
sequence-no-connection = No connection yet: the diagram starts with connect() or accept().
sequence-connection = Connection
# What is drawn: "9 arrows · 12 of 14 events".
sequence-drawn = { $arrows } arrows · { $visible } of { $total } events
sequence-paused = paused: new events are recorded, not drawn
# $speed is "0.5×".
sequence-replaying = replaying at { $speed }
# How a group of sends was received: "3 sends → 1 recv".
sequence-group = { $sends ->
        [one] { $sends } send
       *[other] { $sends } sends
    } → { $recvs ->
        [one] { $recvs } recv
       *[other] { $recvs } recvs
    }
# The diagram's own window; $name is the endpoint's.
sequence-window-title = socklab — sequence — { $name }

## The sequence diagram's own words (src/model/sequence/text.rs), in the
## Sequence tab and the SVG export. Call names (connect(), recv()), segment
## names (SYN, FIN) and SO_LINGER stay as they are; $endpoint and $conn are numbers written out.

sequence-no-events = No connection events yet.
# An arrow whose segment was lost: "2 B "hi" — lost".
sequence-lost = { $arrow } — lost
sequence-inferred-legend = States in dashed boxes are inferred from the calls; solid boxes are what the kernel reported.
# The time column: "+40.2 ms", "+61.000 s" (the number already written out).
sequence-elapsed-ms = +{ $ms } ms
sequence-elapsed-s = +{ $s } s
sequence-call-connect = connect() returns
sequence-call-accept = accept() returns
# The calls beside a lane, as C writes them: the same in every language ($bytes written out).
sequence-call-send = send() = { $bytes }
sequence-call-recv = recv() = { $bytes }
sequence-call-sendto = sendto() = { $bytes }
sequence-call-recvfrom = recvfrom() = { $bytes }
sequence-call-shutdown = shutdown(SHUT_WR)
sequence-call-peer-fin = recv() = 0 (FIN)
sequence-call-close = close()
# "recv() = 6 (3 sends)": one recv() read what several send() calls wrote.
sequence-call-recv-sends = recv() = { $bytes } ({ $sends } sends)
sequence-call-close-abortive = close() with SO_LINGER 0
# $call is the call that failed, "connect()".
sequence-call-failed = { $call } failed
sequence-lost-kernel = { $kernel } dropped by the kernel
sequence-lost-engine = { $engine } dropped by socklab
sequence-lost-both = { $kernel } dropped by the kernel, { $engine } by socklab
# The lanes' headings: "this socket (#2, connection 1)", "peer (#1)".
sequence-lane-local = this socket (#{ $endpoint })
sequence-lane-local-conn = this socket (#{ $endpoint }, connection { $conn })
sequence-lane-peer = peer (#{ $endpoint })
sequence-lane-peer-conn = peer (#{ $endpoint }, connection { $conn })
sequence-lane-not-in-socklab = peer (not in socklab)
# In the title, before the addresses: "Unix stream /tmp/a.sock ↔ …".
sequence-unix-stream = Unix stream
sequence-unix-datagram = Unix datagram
sequence-dropped = { $count } older events are no longer kept

## The presenter layout (src/app/presenter.rs).

# The code puts ✖ before it.
presenter-leave = Leave presenter layout
    .hint = Back to every panel (Esc)
