//! Hand-derived cases of the private pieces: serial dates, date format codes, CRC-32, text
//! escapes and cell references. The reader and writer as a whole are tested in tests/xlsx.rs.

use super::parts::{decode_escapes, is_date_format, t_text};
use super::sheet::{number_text, serial_to_date};
use super::zip::crc32;
use super::{cell_address, Workbook};

#[test]
fn cell_addresses() {
    assert_eq!(cell_address(0, 0), "A1");
    assert_eq!(cell_address(0, 25), "Z1");
    assert_eq!(cell_address(0, 26), "AA1");
    assert_eq!(cell_address(0, 51), "AZ1");
    assert_eq!(cell_address(0, 52), "BA1");
    assert_eq!(cell_address(6, 27), "AB7");
    assert_eq!(cell_address(0, 701), "ZZ1");
    assert_eq!(cell_address(0, 702), "AAA1");
    assert_eq!(cell_address(1_048_575, 16_383), "XFD1048576");
    // The largest indices need seven letters (checked in Python).
    assert_eq!(cell_address(u32::MAX, u32::MAX), "MWLQKWV4294967296");
}

#[test]
fn serial_dates_in_the_1900_system() {
    let date = |serial| serial_to_date(serial, false);
    assert_eq!(date(1.0).as_deref(), Some("1900-01-01"));
    assert_eq!(date(31.0).as_deref(), Some("1900-01-31"));
    assert_eq!(date(59.0).as_deref(), Some("1900-02-28"));
    // Lotus 1-2-3's leap day, which Excel keeps.
    assert_eq!(date(60.0).as_deref(), Some("1900-02-29"));
    assert_eq!(date(61.0).as_deref(), Some("1900-03-01"));
    assert_eq!(date(36_526.0).as_deref(), Some("2000-01-01"));
    assert_eq!(date(45_292.0).as_deref(), Some("2024-01-01"));
    assert_eq!(date(45_351.0).as_deref(), Some("2024-02-29"));
    // The time of day is dropped; a serial a hair below midnight is midnight, as Excel
    // rounds to the millisecond.
    assert_eq!(date(45_292.75).as_deref(), Some("2024-01-01"));
    assert_eq!(date(45_292.999_999_999).as_deref(), Some("2024-01-02"));
    assert_eq!(date(2_958_465.0).as_deref(), Some("9999-12-31"));
    // Outside Excel's dates: the number stays.
    assert_eq!(date(0.5), None);
    assert_eq!(date(0.0), None);
    assert_eq!(date(-1.0), None);
    assert_eq!(date(2_958_466.0), None);
    assert_eq!(date(1e300), None);
}

#[test]
fn serial_dates_in_the_1904_system() {
    let date = |serial| serial_to_date(serial, true);
    assert_eq!(date(0.0).as_deref(), Some("1904-01-01"));
    assert_eq!(date(59.0).as_deref(), Some("1904-02-29"));
    // 45292 - 1462 days between the two systems.
    assert_eq!(date(43_830.0).as_deref(), Some("2024-01-01"));
    assert_eq!(date(2_957_003.0).as_deref(), Some("9999-12-31"));
    assert_eq!(date(-0.5), None);
    assert_eq!(date(2_957_004.0), None);
}

#[test]
fn number_texts() {
    assert_eq!(number_text(12.0), "12");
    assert_eq!(number_text(-3.5), "-3.5");
    assert_eq!(number_text(-0.0), "0");
    assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(number_text(1e-7), "0.0000001");
    assert_eq!(number_text(1e21), "1000000000000000000000");
}

#[test]
fn date_format_codes() {
    for date in [
        "yyyy-mm-dd",
        "dd/mm/yy",
        "d-mmm",
        "mmm-yy",
        "mmmm",
        "m/d/yy h:mm",
        "[$-409]mmmm d, yyyy",
        "DD.MM.YYYY",
        "yyyy-mm-dd hh:mm:ss",
        "[Red]dd/mm/yyyy",
        "mm h",
    ] {
        assert!(is_date_format(date), "{date}");
    }
    for not_date in [
        "General",
        "0.00",
        "#,##0.00 \"EUR\";[Red]-#,##0.00 \"EUR\"",
        "0.00E+00",
        "h:mm",
        "h:mm:ss AM/PM",
        "mm:ss",
        "mmss.0",
        "[h]:mm:ss",
        "[mm]:ss",
        "0 \"days\"",
        "0\\d",
        "#,##0_);[Red](#,##0)",
        "@",
        "0;\"d\"yyyy",
    ] {
        assert!(!is_date_format(not_date), "{not_date}");
    }
}

#[test]
fn crc32_check_value() {
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn crc32_agrees_with_crc32fast() {
    let data: Vec<u8> = (0..10_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    for len in [0, 1, 7, 64, 1000, data.len()] {
        assert_eq!(crc32(&data[..len]), crc32fast::hash(&data[..len]));
    }
}

#[test]
fn text_escapes() {
    assert_eq!(decode_escapes("a_x000D_b"), "a\rb");
    assert_eq!(decode_escapes("_x005F_x0041_"), "_x0041_");
    assert_eq!(decode_escapes("_xD83D__xDE00_"), "😀");
    assert_eq!(decode_escapes("_xD83D_ lone"), "\u{FFFD} lone");
    assert_eq!(decode_escapes("_x12_ _xZZZZ_ _x"), "_x12_ _xZZZZ_ _x");
    assert_eq!(decode_escapes("日本_x0041_"), "日本A");
    assert_eq!(t_text("  a b \n", false), "a b");
    assert_eq!(t_text("  a b \n", true), "  a b \n");
    assert_eq!(t_text("\u{a0}a\u{a0}", false), "\u{a0}a\u{a0}");
}

#[test]
fn not_a_zip_and_ole() {
    let id = |bytes: &[u8]| Workbook::open(bytes).err().map(|e| e.id);
    assert_eq!(id(b""), Some("xlsx.not_zip"));
    assert_eq!(id(b"Partner,Region\nAcme,EMEA\n"), Some("xlsx.not_zip"));
    assert_eq!(id(b"PK\x03\x04 truncated"), Some("xlsx.corrupt"));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert_eq!(id(&ole), Some("xlsx.encrypted"));
}
