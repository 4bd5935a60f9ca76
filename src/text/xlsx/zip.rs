//! The zip container of an .xlsx: its central directory read by hand, stored and deflated
//! entries unpacked with miniz_oxide under a size cap, and stored entries written.
//!
//! Every read of the input goes through `get`-style helpers that answer `None` past its end,
//! and every offset sum is checked: the bytes are untrusted.

use super::common::{WorkbookError, MAX_INFLATE_RATIO};

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
/// The OLE compound file header: Excel saves password-protected .xlsx files (and old .xls
/// workbooks) in this container instead of a zip.
const OLE_HEADER: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Unpacked bytes a part may have besides `MAX_INFLATE_RATIO` times its packed size, so that
/// small parts that compress very well (an empty sheet's styles) are never refused.
const INFLATE_ALLOWANCE: usize = 1 << 20;

pub(super) struct Archive {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
}

struct Entry {
    /// With `\` turned into `/` (some Windows tools write those).
    name: String,
    flags: u16,
    method: u16,
    crc: u32,
    packed: usize,
    local_header: usize,
}

/// The little-endian u16 at `base + offset`, `None` past the end (or on overflow: offsets
/// come from the file, and usize is 32 bits in wasm).
fn u16_at(bytes: &[u8], base: usize, offset: usize) -> Option<u16> {
    let at = base.checked_add(offset)?;
    match bytes.get(at..at.checked_add(2)?)? {
        &[a, b] => Some(u16::from_le_bytes([a, b])),
        _ => None,
    }
}

fn u32_at(bytes: &[u8], base: usize, offset: usize) -> Option<u32> {
    let at = base.checked_add(offset)?;
    match bytes.get(at..at.checked_add(4)?)? {
        &[a, b, c, d] => Some(u32::from_le_bytes([a, b, c, d])),
        _ => None,
    }
}

/// The `len` bytes at `base + offset`.
fn slice_at(bytes: &[u8], base: usize, offset: usize, len: usize) -> Option<&[u8]> {
    let at = base.checked_add(offset)?;
    bytes.get(at..at.checked_add(len)?)
}

fn damaged() -> WorkbookError {
    WorkbookError::corrupt("this workbook is damaged: its zip archive is truncated or malformed")
}

/// The end-of-central-directory record: the last one whose comment reaches the end of the
/// file exactly, else the last one at all (a comment may itself hold the signature).
fn find_end_of_directory(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(u16::MAX as usize);
    let mut fallback = None;
    for at in (first..=last).rev() {
        if u32_at(bytes, at, 0) == Some(END_OF_DIRECTORY) {
            let comment = u16_at(bytes, at, 20).map_or(0, usize::from);
            if at.saturating_add(22 + comment) == bytes.len() {
                return Some(at);
            }
            fallback.get_or_insert(at);
        }
    }
    fallback
}

