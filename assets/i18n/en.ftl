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
inspector-reply-rules = reply: { $count ->
        [one] its rule
       *[other] its { $count } rules
    }
inspector-reply-rules-then = reply: { $count ->
        [one] its rule
       *[other] its { $count } rules
    }, then { $mode }
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

## The event log's call column (src/ui/event_log.rs): what happened, where it is no C call
## (C calls — socket, bind, listen, accept, connect, send, recv … — are shown as they are).
## In English, the event's name as the command line's JSON writes it.

log-call-accept-resumed = accept_resumed
log-call-file = file
log-call-loss = loss
log-call-error = error
log-call-capture = capture
log-call-message = message
log-call-frame-error = frame_error
log-call-resync = resync
log-call-rule = rule
log-call-step = step
log-call-sequence-done = sequence_done
log-call-stopped = stopped
log-call-tcp-state = tcp_state
log-call-tcp-info = tcp_info
log-call-peer-seen = peer_seen

## The conversation (src/ui/conversation/): each send() and recv() as a bubble.

# Before the choice of Text, Hex or Both.
conversation-view = View:
conversation-text = Text
conversation-hex = Hex
conversation-both = Both
conversation-each-recv = Each recv()
    .hint = One bubble per send()/recv() call: TCP's stream boundaries as they really were
conversation-joined = Joined lines
    .hint = Chunks from the same side joined until a newline
conversation-messages = Messages
    .hint = The messages the framing cut the stream into, each with marks where the recv() chunks it came from join
# The search field's placeholder (the code puts 🔍 before it).
conversation-search = search
conversation-clear-search = Clear the search
conversation-export = Export…
conversation-export-what = The messages this view keeps:
conversation-export-text = Text
conversation-export-csv = CSV
conversation-export-json-lines = JSON lines
# The code puts ⬇ before it.
conversation-jump = Jump to latest
# $size is already a size with its unit, "1.2 MB".
conversation-dropped = { $count } older messages ({ $size }) are no longer shown; the counters still include them. Record to a file to keep everything.
# $skipped is already a size with its unit, "12 B".
conversation-frame-counts = { $frames } framed messages · { $errors } frame errors · { $resyncs } resyncs ({ $skipped } skipped)
conversation-copy = Copy
    .hint = Copy the whole message
# The code puts ▴ before it.
conversation-show-less = Show less
# The code puts ▾ before it.
conversation-show-all = Show all ({ $rows ->
    [one] { $rows } line
   *[other] { $rows } lines
})
conversation-empty-error = Nothing was sent or received: the error above stopped it.
# $address is the server's; "+ TCP client" is the endpoint list's button.
conversation-empty-server = No messages yet. Connect a client to { $address } (the "+ { kind-tcp-client }" button, or `socklab connect tcp ADDRESS`), then type below.
conversation-empty-datagram = No datagrams yet. Send one below, or send to this socket's address from another.
conversation-empty-client = No messages yet. Type below and press Enter to send.
# A bubble's header: "12:00:01.250  ⬅ recv #2 from 127.0.0.1:5000 · 6 bytes · 2 chunks".
conversation-recv = ⬅ recv
conversation-send = send ➡
conversation-from = from { $peer }
conversation-to = to { $peer }
conversation-chunks = { $count ->
    [one] { $count } chunk
   *[other] { $count } chunks
}
# A bubble's body when there is nothing to show as text.
conversation-not-utf8 = (not UTF-8: shown as hex)
conversation-empty-message = (empty)
conversation-more-lines = … { $count ->
    [one] { $count } more line
   *[other] { $count } more lines
} (Copy takes them all)
# The Messages view: a framed message's header, "⬅ message #1 · 12 bytes · 2 recv(): 5 + 7 bytes".
conversation-framed-recv = ⬅ message
# The Messages view's picker: which checksum each frame is expected to end with.
conversation-check = check trailing checksum
    .hint = Each message's last bytes (before its delimiter) are checked against this checksum of the bytes before them, in its usual byte order (CRC-16/MODBUS low byte first, the others high byte first). Only the view changes.
conversation-check-none = none
conversation-check-ok = ✔ { $checksum } ok
conversation-check-bad = ✖ { $checksum }: expected { $expected }, found { $found }
conversation-check-short = ✖ { $checksum }: only { $len ->
    [one] { $len } byte
   *[other] { $len } bytes
}, the checksum alone takes { $width }
# $sizes is the chunks' sizes, "5 + 7".
conversation-chunk-summary = { $count ->
    [one] { $count } recv()
   *[other] { $count } recv(): { $sizes } bytes
}
conversation-cut = cut: a piece of a frame over the limit
conversation-unfinished = unfinished: the stream ended first
# The code puts ⚠ before it.
conversation-frame-error = frame error
# The code puts ↻ before it.
conversation-resync = resync
conversation-resynced = framing again after skipping { $skipped ->
    [one] { $skipped } byte
   *[other] { $skipped } bytes
}
conversation-framed-datagram = A datagram is already one message: see { conversation-each-recv }.
conversation-no-framing = No framing is set, so each recv() is a message. Choose one under Framing & rules in the inspector (line, delimiter, fixed, length-prefixed) to see the protocol's messages here.
conversation-no-frames = No framed messages yet.

## The composer (src/ui/composer/): what is typed, how it becomes bytes, where it goes.

composer-format-text = text
composer-format-hex = hex
composer-format-base64 = base64
# Before the choice of line ending: none, \n or \r\n.
composer-line-end = line end:
composer-ending-none = none
composer-ending-lf = \n
composer-ending-crlf = \r\n
composer-to-all = to all { $count ->
    [one] { $count } client
   *[other] { $count } clients
}
composer-to-conn = to #{ $conn }
composer-to = to { $address }
# Before the destination field of an unconnected datagram socket.
composer-to-label = to
composer-destination = destination host:port
composer-more = Repeat, send a file, saved messages
composer-message = Message
composer-hint-text = Type a message (\n \r \t \xHH escapes) — Enter sends, Shift+Enter new line
composer-hint-hex = Hex bytes, e.g. 48 65 6c 6c 6f — Enter sends
composer-hint-base64 = Base64, e.g. aGVsbG8= — Enter sends
composer-send = Send
composer-checksum = checksum
    .hint = Append a checksum of the payload (before the line end), in the byte order devices usually use
