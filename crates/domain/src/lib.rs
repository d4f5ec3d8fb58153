//! The domain of thidua: emulation and commendation (Thi đua – Khen thưởng) work of Vietnamese public
//! bodies. Pure types and rules: no I/O, no async, no SQL, no HTTP.

#[macro_use]
pub mod directory;
pub mod access;
pub mod attachment;
pub mod commendation;
pub mod docref;
pub mod exemplary;
pub mod format;
pub mod initiative;
pub mod movement;
pub mod report;
pub mod rules;
pub mod similar;
pub mod text;
pub mod validation;
