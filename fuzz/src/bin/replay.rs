//! Fuzz target: bytes as a journal replayed onto a saved session, or, after
//! a leading `!`, as damage done to a real journal (see
//! `minutes_fuzz::check_replay`).

fn main() {
    // Built before the loop, so that every run covers the same code.
    minutes_fuzz::prepare();
    afl::fuzz!(|data: &[u8]| minutes_fuzz::check_replay(data));
}
