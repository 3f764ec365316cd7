//! Faults that turned a long-running server into a dead one or left a peer
//! waiting: each against real peers, in the engine and in `socklab serve`.
