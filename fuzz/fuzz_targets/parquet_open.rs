//! Parquet reader: arbitrary bytes, valid files built from the input, and
//! valid files with one byte changed.
//!
//! Input: one control byte, then data. Control `% 3`:
//! - 0: the data is the `.parquet` file. No panic, the reader invariants of
//!   the harness, no error message quoting the file.
//! - 1: the data describes a table (cells separated by NUL bytes; 1 to 3
//!   text columns, `Utf8` or `LargeUtf8`, beside an `Int64` column `id`; a
//!   cell `\x01` is null), written by arrow-rs with small row groups and
//!   pages. Reading it back must give one record per row, numbered from 1,
//!   keyed by `id`, whose fields are the non-null non-empty text cells, and
//!   no error.
//! - 2: as 1, then one byte of the file (position and value from the input)
//!   replaced: no panic, the reader invariants.
#![no_main]

use std::sync::{Arc, LazyLock};

use arrow_array::{ArrayRef, Int64Array, LargeStringArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use libfuzzer_sys::fuzz_target;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use privasift_formats::Selection;
use privasift_fuzz::{Event, Scratch, read};

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("parquet"));

struct Table {
    columns: Vec<String>,
    /// Row-major text cells; `None` is null.
    rows: Vec<Vec<Option<String>>>,
}

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    let sel = Selection::new(Vec::new(), Some("id".into()));
    match ctl % 3 {
        0 => {
            let path = SCRATCH.write("in.parquet", rest);
            let _ = read(&path, &sel, &[rest]);
        }
        mode => {
            let Some((file, table)) = build(ctl, rest) else {
                return;
            };
            if mode == 1 {
                let path = SCRATCH.write("in.parquet", &file);
                let out = read(&path, &sel, &[]);
                check_round_trip(&table, &out);
            } else {
                let mut file = file;
                let (Some(&a), Some(&b), Some(&v)) = (rest.first(), rest.get(1), rest.get(2))
                else {
                    return;
                };
                let at = (usize::from(a) << 8 | usize::from(b)) % file.len();
                file[at] = v;
                let path = SCRATCH.write("in.parquet", &file);
                let _ = read(&path, &sel, &[]);
            }
        }
    }
});

fn build(ctl: u8, data: &[u8]) -> Option<(Vec<u8>, Table)> {
    let ncols = 1 + usize::from(ctl >> 2) % 3;
    let cells: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    let nrows = cells.len() / ncols;
    let columns: Vec<String> = (0..ncols).map(|c| format!("t{c}")).collect();
    let rows: Vec<Vec<Option<String>>> = (0..nrows)
        .map(|r| {
            (0..ncols)
                .map(|c| {
                    let cell = cells[r * ncols + c];
                    (cell != b"\x01").then(|| String::from_utf8_lossy(cell).into_owned())
                })
                .collect()
        })
        .collect();
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(Int64Array::from_iter_values(
        (0..nrows as i64).map(|i| i * 7 - 3),
    ))];
    for (c, name) in columns.iter().enumerate() {
        let values = rows.iter().map(|r| r[c].as_deref());
        if c % 2 == 0 {
            fields.push(Field::new(name, DataType::Utf8, true));
            arrays.push(Arc::new(values.collect::<StringArray>()));
        } else {
            fields.push(Field::new(name, DataType::LargeUtf8, true));
            arrays.push(Arc::new(values.collect::<LargeStringArray>()));
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(Arc::clone(&schema), arrays).ok()?;
    let compression = match (ctl >> 4) % 4 {
        0 => Compression::UNCOMPRESSED,
        1 => Compression::SNAPPY,
        2 => Compression::ZSTD(parquet::basic::ZstdLevel::default()),
        _ => Compression::GZIP(parquet::basic::GzipLevel::default()),
    };
    let props = WriterProperties::builder()
        .set_compression(compression)
        .set_max_row_group_row_count(Some(1 + usize::from(ctl >> 6) * 3))
        .set_data_page_row_count_limit(2)
        .set_write_batch_size(2)
        .build();
    let mut file = Vec::new();
    let mut w = ArrowWriter::try_new(&mut file, schema, Some(props)).ok()?;
    w.write(&batch).ok()?;
    w.close().ok()?;
    Some((file, Table { columns, rows }))
}

fn check_round_trip(table: &Table, out: &privasift_fuzz::Outcome) {
    assert!(out.open_error.is_none(), "{:?}", out.open_error);
    assert!(out.read_error.is_none(), "{:?}", out.read_error);
    assert_eq!(out.events.len(), table.rows.len(), "{:?}", out.events);
    for (i, (event, row)) in out.events.iter().zip(&table.rows).enumerate() {
        let fields: Vec<(String, String)> = table
            .columns
            .iter()
            .zip(row)
            .filter_map(|(c, v)| {
                v.as_ref()
                    .filter(|v| !v.is_empty())
                    .map(|v| (c.clone(), v.clone()))
            })
            .collect();
        let want = Event::Record {
            index: i as u64 + 1,
            key: Some((i as i64 * 7 - 3).to_string()),
            fields,
        };
        assert_eq!(event, &want, "row {}", i + 1);
    }
}