composer-checksum-none = none
# The variables ${"{"}seq{"}"} … are the template language's: keep them as they are.
composer-template = template
    .hint = Expand variables in the text: ${"{"}seq{"}"} (1, 2, 3… per message sent), ${"{"}time{"}"}, ${"{"}time:unix{"}"}, ${"{"}time:ms{"}"}, ${"{"}random{"}"}, ${"{"}random:N{"}"} (N bytes), ${"{"}hex:0d0a{"}"}, and checksums of what comes before: ${"{"}crc16{"}"} ${"{"}crc16-ccitt{"}"} ${"{"}crc32{"}"} ${"{"}sum8{"}"} ${"{"}xor8{"}"} (add :be or :le). Write \$ for a plain $.
composer-repeat = Repeat every
    .hint = Send the message again and again until unticked
composer-ms = ms
# The code puts ⚠ before it.
composer-not-ms = not a number of ms
composer-file = file to send
composer-browse = Browse…
composer-send-file = Send file
composer-saved = Saved:
# $format is composer-format-*, $ending composer-ending-*.
composer-saved-hint = { $payload } ({ $format }, line end { $ending }) — right-click for more
composer-put-back = Put in the message box
composer-remove = Remove
# The code puts + before it.
composer-save = Save message
    .hint = Keep it in the workspace, for one-click sending
# $problem is the payload parser's words; the code puts ⚠ before it.
composer-nothing-sent = { $problem } — nothing sent
composer-closed = This endpoint is closed: nothing can be sent.
composer-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
composer-no-client = no client is connected yet
composer-no-destination = give a destination address (this socket is not connected)
# $format is composer-format-*; $problem "at character 3: …".
composer-input-error = { $format } input { $problem }
composer-template-error = template { $problem }

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
# What is wrong with an endpoint of a workspace file (src/workspace/validate.rs), after
# "endpoint 'name': ". connect_timeout, secs and nanos are the file's own words.
workspace-check-unix-path = a Unix socket needs a path, e.g. /tmp/socklab.sock (or @name for an abstract socket)
workspace-check-reply = reply mode { $reply } does not apply to a { $kind }
workspace-check-timeout = connect_timeout: { $secs } s is not between a millisecond and a day ({ $max } s): write e.g. (secs: 10, nanos: 0)
workspace-check-option = option { $problem }
# $byte is the byte in hex, 0xff.
workspace-not-utf8 = byte { $byte } is not UTF-8 text: a workspace is a text file
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

## Errors from the network engine (src/net/errors.rs). $call is the call that failed as a
## tutorial writes it, bind(127.0.0.1:9000); $errno its name, EADDRINUSE; $detail what
## the OS (or socklab) said; $hint the likely cause and what to do about it.

net-failed = { $call } failed: { $detail }
net-failed-errno = { $call } failed: { $errno } ({ $detail })
net-failed-hint = { $error }. { $hint }
# Text that is not in the catalogs (the OS's own words), shown as it is.
net-verbatim = { $text }
net-hint-resolve = The host name could not be resolved: check its spelling, or use an IP address such as 127.0.0.1.
net-hint-unix-file-exists = A file already exists at this path: if no server uses it any more, delete it and start again.
# $hint is the errno's own hint; then what socklab does while no descriptor is free.
net-hint-accept-starved = { $hint } Until accept() works again, socklab turns new clients away (accepts and closes them at once) and says when it accepts again.

## What the engine itself refuses (src/net/worker): $conn is a connection's number.

net-conn-closed = connection #{ $conn } is closed
net-sequence-pick-conn = a server runs a sequence on one of its connections: pick one
net-unix-needs-path = a Unix socket needs a path (e.g. /tmp/socklab.sock), or @name for an abstract socket
net-client-not-connected = the client is not connected
net-no-socket-open = the endpoint has no socket open
net-server-no-single-peer = a server has no single peer: pick a connection, or send to all
net-no-client = no client is connected
net-stream-no-address = a stream socket sends to its connection, not to an address
net-peer-not-reading = { $bytes } bytes are already waiting because the peer is not reading; nothing more is queued until it does
net-send-queue-full = the send queue is full: wait for it to drain
net-send-queue-full-step = the send queue is full: a sequence step was not sent
net-dgram-no-peer-for-sequence = a datagram socket runs a sequence with its default peer, and this one has none: set a peer
net-dgram-no-connection-to-shut = a datagram socket has no connection to shut down or disconnect
net-dgram-not-connected = this socket is not connected: give an address to send to (or set a default peer)
net-dgram-no-address-of-family = no address of this socket's family (IPv4/IPv6)
net-dgram-no-connections = a datagram socket has no connections: send to an address
net-udp-needs-address = a UDP socket needs an address to bind, or a peer to connect to
# $address is the socket's own address, whose family (IPv4/IPv6) the peer lacks.
net-peer-wrong-family = { $peer } has no address of the same family as { $address }
net-option-not-here = { $c_name } does not apply here: { $why }
net-option-before-bind = { $c_name } only matters before bind(), and this socket is already bound: set it in the form and start the endpoint again
net-no-addresses = the name has no addresses
net-worker-crashed = the endpoint's worker crashed: { $reason }

## Following TCP state through the kernel (src/net/kernel/text.rs).

kernel-not-available = not available on this OS: live TCP state comes from Linux's TCP_INFO and sock_diag
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