impl Archive {
    pub(super) fn parse(bytes: &[u8]) -> Result<Archive, WorkbookError> {
        if bytes.starts_with(&OLE_HEADER) {
            return Err(WorkbookError::new(
                "xlsx.encrypted",
                "this workbook is password-protected or in the old .xls format: save it as \
                 .xlsx without a password",
            ));
        }
        let Some(end) = find_end_of_directory(bytes) else {
            return Err(if bytes.starts_with(b"PK\x03\x04") {
                damaged()
            } else {
                WorkbookError::new("xlsx.not_zip", "this file is not an Excel workbook (.xlsx)")
            });
        };
        let field = |at: usize| u16_at(bytes, end, at).ok_or_else(damaged);
        let (disk, directory_disk) = (field(4)?, field(6)?);
        if disk != 0 || directory_disk != 0 {
            return Err(WorkbookError::corrupt(
                "this workbook is a split (multi-part) zip archive, which cannot be read: save \
                 it again as one .xlsx file",
            ));
        }
        let count = field(10)?;
        let size = u32_at(bytes, end, 12).ok_or_else(damaged)?;
        let offset = u32_at(bytes, end, 16).ok_or_else(damaged)?;
        if count == u16::MAX || size == u32::MAX || offset == u32::MAX {
            return Err(WorkbookError::corrupt("this workbook is a Zip64 archive, which cannot be read: save it again in Excel"));
        }
        let directory = slice_at(bytes, offset as usize, 0, size as usize).ok_or_else(damaged)?;
        // At most one entry per 46 bytes of directory, whatever the count claims.
        let mut entries = Vec::with_capacity(usize::from(count).min(directory.len() / 46));
        let mut at = 0usize;
        for _ in 0..count {
            if u32_at(directory, at, 0) != Some(CENTRAL_HEADER) {
                return Err(damaged());
            }
            let get16 = |off: usize| u16_at(directory, at, off).ok_or_else(damaged);
            let get32 = |off: usize| u32_at(directory, at, off).ok_or_else(damaged);
            let name_len = usize::from(get16(28)?);
            let skip = name_len + usize::from(get16(30)?) + usize::from(get16(32)?);
            let name = slice_at(directory, at, 46, name_len).ok_or_else(damaged)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                flags: get16(8)?,
                method: get16(10)?,
                crc: get32(16)?,
                packed: get32(20)? as usize,
                local_header: get32(42)? as usize,
            });
            at = at.checked_add(46 + skip).ok_or_else(damaged)?;
        }
        Ok(Archive { bytes: bytes.to_vec(), entries })
    }

    /// The entry named `name` (exactly, else ignoring ASCII case: zip names are
    /// case-sensitive but some tools change the case of part names).
    fn entry(&self, name: &str) -> Option<&Entry> {
        let name = name.strip_prefix('/').unwrap_or(name);
        self.entries.iter().find(|e| e.name == name).or_else(|| self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)))
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    /// The unpacked bytes of the part `name`, `None` if there is no such part. `budget` is
    /// what the parts read so far left of their common cap: this part's size is taken off.
    pub(super) fn read(&self, name: &str, budget: &mut usize) -> Result<Option<Vec<u8>>, WorkbookError> {
        let Some(entry) = self.entry(name) else { return Ok(None) };
        let name = &entry.name;
        if entry.flags & 1 != 0 {
            return Err(WorkbookError::corrupt(format!(
                "the part {name} is encrypted inside the zip archive, which Excel never does: \
                 save the workbook again in Excel"
            )));
        }
        let truncated = || WorkbookError::corrupt(format!("the part {name} is truncated"));
        let local = entry.local_header;
        if u32_at(&self.bytes, local, 0) != Some(LOCAL_HEADER) {
            return Err(truncated());
        }
        let name_len = u16_at(&self.bytes, local, 26).ok_or_else(truncated)?;
        let extra_len = u16_at(&self.bytes, local, 28).ok_or_else(truncated)?;
        let skip = 30 + usize::from(name_len) + usize::from(extra_len);
        let packed = slice_at(&self.bytes, local, skip, entry.packed).ok_or_else(truncated)?;
        let ratio_cap = packed.len().saturating_mul(MAX_INFLATE_RATIO);
        let limit = ratio_cap.saturating_add(INFLATE_ALLOWANCE).min(*budget);
        let too_large = || {
            WorkbookError::new(
                "xlsx.too_large",
                format!(
                    "the part {name} unpacks to more than {limit} bytes, the most this reader \
                     takes from it ({MAX_INFLATE_RATIO} times its packed size plus 1 MiB, and \
                     256 MiB for all parts read together)"
                ),
            )
        };
        let data = match entry.method {
            0 if packed.len() > limit => return Err(too_large()),
            0 => packed.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(packed, limit).map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_large(),
                _ => WorkbookError::corrupt(format!("the part {name} is damaged: it does not unpack")),
            })?,
            method => {
                return Err(WorkbookError::corrupt(format!(
                    "the part {name} is packed with zip method {method}, which Excel never \
                     uses: save the workbook again in Excel"
                )))
            }
        };
        if crc32(&data) != entry.crc {
            return Err(WorkbookError::corrupt(format!("the part {name} is damaged: its checksum does not match")));
        }
        *budget = budget.saturating_sub(data.len());
        Ok(Some(data))
    }
}

/// CRC-32 (IEEE, reflected) one byte at a time from a 1 KB table built at compile time: not
/// crc32fast, whose sixteen tables (16 KB) would cost the wasm module more than the whole
/// writer; tests check this against crc32fast.
pub(super) fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A zip archive of stored (uncompressed) entries, each `(name, bytes)`. Sizes and offsets
/// are 32-bit: past 4 GiB (which wasm32 memory cannot hold anyway) they would wrap.
pub(super) fn write_stored(files: &[(&str, &[u8])]) -> Vec<u8> {
    let total: usize = files.iter().map(|(n, d)| 30 + 46 + 2 * n.len() + d.len()).sum();
    let mut out = Vec::with_capacity(total + 22);
    let mut directory = Vec::new();
    // 1980-01-01 00:00, the earliest time a zip entry can have: the output depends on
    // nothing but the rows.
    let (time, date) = (0u16, (1 << 5) | 1u16);
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let mut header = Vec::with_capacity(30);
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
        header.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: names are UTF-8
        header.extend_from_slice(&0u16.to_le_bytes()); // stored
        header.extend_from_slice(&time.to_le_bytes());
        header.extend_from_slice(&date.to_le_bytes());
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        directory.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes()); // made by: 2.0, MS-DOS
        directory.extend_from_slice(&header);
        // Comment length, disk, internal and external attributes.
        directory.extend_from_slice(&[0u8; 10]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_offset = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(&END_OF_DIRECTORY.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]); // this disk, the directory's disk
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&directory_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}
