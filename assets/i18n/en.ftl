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