kernel-peer-seen = peer seen by the kernel
kernel-thread-busy = the kernel thread is busy following many connections: this one is not followed after close (its TIME_WAIT is not shown)
kernel-thread-gone = the kernel thread has stopped: connections are no longer followed after close
kernel-not-tcp = TCP state and TCP_INFO exist only for TCP sockets: this endpoint is not TCP
kernel-events-dropped = { $count } state reports from sock_diag were dropped: the program took no events for a second
kernel-too-many-followed = { $max } connections are already followed through sock_diag: this one is not (stop watching an endpoint to free room)
# "TCP state #2: ESTABLISHED → FIN_WAIT2"; $from is empty or "STATE → ". $source is
# sock_diag when the kernel reports a socket socklab has already closed, else socket.
kernel-state-change = TCP state{ $conn }: { $from }{ $to }{ $source ->
        [sock_diag] { " " }(sock_diag: socklab's socket is closed, the kernel still has it)
       *[socket] { "" }
    }

## The event log's lines (src/net/event_text.rs), as the log and the CLI show them. $call is
## the call as C writes it, send(#2); $preview the first bytes, quoted or in hex: keep both.

event-option-set = { $call } → kernel has { $value }
event-option-unreadable = { $call } → kernel has unreadable: { $error }
event-options-read = { $call }: { $count } options read
event-accepted = accept() → #{ $conn } from { $peer }
event-accept-resumed = accept() works again: descriptors are free ({ $refused } clients were turned away meanwhile, accepted and closed at once)
event-connected = connect({ $peer }) from { $local }
event-bytes = { $call } = { $bytes } bytes { $preview }
event-peer-closed = { $call } = 0: the peer sent FIN (closed or shut down its sending side)
event-shutdown = { $call }: FIN sent, still reading
event-closed-rst = { $call } with SO_LINGER 0: RST sent
event-endpoint-closed = close(): endpoint closed
event-file-progress = file: { $sent } of { $total } bytes queued
# $counted, $echoed and $settled are yes or no.
event-loss = loss: { $engine } datagrams dropped by socklab (the caller was too slow){ $counted ->
        [yes] , { $kernel } by the kernel (SO_RXQ_OVFL)
       *[no] { "" }
    }{ $echoed ->
        [yes] ; { $echo } echo replies not sent (the send queue was full)
       *[no] { "" }
    }{ $settled ->
        [yes] ; the socket is quiet: final until the next datagram
       *[no] { "" }
    }
event-capture = capture: recording every send and receive to { $path }
event-capture-stopped = capture: stopped
# $spans is one (the message came in one recv()) or many.
event-message = message #{ $conn }: { $bytes } bytes from { $spans ->
        [one] 1 recv()
       *[many] { $chunks } recv() chunks
    } { $preview }
event-frame-error = frame #{ $conn }: { $error }
event-resynced = frame #{ $conn }: framing again after skipping { $skipped } bytes
event-rule-fired = rule { $rule } fired on #{ $conn } ({ $count } times so far)
event-sequence-step = sequence on #{ $conn }, round { $round }, step { $step }: { $result } ({ $ms } ms)
event-sequence-done = sequence on #{ $conn }: { $summary }

## A send sequence's steps and results (src/net/sequence): the event log, `socklab run`.
## send, wait and expect are what each step does; $payload and $when (exact:PONG, regex:…)
## are the step's own text, shown as typed; $format is text, hex or base64.

sequence-step-send = send { $payload }
sequence-step-send-format = send { $format } { $payload }
sequence-step-wait = wait { $ms } ms
sequence-step-expect = expect { $when } within { $ms } ms
# $len and $passed_over are counts; $line is the message that matched.
sequence-result-sent = sent { $len } bytes
sequence-result-waited = waited
sequence-result-passed = passed: { $line }
sequence-result-passed-after = passed: { $line } ({ $passed_over } other messages before it)
sequence-result-timeout = FAILED: nothing arrived in time
sequence-result-timeout-unmatched = FAILED: { $passed_over } messages arrived, none matched in time
sequence-result-closed = FAILED: the connection closed
# $stopped is yes when the run ended by a stop or a close rather than running out of rounds.
sequence-summary = { $passed } passed, { $failed } failed in { $rounds ->
        [one] 1 round
       *[other] { $rounds } rounds
    }{ $stopped ->
        [yes] , stopped before the end
       *[no] {""}
    }
# $summary is sequence-summary.
sequence-summary-dropped = { $summary } ({ $dropped } messages arrived while no step expected one and were dropped)
event-stopped = worker stopped

## Each errno a socket call can fail with: the OS's words for it (as Linux says them in
## English), and .hint, why it happens and what usually fixes it. $call is the kind of
## call, so one errno reads right for bind, connect or send: bind, connect, send, recv,
## setsockopt or other.

errno-EADDRINUSE = Address already in use
    .hint = { $call ->
        [connect] No free local port was left for this connection: close some connections or widen the ephemeral port range.
       *[other] Another socket is already bound to this address and port: stop the other server or pick another port (0 lets the OS choose). If only old connections in TIME_WAIT hold it (ss -tan shows them), SO_REUSEADDR before bind lets a new server in; Linux requires the old server to have set it too.
    }
errno-EADDRNOTAVAIL = Cannot assign requested address
    .hint = This machine has no interface with that IP address: bind 127.0.0.1 (this machine only), 0.0.0.0 (every interface), or one of the machine's own addresses.
errno-ECONNREFUSED = Connection refused
    .hint = { $call ->
        [recv] Nothing is listening on that port: an earlier datagram was answered with ICMP port unreachable, which this connected socket reports on its next call. Start the server first, or check the port number.
        [send] Nothing is listening on that port: an earlier datagram was answered with ICMP port unreachable, which this connected socket reports on its next call. Start the server first, or check the port number.
       *[other] Nothing is listening on that address and port (the peer answered with RST): start the server first, or check the port number.
    }
