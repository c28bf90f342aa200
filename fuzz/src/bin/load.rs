//! Fuzz target: bytes as a session file (see `minutes_fuzz::check_load`).

fn main() {
    afl::fuzz!(|data: &[u8]| minutes_fuzz::check_load(data));
}
