//! `minutes`: record meeting minutes live in the terminal.
//!
//! The library holds everything but the terminal: the meeting [`model`], the
//! crash-safe [`store`], and the [`export`]ers. The binary adds the CLI and
//! the terminal UI on top.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod import;
pub mod keymap;
pub mod model;
pub mod mouse;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
