//! The keys that status-line messages and screen texts name ("Ctrl+Z
//! undoes", "Ctrl+N starts the first"), looked up in the keymap in force:
//! a key the user rebound is named as they bound it, never as the default.

use super::quick::Marked;
use super::{Action, App};
use crate::keymap::Keys;

/// The kinds in the order the help and the messages name them: Alt+D/C/P/Q/A/N.
const KINDS: [Marked; 6] = [
    Marked::Decision,
    Marked::Conclusion,
    Marked::Discussion,
    Marked::Question,
    Marked::Action,
    Marked::Note,
];

impl App {
    /// The first key that does `action` in `mode` (or everywhere).
    pub fn key_in(&self, mode: Keys, action: &Action) -> String {
        self.keymap.key_for(mode, action)
    }

    /// The first key that does `action` where the user is; where it does
    /// nothing (a picker, the help), the key that does it while typing.
    pub fn key(&self, action: &Action) -> String {
        let here = Keys::of(&self.mode);
        let bound = |mode: Keys| self.keymap.bindings(mode).any(|b| &b.action == action);
        let mode = [here, Keys::Entry, Keys::Global]
            .into_iter()
            .find(|m| bound(*m))
            .unwrap_or(here);
        self.key_in(mode, action)
    }

    /// The undo key: `Ctrl+Z`.
    pub fn undo_key(&self) -> String {
        self.key_in(Keys::Global, &Action::Undo)
    }

    /// `(Ctrl+Z undoes)`, the end of what a change says.
    pub fn undo_hint(&self) -> String {
        format!("({} undoes)", self.undo_key())
    }

    /// `(Ctrl+Y redoes)`.
    pub fn redo_hint(&self) -> String {
        format!("({} redoes)", self.key_in(Keys::Global, &Action::Redo))
    }

    /// The help's key, `F1` (not the `?` of an empty line).
    pub fn help_key(&self) -> String {
        self.key_in(Keys::Global, &Action::Help)
    }

    /// `(Alt+N: make it a note)`, after something logged as another kind.
    pub fn note_hint(&self) -> String {
        format!(
            "({}: make it a note)",
            self.key(&Action::Mark(Marked::Note))
        )
    }

    /// The keys that change an entry's kind in `mode`: `Alt+D/C/P/Q/A/N`
    /// (the modifier said once while all share it).
    pub fn kind_keys(&self, mode: Keys) -> String {
        let keys: Vec<String> = KINDS
            .iter()
            .map(|m| self.key_in(mode, &Action::Mark(*m)))
            .collect();
        shared_modifier(&keys)
    }

    /// `Enter saves the edit, Esc cancels it`: how an edit ends.
    pub fn edit_end_keys(&self, saves: &str) -> String {
        format!(
            "{} saves {saves}, {} cancels it",
            self.key_in(Keys::Entry, &Action::Submit),
            self.key_in(Keys::Entry, &Action::Cancel)
        )
    }
}

/// `Alt+D`, `Alt+C` -> `Alt+D/C`; keys of different modifiers (or of a
/// name longer than a character) stay whole: `Alt+D/Ctrl+K/F2`.
fn shared_modifier(keys: &[String]) -> String {
    let split = |k: &String| {
        k.rsplit_once('+')
            .filter(|(_, name)| name.chars().count() == 1)
            .map(|(mods, name)| (mods.to_string(), name.to_string()))
    };
    let parts: Option<Vec<(String, String)>> = keys.iter().map(split).collect();
    match parts {
        Some(parts) if parts.windows(2).all(|w| w[0].0 == w[1].0) && !parts.is_empty() => {
            let names: Vec<&str> = parts.iter().map(|(_, n)| n.as_str()).collect();
            format!("{}+{}", parts[0].0, names.join("/"))
        }
        _ => keys.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::shared_modifier;

    fn s(keys: &[&str]) -> String {
        shared_modifier(&keys.iter().map(|k| k.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_shared_modifier_is_said_once() {
        assert_eq!(s(&["Alt+D", "Alt+C", "Alt+N"]), "Alt+D/C/N");
        assert_eq!(s(&["Alt+D", "Ctrl+K", "Alt+N"]), "Alt+D/Ctrl+K/Alt+N");
        assert_eq!(s(&["Alt+D", "F2"]), "Alt+D/F2");
        assert_eq!(s(&["Ctrl+Alt+D", "Ctrl+Alt+E"]), "Ctrl+Alt+D/E");
        assert_eq!(s(&["Alt+PgUp", "Alt+D"]), "Alt+PgUp/Alt+D");
    }
}
