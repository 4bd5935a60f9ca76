//! TypeScript names of the values that serialize by hand (feature `typescript`): dates are
//! `YYYY-MM-DD` strings, JSON values are `Json`, program texts are `Text`. The declarations of
//! `Json` and `Text` are written by tests/typescript.rs beside the derived ones.

use crate::text::date::Date;
use crate::text::format::Text;
use crate::text::value::Value;

/// Implements [`TS`] for a type that TypeScript knows by `name`.
macro_rules! named {
    ($ty:ty, $name:expr) => {
        impl ts_rs::TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String {
                String::from($name)
            }
            fn inline(cfg: &ts_rs::Config) -> String {
                Self::name(cfg)
            }
        }
    };
}
pub(crate) use named;

named!(Date, "string");
named!(Value, "Json");
named!(Text, "Text");