errno-EACCES = Permission denied
    .hint = { $call ->
        [bind] Ports below 1024 need administrator rights on most systems: use a port from 1024 to 65535.
        [send] Sending to a broadcast address needs SO_BROADCAST on the socket: turn it on, then send again.
       *[other] The OS refused the operation for lack of permission (a firewall rule or a privileged port/option).
    }
errno-EPERM = Operation not permitted
    .hint = The OS refused the operation for lack of permission (a firewall rule or a privileged port/option).
errno-ETIMEDOUT = Connection timed out
    .hint = { $call ->
        [connect] No answer came before the timeout: the host may be down, unreachable, or a firewall drops the packets silently.
       *[other] The peer stopped answering (keepalive or retransmissions timed out): the connection is dead.
    }
errno-ECONNRESET = Connection reset by peer
    .hint = The peer aborted the connection (it sent RST): it closed with unread data, crashed, or used SO_LINGER 0.
errno-ECONNABORTED = Software caused connection abort
    .hint = The connection was aborted before it could be accepted or used.
errno-EPIPE = Broken pipe
    .hint = The connection is closed for writing (the peer closed it, or we shut down our sending side), so this data cannot be sent.
errno-EMFILE = Too many open files
    .hint = This process has too many open files and sockets: close some, or raise the limit (ulimit -n).
errno-ENFILE = Too many open files in system
    .hint = The whole system has too many open files: close some programs or raise the system limit.
errno-ENOBUFS = No buffer space available
    .hint = The OS ran out of buffer memory for sockets: send less at once or close idle sockets.
errno-ENOMEM = Cannot allocate memory
    .hint = The OS ran out of buffer memory for sockets: send less at once or close idle sockets.
errno-EHOSTUNREACH = No route to host
    .hint = There is no route to that host: check the address and that the machine is on the network.
errno-ENETUNREACH = Network is unreachable
    .hint = The network is unreachable from this machine: check the address and the network connection.
errno-ENETDOWN = Network is down
    .hint = The network is unreachable from this machine: check the address and the network connection.
errno-EINVAL = Invalid argument
    .hint = { $call ->
        [setsockopt] The OS rejected this value or this option at this point in the socket's life (some options only work before bind or connect).
        [bind] This socket is already bound, or the address does not suit this socket type.
       *[other] The OS rejected an argument of this call as invalid for this socket.
    }
errno-ENOENT = No such file or directory
    .hint = No such file: for a Unix socket, start the server that creates this path first.
errno-ENOTCONN = Transport endpoint is not connected
    .hint = The socket is not connected: connect() first, or give a destination address.
errno-EISCONN = Transport endpoint is already connected
    .hint = The socket is already connected.
errno-EAFNOSUPPORT = Address family not supported by protocol
    .hint = This address family is not supported here (e.g. IPv6 is disabled on this machine).
errno-EPROTONOSUPPORT = Protocol not supported
    .hint = This protocol is not supported for this socket type.
errno-EOPNOTSUPP = Operation not supported
    .hint = This socket type does not support the operation (e.g. listen() on a datagram socket).
errno-ENOPROTOOPT = Protocol not available
    .hint = This socket option does not exist for this protocol (e.g. TCP_NODELAY on a UDP socket).
