//! Builds .xlsx files part by part for tests: a zip writer independent of the crate's
//! (crc32fast for checksums, miniz_oxide's deflate), and the usual parts of a workbook.
#![allow(dead_code)]

pub const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
pub const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A zip of `(name, bytes, deflated)` entries.
pub fn zip(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for &(name, data, deflated) in files {
        let packed = if deflated { miniz_oxide::deflate::compress_to_vec(data, 6) } else { data.to_vec() };
        let method: u16 = if deflated { 8 } else { 0 };
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        common.extend_from_slice(&method.to_le_bytes());
        common.extend_from_slice(&[0, 0, 0x21, 0]);
        common.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        common.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        common.extend_from_slice(&(data.len() as u32).to_le_bytes());
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        let offset = out.len() as u32;
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        directory.extend_from_slice(b"PK\x01\x02");
        directory.extend_from_slice(&20u16.to_le_bytes());
        directory.extend_from_slice(&common);
        directory.extend_from_slice(&[0; 10]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_offset = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&directory_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The parts of a workbook, as texts, to change before zipping.
#[derive(Clone)]
pub struct Parts {
    pub files: Vec<(String, String)>,
}

impl Parts {
    /// A workbook of `sheets` (name, sheetData contents, state), shared `strings` (`<si>`
    /// contents) and `styles` (the whole styleSheet contents), `date1904`.
    pub fn new(sheets: &[(&str, &str, &str)], strings: Option<&[&str]>, styles: Option<&str>, date1904: bool) -> Parts {
        let mut files = Vec::new();
        files.push((
            "_rels/.rels".to_string(),
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ));
        let mut listed = String::new();
        let mut rels = String::new();
        for (i, (name, data, state)) in sheets.iter().enumerate() {
            let n = i + 1;
            listed.push_str(&format!(r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#));
            rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
            files.push((
                format!("xl/worksheets/sheet{n}.xml"),
                format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>"#),
            ));
        }
        if let Some(strings) = strings {
            rels.push_str(&format!(r#"<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>"#));
            let items: String = strings.iter().map(|s| format!("<si>{s}</si>")).collect();
            files.push(("xl/sharedStrings.xml".to_string(), format!(r#"<sst xmlns="{MAIN}">{items}</sst>"#)));
        }
        if let Some(styles) = styles {
            rels.push_str(&format!(r#"<Relationship Id="rIdY" Type="{REL}/styles" Target="/xl/styles.xml"/>"#));
            files.push(("xl/styles.xml".to_string(), format!(r#"<styleSheet xmlns="{MAIN}">{styles}</styleSheet>"#)));
        }
        let pr = if date1904 { r#"<workbookPr date1904="1"/>"# } else { "" };
        files.push((
            "xl/workbook.xml".to_string(),
            format!(r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets>{listed}</sheets></workbook>"#),
        ));
        files.push(("xl/_rels/workbook.xml.rels".to_string(), format!(r#"<Relationships xmlns="{PKG_REL}">{rels}</Relationships>"#)));
        Parts { files }
    }

    /// One visible sheet "Sheet1" holding `data`.
    pub fn sheet(data: &str) -> Parts {
        Parts::new(&[("Sheet1", data, "visible")], None, None, false)
    }

    pub fn zip(&self, deflated: bool) -> Vec<u8> {
        let files: Vec<(&str, &[u8], bool)> = self.files.iter().map(|(n, d)| (n.as_str(), d.as_bytes(), deflated)).collect();
        zip(&files)
    }
}
