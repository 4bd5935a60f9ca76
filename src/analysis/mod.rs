//! Layer 4, analysis built on evaluation: gap plans and expiry outlooks for one partner,
//! whole bases from CSV (batch), segmentation for the lab, and synthetic partner bases.

pub mod batch;
pub mod gap;
pub mod segment;
pub mod synth;