errno-EMSGSIZE = Message too long
    .hint = The datagram is larger than the socket can send in one piece (UDP's limit is 65,507 bytes over IPv4): send less.
errno-EDESTADDRREQ = Destination address required
    .hint = No destination: this socket is not connected, so give an address to send to.
errno-EINPROGRESS = Operation now in progress
    .hint = The connection is still being set up (non-blocking connect): wait until the socket is writable.
errno-EALREADY = Operation already in progress
    .hint = A connection attempt on this socket is already under way: wait for it to finish.
errno-ENOTSOCK = Socket operation on non-socket
    .hint = This descriptor is not a socket.
errno-EBADF = Bad file descriptor
    .hint = The socket was already closed, or the descriptor is not valid.
errno-EINTR = Interrupted system call
    .hint = A signal interrupted the call before it finished: try again.
errno-EAGAIN = Resource temporarily unavailable
    .hint = Nothing is ready yet on this non-blocking socket (no data to read, or no room to write): wait and try again.
errno-ENOTDIR = Not a directory
    .hint = The Unix socket path cannot be created here: pick a writable directory and a shorter path.
errno-EROFS = Read-only file system
    .hint = The Unix socket path cannot be created here: pick a writable directory and a shorter path.
errno-ENAMETOOLONG = File name too long
    .hint = The Unix socket path cannot be created here: pick a writable directory and a shorter path.

## Socket options (src/net/options/table.rs): what each does, shown beside its C name
## (SO_REUSEADDR …). The id is option- and the name --set takes.

option-reuseaddr = Lets a server bind a port that still has old connections in TIME_WAIT, so it can restart at once.
option-reuseport = Lets several sockets bind the same port; the kernel spreads connections or datagrams among them.
option-v6only = On an IPv6 socket, refuse IPv4 peers; off means [::] also accepts IPv4 as ::ffff:a.b.c.d.
option-nodelay = Turns off Nagle's algorithm: small writes go out at once instead of waiting to be combined.
option-keepalive = Sends probes on an idle connection so a vanished peer is noticed instead of waiting forever.
option-keepidle = Seconds a connection must be idle before the first keepalive probe is sent.
option-keepintvl = Seconds between keepalive probes when the peer does not answer.
option-sndbuf = Size of the kernel's send buffer; Linux doubles the value asked for to leave room for bookkeeping.
option-rcvbuf = Size of the kernel's receive buffer (and so the TCP window); Linux doubles the value asked for.
option-linger = What close() does with unsent data: off waits in the background; on with 0 s aborts with RST.
option-ttl = How many routers a packet may cross before it is dropped (the hop limit on IPv6).
option-broadcast = Allows sending datagrams to a broadcast address such as 255.255.255.255.
option-mcast_ttl = How far multicast datagrams travel: 1 keeps them on the local network.
option-mcast_loop = Whether multicast datagrams we send are also delivered back to this machine.
option-join = Joins a multicast group, so datagrams sent to that group arrive at this socket.
option-leave = Leaves a multicast group joined earlier.
option-rcvtimeo = How long a blocking recv() waits before failing with EAGAIN (socklab's own sockets never block).
option-sndtimeo = How long a blocking send() waits for buffer space (socklab's own sockets never block).
option-type = The socket's type: SOCK_STREAM (TCP, a byte stream) or SOCK_DGRAM (UDP, separate datagrams).
option-error = The pending error on the socket, if any; reading it clears it.

## Why an option does not apply to a socket, and what is wrong with a value.
## $name is --set's name (reuseaddr), $c_name the C one (SO_REUSEADDR), $value what was typed.

option-na-ip = only IP sockets have ports and hops
option-na-v6only = only IPv6 sockets have IPV6_V6ONLY
option-na-tcp = a TCP option: it has no meaning on this socket
option-na-broadcast = broadcast exists only for UDP over IPv4
option-na-multicast = multicast is only for UDP sockets
option-read-only = { $name } ({ $c_name }) is read-only
option-wrong-kind = { $name }: { $value } is not the kind of value { $c_name } takes
option-not-multicast = { $name }: '{ $value }' is not a multicast address (224.0.0.0/4 or ff00::/8)
option-out-of-range = { $name }: { $value } is out of range: { $c_name } takes { $min } to { $max }
option-too-large = { $name }: { $value } is out of range
option-not-on-off = { $name }: '{ $value }' is not on/off (use 1 or 0)
option-not-whole-number = { $name }: '{ $value }' is not a whole number
option-wrong-value = wrong kind of value for { $c_name }
option-read-only-c = { $c_name } is read-only
option-membership-unreadable = membership cannot be read back
# SO_ERROR's value when the socket has no pending error.
option-no-error = 0 (no error)
option-no-reuseport = SO_REUSEPORT does not exist on this OS
# --set NAME=VALUE (src/net/options/mod.rs); $names lists the options' names.
option-setting-not-name-value = '{ $setting }': write NAME=VALUE, e.g. nodelay=1 (see --help for the names)
option-setting-unknown = unknown option '{ $name }': one of { $names }

## What each reply mode does (src/net/reply.rs); the mode's own name (echo, chat …) stays as it is.

reply-none = manual: you type the replies
reply-echo = sends back whatever arrives
reply-chat = relays each line to every other client
reply-daytime = sends the date and time, then closes (RFC 867)
reply-http = answers an HTTP request with a small page, then closes

## What is wrong with an address or port typed by a person (src/net/addr.rs). $input is what was typed.

addr-empty = the address is empty: write host:port, e.g. 127.0.0.1:9000
addr-no-closing-bracket = '{ $input }': an IPv6 address in [ ] needs its closing ]
addr-port-after-bracket = '{ $input }': write the port after the ], as [{ $host }]:9000
addr-ipv6-brackets = '{ $input }': put an IPv6 address in brackets, as [::1]:9000
addr-port-only = '{ $input }' has no host: write host:port, e.g. 127.0.0.1:{ $input } (this machine only) or 0.0.0.0:{ $input } (every interface)
addr-no-port = '{ $input }' has no port: write host:port, e.g. { $input }:9000
addr-no-host = '{ $input }' has no host: write e.g. 127.0.0.1{ $input }
addr-port-empty = the port is empty: write a number from 0 to 65535
addr-port-not-number = port '{ $input }' is not a number: write a number from 0 to 65535
addr-port-out-of-range = port { $input } is out of range: ports go from 0 to 65535

## What is wrong with a payload typed as text, hex or base64 (src/net/payload.rs).
## $position counts characters from 1; $char is the offending character.

payload-at = at character { $position }: { $problem }
payload-hex-escape = \x needs two hex digits, as in \x41
payload-unknown-escape = unknown escape \{ $char }: use \n \r \t \0 \\ or \xHH
payload-lone-backslash = a lone \ at the end: write \\ for a backslash
payload-odd-hex = odd hex digit: each byte needs two digits, as in 0a
payload-not-hex = '{ $char }' is not a hex digit (0-9, a-f)
payload-not-base64 = '{ $char }' is not a base64 character (A-Z a-z 0-9 + / =)
payload-base64-invalid = '{ $char }' is not valid here
payload-base64-length = the length is not valid base64 (a character is missing)
payload-base64-last = the last character is not valid base64
payload-base64-padding = the = padding is wrong

## What is wrong with a framing, an oversize choice or a size (--frame, --oversize,
## --frame-limit and the form's fields; src/net/frame/spec_text.rs). $input is what was typed.

# A frame the framer refused (src/net/frame/mod.rs), then what it did about it ($error is one of the three before).
frame-error-no-delimiter = no delimiter within the frame limit of { $limit } bytes
frame-error-announced = the length header announces { $length } bytes, over the frame limit of { $limit } bytes
frame-error-impossible = the length header says { $length }, less than its own { $header } bytes (is the length really meant to count the header?)
frame-error-then-resync = { $error }: skipped to the next frame; raise the limit if frames are this long
frame-error-then-close = { $error }: the connection is closed
frame-error-then-split = { $error }: delivered in pieces marked as cut
frame-unknown = '{ $input }' is not a framing: use raw, line, delim:HEX, fixed:N, len:1, len:2, len:4, len:2le or len:4le (add :incl when the length counts its own header)
frame-delimiter = delim:{ $input }: { $error }
frame-fixed = fixed:{ $input }: the frame size must be a whole number of bytes from 1 to { $max }, as in fixed:16
frame-width = len:{ $input }: the length header is 1, 2 or 4 bytes, big-endian unless it ends in le: len:1, len:2, len:4, len:2le or len:4le
frame-one-byte-order = len:1le: a 1-byte length has no byte order: write len:1
frame-oversize = '{ $input }' is not what to do with an oversize frame: use resync, close or split
frame-size = '{ $input }' is not a size: give bytes as a whole number, or with k or m (64k = 65536 bytes)
frame-size-too-large = { $input } bytes is too large: at most { $max } (16m)

## Why an endpoint's framing, rules or sequences cannot run on its kind of socket
## (src/net/behaviour.rs). $number counts from 1; $why is the reason.

behaviour-framing = framing: { $why }
behaviour-rule = rule { $number }: { $why }
behaviour-sequence = sequence { $number } ({ $name }): { $why }
behaviour-framing-on-datagram = a datagram is already one message: framing applies to stream sockets (TCP, Unix stream)
behaviour-connect-on-datagram = a datagram socket has no connections, so a connect rule never fires
behaviour-close-on-datagram = a datagram socket has no connection to close
behaviour-relay-not-server = relay sends to a server's other connections, and this endpoint has none: use reply instead
behaviour-sequence-needs-peer = a datagram socket sends a sequence to its default peer: set the peer (or connect) first

## The command line's own notes, warnings and refusals (src/cli/messages.rs). $error is the
## OS's own words; $proto the protocol as typed (tcp, udp, unix …); $kind the kind of socket.

cli-timeout-not-a-number = '{ $value }' is not a number of seconds: write e.g. 10 or 0.5
cli-timeout-out-of-range = { $value } is not between 0.001 and { $max } seconds (a day): a connect() that takes longer than that has failed
cli-empty-unix-path = { $proto }: the path is empty: give a file path such as /tmp/socklab.sock, or @name for an abstract socket (Linux only, no file)
cli-empty-bind-path = --bind: the path is empty: give a file path such as /tmp/socklab-client.sock, or leave --bind out
cli-reply-not-for = --reply { $reply } does not apply to a { $kind }
cli-option-not-for = --set { $name }: { $c_name } does not apply to a { $kind }: { $why }
cli-nothing-to-run = nothing to run: give a command (serve, connect, run) or see --help
cli-no-temp-dir = cannot create a directory for the reply socket in { $dir }: { $error }: give a path with --bind PATH
# $socket is stream (others can connect) or datagram (others can send to it).
cli-serve-exposed-all = { $address } is every interface: anyone who can reach this machine over a network can { $socket ->
        [datagram] send to it
       *[stream] connect
    }; to keep it to this machine, use 127.0.0.1:{ $port } (or [::1]:{ $port })
cli-serve-exposed-interface = { $address } is a network interface: other machines on its network can { $socket ->
        [datagram] send to it
       *[stream] connect
    }; to keep it to this machine, use 127.0.0.1:{ $port } (or [::1]:{ $port })
cli-workspace-exposed-all = warning: [{ $name }] binds { $address }: every interface, so anyone who can reach this machine over a network can reach it (edit its address to 127.0.0.1 to keep it to this machine)
cli-workspace-exposed-interface = warning: [{ $name }] binds { $address }: a network interface, so other machines on its network can reach it (edit its address to 127.0.0.1 to keep it to this machine)
cli-no-client-discarding = no client is connected: stdin is discarded until one connects
cli-no-peer-discarding = nobody to send to yet: stdin is discarded until a datagram arrives (replies go to its sender)
cli-line-split = a line of stdin is longer than the largest datagram ({ $max } bytes): it is sent in pieces of { $max } bytes, as is any later long line
cli-input-not-sent = input not sent: { $error }
cli-peer-half-closed = the peer closed its sending side (FIN); it may still read, so stdin is sent until it ends, then ours is closed too
cli-workspace-still-not-ready = [{ $name }] still not ready; starting the next endpoint anyway
cli-workspace-nothing-autostarts = { $file }: no endpoint has `autostart: true`, so there is nothing to run
cli-did-not-stop = { $count } endpoint(s) did not stop in time
cli-no-ctrl-c = cannot handle Ctrl+C: { $error }
cli-sequence = sequence { $number }
cli-sequence-named = sequence { $number } ({ $name })
cli-sequence-step = { $sequence }, step { $number } ({ $step }): { $result } ({ $ms } ms)
cli-sequence-step-round = { $sequence }, round { $round }, step { $number } ({ $step }): { $result } ({ $ms } ms)
cli-sequence-passed = { $sequence }: { $summary }: PASSED
cli-sequence-failed = { $sequence }: { $summary }: FAILED
cli-sequence-closed-first = { $sequence } did not run: the connection closed first
cli-sequence-no-connection = { $sequence } did not run: there was no connection to run it on
cli-tcp-info-not-tcp = --tcp-info: TCP_INFO exists only for TCP sockets, and this is { $proto }: use `tcp`, or leave --tcp-info out
cli-kernel-state-unavailable = { $flag }: { $why }; going on without it
cli-ladder-is-dir = --ladder { $path }: this is a directory: give a file name such as { $path }/ladder.svg
cli-ladder-no-dir = --ladder { $path }: the directory { $dir } does not exist: create it first, or write the file elsewhere
cli-ladder-not-written = --ladder { $path }: the sequence diagram could not be written: { $error }
cli-ladder-not-written-errno = --ladder { $path }: the sequence diagram could not be written ({ $errno }): { $error }
cli-ladder-written = sequence diagram of { $count } connection(s) written to { $path }

## socklab --help (src/cli/help.rs): cli-<command>-about says what a command does,
## cli-<command>-<argument> what an argument is. NAME=VALUE, MS and such are what the
## person types: keep them. A literal brace is written { "{" }.

cli-socklab-about = A socket playground: servers, clients, options and the syscall timeline.
# The about's second line.
cli-socklab-about-window = With no command it opens the desktop app.
cli-socklab-workspace = Open the desktop app on this workspace file
cli-socklab-file = A workspace file to open in the desktop app (same as --workspace)
cli-serve-about = Start a server. Received bytes go to stdout; stdin is sent to every client (UDP: to the last peer heard from). Runs until Ctrl+C
cli-serve-proto = The kind of socket: tcp, udp, unix (a Unix stream socket) or unix-dgram (a Unix datagram socket)
cli-serve-address = host:port to bind (127.0.0.1 is this machine only; 0.0.0.0 every interface), or a path for unix (@name: an abstract socket, Linux only)
cli-serve-reply = What the server does with what it receives
cli-serve-set = Set a socket option before bind/connect: NAME=VALUE, e.g. nodelay=1, rcvbuf=65536, linger=0. Repeatable
cli-serve-json = One JSON object per engine event on stdout, instead of raw bytes
cli-serve-encoding = The peer's text encoding: stdin (UTF-8) is sent in it, line by line, and received bytes are decoded from it to UTF-8 (bytes that are not text in it as \xHH): utf-8, gbk, gb18030, big5, shift_jis, latin-1. Without it bytes pass through untouched
cli-serve-verbose = Print each step (socket, bind, accept, …) on stderr; for TCP, each state change the kernel reports too (ESTABLISHED, FIN_WAIT2, TIME_WAIT …)
cli-serve-tcp_info = TCP: report the kernel's TCP_INFO (state, rtt, cwnd, queues …) every MS milliseconds (10 or more) and at every state change: `tcp_info` events with --json, otherwise a line each on stderr
cli-serve-ladder = Write the sequence diagram (handshake, data, FIN, TIME_WAIT …) as SVG to this file when the command ends
cli-serve-frame = Cut what arrives into messages: line, delim:HEX, fixed:N, len:1, len:2, len:4, len:2le or len:4le (add :incl when the length counts its own header). Default: each recv() as it came
cli-serve-frame_limit = The largest frame, header and delimiter included: bytes, or with k or m (default 64k, at most 16m)
cli-serve-oversize = What to do with a frame over the limit: resync (skip it), close (the connection) or split (hand it on in pieces)
cli-serve-greet = Sent on each new connection (accepted, or made by connect): text with \n \r \t \xHH escapes and ${ "{" }...{ "}" } variables, as in a rule's reply. Nothing is added: end it with \n for a line
cli-serve-rules = Answer what arrives: 'MATCH => ACTION [=> ACTION]... [=> continue]'. Repeatable; tried in order on each message. MATCH: exact:TEXT prefix:TEXT contains:TEXT regex:RE hex:PATTERN any connect oversize. ACTION: reply:TEMPLATE relay:TEMPLATE wait:MS close ignore
cli-serve-backlog = listen() backlog
cli-connect-about = Connect to a server. Stdin is sent, received bytes go to stdout. When stdin ends we half-close (FIN) and read until the peer closes too; a peer that closes first may still read, so stdin is sent until it ends
cli-connect-proto = { cli-serve-proto }
cli-connect-address = host:port to connect to, or a path for unix
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
cli-connect-timeout = connect() timeout in seconds (fractions allowed; at most a day)
cli-connect-wait = Datagram sockets: after stdin ends, stop once nothing arrived for this long (at most a day)
cli-connect-bind = unix-dgram: the path to bind for replies (default: a temporary path)
cli-run-about = Run a workspace file headless: start its auto-start endpoints, print events. When they have send sequences, run those and end: exit 0 if every expectation passed, 3 if one failed
cli-run-file = The workspace file (.ron) to run
cli-run-json = { cli-serve-json }
cli-run-encoding = Use this text encoding for every endpoint (instead of each one's own), and decode what they receive with it on stdout (see serve --help)
cli-run-ladder = Write the sequence diagram of every connection as SVG to this file when the run ends
cli-code-about = Print the program that does what a workspace endpoint does, in Python or Rust
cli-code-file = The workspace file (.ron) the endpoint is in
cli-code-lang = The language of the program: python (Python 3 and its standard socket module) or rust (std::net and the socket2 crate)
cli-code-endpoint = The endpoint to show (its name), when the workspace has several

## socklab code (src/cli/code.rs). $names lists the workspace's endpoint names, quoted.

cli-code-no-endpoints = the workspace has no endpoints: there is nothing to show as code
cli-code-choose-endpoint = the workspace has { $count } endpoints: choose one with --endpoint NAME, one of { $names }
cli-code-no-such-endpoint = no endpoint is named "{ $name }": the endpoints are { $names }
# $error is one of codegen-error-*.
cli-code-cannot = { $file }: endpoint "{ $name }": { $error }

## Why no program can be written for an endpoint (src/codegen/mod.rs): `socklab code` and
## the Code tab. $field is the workspace's field name (address, peer); $kind a kind's name.

codegen-error-address = { $field }: { $problem }
codegen-error-reply = reply mode { $reply } does not apply to a { $kind }
codegen-error-no-path = a { $kind } with no path and no peer can neither send nor receive: give it a path
cli-help-options = Socket options for --set (NAME=VALUE):
cli-help-examples = Examples:
# clap's own words in --help, ours so they follow the language. Each heading
# keeps its colon: "Usage: socklab serve [OPTIONS] <PROTO> <ADDRESS>".
cli-help-usage = Usage:
cli-help-commands = Commands:
cli-help-arguments = Arguments:
cli-help-options-heading = Options:
cli-help-help = Print help
cli-help-version = Print version
# The `help` command: `socklab help serve` is `socklab serve --help`.
cli-help-about = Print this help, or the help of the given command
cli-help-command = The command whose help to print (serve, connect, run, code)
# After an argument's help: $value is what it takes when not given, $values what it accepts.
cli-help-default = [default: { $value }]
cli-help-possible-values = [possible values: { $values }]

## Mistakes on the command line, as clap finds them (src/cli/parse.rs). $arg is
## the argument as written (--reply <REPLY>), $value what was typed: keep both quoted.

cli-error = error: { $message }
cli-error-tip = tip: { $tip }
cli-error-try-help = For more information, try '{ $help }'.
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-similar-argument = a similar argument exists: '{ $arg }'
cli-error-argument-of-command = '{ $command } { $arg }' exists: { $arg } belongs to the { $command } command
cli-error-pass-as-value = to pass '{ $arg }' as a value, use '-- { $arg }'
cli-error-remove-dashes = the command '{ $command }' exists; to use it, remove the '--' before it
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-error-possible-values = [possible values: { $values }]
cli-error-similar-value = a similar value exists: '{ $value }'
cli-error-value-required = a value is required for '{ $arg }' but none was supplied
# $problem is socklab's own reason, from its catalog too.
cli-error-value-validation = invalid value '{ $value }' for '{ $arg }': { $problem }
cli-error-unknown-command = unrecognized command '{ $command }'
cli-error-similar-command = a similar command exists: '{ $command }'
cli-error-missing-required = the following required arguments were not provided: { $args }
cli-error-missing-command = '{ $command }' needs a command: { $commands }
cli-error-used-twice = the argument '{ $arg }' cannot be used more than once
cli-error-conflict = the argument '{ $arg }' cannot be used with { $others }
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-too-few-values = '{ $arg }' takes at least { $min } values, but { $actual } were given
cli-error-wrong-number-of-values = '{ $arg }' takes { $expected } values, but { $actual } were given
cli-error-no-equals = '{ $arg }' needs an equal sign before its value: { $arg }=VALUE
cli-error-invalid-utf8 = an argument is not valid UTF-8 text
# Numbers on the command line (--backlog, --wait, --tcp-info).
cli-not-a-whole-number = '{ $value }' is not a whole number
cli-number-out-of-range = { $value } is not between { $min } and { $max }
# main.rs: with no command socklab opens its window; $error is the windowing system's own words.
app-window-failed = could not open the window: { $error }
app-window-no-display = (no display? the command line works without one: socklab --help)
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

## Reply rules: why a rule is refused (src/net/rules). Shown under the rule
## line in the rules editor, and by the CLI for --rule. Keywords (exact:,
## reply:, wait:500 …) stay as they are.

rule-at = at character { $position }: { $problem }
rule-in-pattern = in the pattern, at character { $position }: { $problem }
rule-in-action = in action { $action }, at character { $position }: { $problem }
rule-in-list = rule { $index }: { $error }
# A text made elsewhere (an escape error, the regex library's own words).
rule-as-is = { $text }
rule-no-arrow = a rule is MATCH => ACTION, as in 'exact:ping => reply:pong\n'
rule-bad-match = '{ $text }' is not a match: use exact:TEXT, prefix:TEXT, contains:TEXT, regex:RE, hex:PATTERN, any, connect or oversize
rule-bare-match = { $kind } takes no text: write it alone
rule-bad-action = '{ $text }' is not an action: use reply:TEMPLATE, relay:TEMPLATE, wait:MS, close or ignore (and continue, last, to try the next rules too)
rule-no-action = nothing after =>: give an action (reply:TEMPLATE, relay:TEMPLATE, wait:MS, close or ignore)
rule-ignore-alone = ignore does nothing, so it stands alone after =>
rule-continue-last = continue goes last: it says the next rules are tried too
rule-continue-first = continue goes after the actions: give an action first
rule-bad-wait = wait takes milliseconds, 0 to 3600000, as in wait:500
rule-wait-too-long = a wait is at most 3600000 ms (one hour)
rule-empty-text = give the text to look for
rule-hex-digit = '{ $char }' is not a hex digit or ? (a pattern is bytes like 01 03 ?? ff, then an optional { "*" })
rule-hex-odd = odd hex digit: each byte needs two digits or wildcards, as in 0a or ??
rule-hex-star = { "*" } only goes at the end: it lets any bytes follow
rule-hex-empty = give at least one byte, as in 01 ?? 03, or { "*" } for any bytes
rule-regex-big = the regex is too large once compiled: simplify it (or bound its repetitions)

## Templates (src/net/template): reply:/relay: texts, --greet, the composer.
## $var is the variable as written, ${seq}; $known the variables allowed there.

template-at = at character { $position }: { $problem }
template-unclosed = { "${" } is not closed: end the variable with { "}" }
template-empty = { "${}" } names no variable
template-unknown = unknown variable { $var }: use { $known }
template-not-here-payload = { $var } has nothing to take its value from in a payload you send
template-not-here-connect = { $var } has nothing to take its value from on connect, before any message
template-not-here-oversize = { $var } has nothing to take its value from for an oversize frame, which is not kept
template-not-here-message = { $var } has nothing to take its value from here
template-no-groups = { $var }: only a regex: rule has capture groups
template-no-such-group = { $var }: the regex has only { $groups } capture group(s)
template-bad-argument = { $var }: { $expected }
template-hex = { "${hex:…}" }: { $problem }
template-arg-time = use { "${time}" }, { "${time:unix}" } (seconds) or { "${time:ms}" } (milliseconds since 1970)
template-arg-random = use { "${random}" } (a number) or { "${random:N}" } (N random bytes, 1 to 65536)
template-arg-order = the byte order is :be (high byte first) or :le (low byte first)
template-arg-hex = give the bytes in hex, as in { "${hex:0d0a}" }
template-arg-none = this variable takes no argument

## Sequences: why one cannot run (src/net/sequence).

sequence-error-step = step { $step }: { $problem }
sequence-error-no-steps = the sequence has no steps
sequence-error-needs-pause = a repeated sequence needs a wait or an expect step, or it would send as fast as it can: add wait 0 at least
sequence-error-no-rounds = run it at least once
sequence-error-too-long = at most 3600000 ms (one hour)
sequence-error-not-a-message = an expectation matches a message: use exact, prefix, contains, regex, hex or any

## The protocol options of the CLI (src/cli/proto_args.rs).

cli-frame-limit-zero = the frame limit must be at least 1 byte
