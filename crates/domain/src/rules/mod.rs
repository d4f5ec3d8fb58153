//! The rules engine: eligibility for emulation titles and forms of commendation, with the article of the
//! law behind every criterion, and the award money. See `shared/contracts/eligibility.md`.
